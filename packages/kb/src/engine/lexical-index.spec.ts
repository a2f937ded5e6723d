import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KnowledgeItem } from './knowledge-item.js';
import { LexicalIndex } from './lexical-index.js';

// A small vocabulary with a few very common words, so that pruning has common postings to skip.
const WORDS = ['order', 'parcel', 'delivery', 'refund', 'invoice', 'password', 'account', 'card', 'late', 'broken', 'return', 'address', 'the', 'my', 'is'];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));
const items = fc.array(fc.record({ title: text, body: text, phrasings: fc.array(text, { maxLength: 3 }) }), { minLength: 1, maxLength: 60 });

describe('LexicalIndex top-k search', () => {
  it('returns exactly the first k hits of the exhaustive search (pruning changes no ranking)', () => {
    fc.assert(
      fc.property(items, text, fc.integer({ min: 1, max: 8 }), (rows, question, k) => {
        const base: KnowledgeItem[] = rows.map((r, i) => ({ id: `i${i}`, ...r, language: 'en' }));
        const index = LexicalIndex.build(base);
        const all = index.search({ question }).slice(0, k);
        const top = index.search({ question }, { limit: k });
        expect(top.map((h) => [h.index, h.score, h.variant?.text ?? null])).toEqual(all.map((h) => [h.index, h.score, h.variant?.text ?? null]));
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('applies a bounded boost to the selection and keeps the lexical score on the hits', () => {
    const base: KnowledgeItem[] = [
      { id: 'a', title: 'refund of my order', body: 'refund', language: 'en' },
      { id: 'b', title: 'refund of an order', body: 'refund', language: 'en' },
    ];
    const index = LexicalIndex.build(base);
    const plain = index.search({ question: 'refund order' });
    const boosted = index.search({ question: 'refund order' }, { limit: 1, boost: (i) => (i === 1 ? 1.2 : 0.8), maxBoost: 1.2 });
    expect(boosted.map((h) => h.index)).toEqual([1]);
    expect(boosted[0]?.score).toBe(plain.find((h) => h.index === 1)?.score);
  });
});
