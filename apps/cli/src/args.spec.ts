import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

describe('parseArgs', () => {
  it('reads positionals, valued flags, = flags and switches', () => {
    const a = parseArgs(['nlu', 'eval', '--task', 'intent', '--lang=fr', '--json', '--train', 'a.jsonl'], new Set(['json']));
    expect(a.positionals).toEqual(['nlu', 'eval']);
    expect(Object.fromEntries(a.flags)).toEqual({ task: 'intent', lang: 'fr', json: true, train: 'a.jsonl' });
  });
  it('never swallows a following flag as a value', () => {
    expect(parseArgs(['--train', '--test', 'x']).flags.get('train')).toBe(true);
  });
});
