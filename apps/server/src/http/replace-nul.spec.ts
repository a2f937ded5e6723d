import { describe, expect, it } from 'vitest';
import { replaceNul } from './replace-nul.js';

describe('replaceNul', () => {
  it('replaces U+0000 in strings, nested values and keys with U+FFFD', () => {
    expect(replaceNul('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
    expect(replaceNul({ text: 'x\u0000', list: ['ok', { 'k\u0000': 'v\u0000' }], n: 1, none: null })).toEqual({
      text: 'x\uFFFD',
      list: ['ok', { 'k\uFFFD': 'v\uFFFD' }],
      n: 1,
      none: null,
    });
  });

  it('returns the same value when there is nothing to replace, and leaves buffers and dates alone', () => {
    const clean = { text: 'fine', at: new Date(0), nested: [{ a: 'b' }] };
    expect(replaceNul(clean)).toBe(clean);
    const data = Buffer.from([0, 1, 0]);
    const at = new Date(0);
    const out = replaceNul({ text: '\u0000', data, at });
    expect(out.data).toBe(data);
    expect(out.at).toBe(at);
    expect(out.text).toBe('\uFFFD');
  });
});
