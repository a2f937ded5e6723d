import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLabelledJsonl } from './jsonl.js';

describe('parseLabelledJsonl', () => {
  it('keeps good rows and reports bad lines with their number', () => {
    const r = parseLabelledJsonl('{"text":"hi","label":"greet"}\n\nnot json\n[1]\n{"text":3,"label":"a"}\n{"text":"x"}\n{"text":"y","label":2}\r\n');
    expect(r.rows).toEqual([
      { text: 'hi', label: 'greet' },
      { text: 'y', label: '2' },
    ]);
    expect(r.issues.map((i) => i.line)).toEqual([3, 4, 5, 6]);
    expect(r.issues[0]?.message).toMatch(/invalid JSON/);
  });
  it('accepts a BOM and the "intent" alias', () => {
    expect(parseLabelledJsonl('\ufeff{"text":"a","intent":"b"}').rows).toEqual([{ text: 'a', label: 'b' }]);
  });
  it('round-trips any well-formed rows', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ text: fc.string(), label: fc.string({ minLength: 1 }) })), (rows) => {
        const parsed = parseLabelledJsonl(rows.map((r) => JSON.stringify(r)).join('\n'));
        expect(parsed.issues).toEqual([]);
        expect(parsed.rows).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  });
  it('never throws and accounts for every non-blank line', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json())), (lines) => {
        const r = parseLabelledJsonl(lines.join('\n'));
        const nonBlank = lines
          .join('\n')
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '').length;
        expect(r.rows.length + r.issues.length).toBe(nonBlank);
      }),
      { numRuns: 200 },
    );
  });
});
