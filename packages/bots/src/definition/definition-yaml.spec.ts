import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LUMI_BOT } from '../demo/lumi-bot.js';
import { parseBotDefinition } from './bot-definition.schema.js';
import { definitionToYaml, parseDefinitionYaml } from './definition-yaml.js';

describe('bot definition as YAML', () => {
  it('round-trips the demo bot: YAML export, then import, gives the same definition', () => {
    const parsed = parseBotDefinition(LUMI_BOT);
    if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
    const yaml = definitionToYaml(parsed.definition);
    expect(yaml).toMatch(/^# Parley bot definition/);
    expect(yaml).toContain('format: parley-bot/1');
    const read = parseDefinitionYaml(yaml);
    if (!read.ok) throw new Error(read.error);
    const again = parseBotDefinition(read.value);
    expect(again.ok && again.definition).toEqual(parsed.definition);
  });

  it('reads JSON too, and reports a syntax error or an alias bomb instead of throwing', () => {
    expect(parseDefinitionYaml('{"name": "x"}')).toEqual({ ok: true, value: { name: 'x' } });
    expect(parseDefinitionYaml('name: [unclosed')).toMatchObject({ ok: false });
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(parseDefinitionYaml(bomb)).toMatchObject({ ok: false });
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof parseDefinitionYaml(text).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
