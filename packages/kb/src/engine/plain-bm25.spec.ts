import { describe, expect, it } from 'vitest';
import { faqItems } from '../eval/faq-items.js';
import { evaluateRetrieval, meanBootstrap } from '../eval/retrieval-metrics.js';
import { reciprocalRankFusion, weightedFusion } from './fusion.js';
import { feedbackBoost } from './feedback-boost.js';
import { PlainBm25 } from './plain-bm25.js';

describe('baseline, fusion, feedback and metrics', () => {
  it('ranks with plain BM25 without stemming', () => {
    const bm25 = new PlainBm25([
      { id: 'a', text: 'delete my account' },
      { id: 'b', text: 'deleting accounts' },
    ]);
    expect(bm25.search('delete account', 5)).toEqual(['a']);
  });
  it('fuses ranks', () => {
    expect(
      reciprocalRankFusion([
        ['a', 'b'],
        ['b', 'c'],
      ]).get('b'),
    ).toBeCloseTo(1 / 62 + 1 / 61);
    expect(weightedFusion(new Map([['a', 4]]), new Map([['a', 0.5]]), 0.5).get('a')).toBe(0.75);
  });
  it('bounds the feedback boost', () => {
    expect(feedbackBoost(undefined)).toBe(1);
    expect(feedbackBoost({ helpful: 1e6, notHelpful: 0, accepted: 0, rejected: 0 })).toBeLessThanOrEqual(1.2);
    expect(feedbackBoost({ helpful: 0, notHelpful: 1e6, accepted: 0, rejected: 1 })).toBeGreaterThanOrEqual(0.8);
  });
  it('scores hit@k and MRR@5 and bootstraps the mean', () => {
    const r = evaluateRetrieval(
      [
        { question: 'x', answerId: 'a' },
        { question: 'y', answerId: 'z' },
      ],
      (q) => (q === 'x' ? ['b', 'a'] : ['a']),
      0,
    );
    expect([r.hit1, r.hit5, r.mrr]).toEqual([0, 0.5, 0.25]);
    const ci = meanBootstrap([0, 1, 1, 0, 1]);
    expect(ci.low).toBeLessThanOrEqual(0.6);
    expect(ci.high).toBeGreaterThanOrEqual(0.6);
  });
  it('builds items from FAQ rows and counts unknown phrasings', () => {
    const r = faqItems(
      [{ answerId: 'a', question: 'Q', answer: 'A' }],
      [
        { question: 'P', answerId: 'a' },
        { question: 'P2', answerId: 'nope' },
      ],
    );
    expect(r.items[0]?.phrasings).toEqual(['P']);
    expect(r.unknownPhrasings).toBe(1);
  });
});
