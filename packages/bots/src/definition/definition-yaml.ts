import { parse, stringify } from 'yaml';
import type { BotDefinition } from './bot-definition.schema.js';

/**
 * A definition as YAML (the same fields as the JSON export), for people who edit it by hand.
 *
 * @example
 * writeFileSync('lumi.yaml', definitionToYaml(bot.definition));
 */
export function definitionToYaml(definition: BotDefinition): string {
  // lineWidth 0: long texts stay on one line instead of being folded at 80 columns.
  return `# Parley bot definition (${definition.format}); import it with POST /api/v1/bots (Content-Type: application/yaml)\n${stringify(definition, { lineWidth: 0 })}`;
}

/**
 * Reads a YAML (or JSON, a subset of YAML) text into a value to validate with `parseBotDefinition`.
 * Never throws: a syntax error comes back as a readable message.
 *
 * @example
 * const read = parseDefinitionYaml(text);
 * if (read.ok) parseBotDefinition(read.value);
 */
export function parseDefinitionYaml(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    // Aliases are few in a hand-written definition; a low bound stops "billion laughs" bodies.
    return { ok: true, value: parse(text, { maxAliasCount: 20, logLevel: 'error' }) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e) };
  }
}
