import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseFaqJsonl, parseQueryJsonl } from './faq-jsonl.js';

describe('FAQ JSONL', () => {
  it('reads rows and reports bad lines with their number', () => {
    const r = parseFaqJsonl('{"answer_id":"a","question":"Q?","answer":"A."}\n\n{oops\n[1]\n{"answer_id":"b"}\n{"answer_id":3,"question":"N"}');
    expect(r.rows).toEqual([
      { answerId: 'a', question: 'Q?', answer: 'A.' },
      { answerId: '3', question: 'N', answer: '' },
    ]);
    expect(r.issues.map((i) => i.line)).toEqual([3, 4, 5]);
    expect(parseQueryJsonl('{"question":"x"}').issues[0]?.message).toMatch(/answer_id/);
  });
  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(Array.isArray(parseQueryJsonl(s).rows)).toBe(true);
      }),
    );
  });
});
