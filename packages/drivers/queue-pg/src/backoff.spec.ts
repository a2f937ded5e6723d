import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const exact = { baseMs: 100, factor: 3, maxMs: 2_000, jitter: 0 };

  it('grows exponentially from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, exact))).toEqual([100, 300, 900, 2_000, 2_000]);
  });

  it('stays within [delay * (1 - jitter), min(delay, cap)] for any attempt and random draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (attempt, draw) => {
        const options = { baseMs: 250, factor: 2, maxMs: 60_000, jitter: 0.3 };
        const full = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1));
        const delay = backoffDelay(attempt, options, () => draw);
        return delay <= full && delay >= Math.floor(full * 0.7);
      }),
    );
  });
});
