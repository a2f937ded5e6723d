import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestPassage, indexPassages, markdownToPlain, splitPassages } from './passages.js';

describe('passages', () => {
  it('strips Markdown for snippets', () => {
    expect(markdownToPlain('## Délais\n**48 h** via [suivi](https://x.fr) and `code`')).toBe('Délais\n48 h via suivi and code');
  });
  it('splits paragraphs and long paragraphs into sentence windows', () => {
    expect(splitPassages('One.\n\nTwo.')).toEqual(['One.', 'Two.']);
    const long = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const parts = splitPassages(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(340);
  });
  it('picks the passage with the most query weight, the first when none matches', () => {
    const passages = indexPassages('Payment by card.\n\nReturns within 30 days.', 'en');
    expect(bestPassage(passages, [{ term: 'return', weight: 1 }])).toBe('Returns within 30 days.');
    expect(bestPassage(passages, [{ term: 'zzz', weight: 1 }])).toBe('Payment by card.');
    expect(bestPassage([], [])).toBe('');
  });
  it('never throws and keeps passages non-empty', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const p of splitPassages(s)) expect(p.trim().length).toBeGreaterThan(0);
      }),
    );
  });
});
