import { describe, expect, it } from 'vitest';
import { tuneOosThreshold } from './oos-threshold.js';

describe('tuneOosThreshold', () => {
  const correct = (confidence: number) => ({ confidence, correct: true, outOfScope: false, predictedOutOfScope: false });
  it('sacrifices at most the allowed share of correct in-scope answers', () => {
    const samples = [0.2, 0.3, 0.9, 0.95, 0.97, 0.98, 0.99, 0.99, 0.99, 0.99].map(correct);
    expect(tuneOosThreshold(samples, 0.1)).toBe(0.3);
    expect(tuneOosThreshold(samples, 0)).toBe(0.2);
  });
  it('returns 0 without in-scope samples', () => {
    expect(tuneOosThreshold([{ confidence: 0.4, correct: true, outOfScope: true, predictedOutOfScope: true }], 0.01)).toBe(0);
  });
});
