import { describe, expect, it } from 'vitest';
import type { Clock } from '@parley/kernel';
import { ConnectorResponseCache } from './customer-cards.flow.js';

class ManualClock implements Clock {
  constructor(private at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

describe('connector response cache', () => {
  it('keeps an answer for its time to live only', () => {
    const clock = new ManualClock(0);
    const cache = new ConnectorResponseCache(clock, { ttlMs: 1000, maxEntries: 10 });
    cache.set('a', { n: 1 });
    clock.advance(999);
    expect(cache.get('a')).toEqual({ body: { n: 1 }, at: new Date(0) });
    clock.advance(1);
    expect(cache.get('a')).toBeNull();
  });

  it('drops the oldest entry when full, and a rewrite makes an entry the newest', () => {
    const cache = new ConnectorResponseCache(new ManualClock(0), { ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect(cache.get('b')).toBeNull();
    expect(cache.get('a')?.body).toBe(3);
    expect(cache.get('c')?.body).toBe(4);
  });

  it('keeps nothing with a zero time to live', () => {
    const cache = new ConnectorResponseCache(new ManualClock(0), { ttlMs: 0, maxEntries: 2 });
    cache.set('a', 1);
    expect(cache.get('a')).toBeNull();
  });
});
