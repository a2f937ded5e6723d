import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('serves a value until it expires, shares concurrent loads, and forgets failures', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<string, number>(100, 10, () => now);
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual([1, 1]);
    now = 99;
    expect(await cache.get('a', load)).toBe(1);
    now = 100;
    expect(await cache.get('a', load)).toBe(2);
    await expect(cache.get('b', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('b', load)).toBe(3);
  });

  it('stays within its size', async () => {
    const cache = new TtlCache<number, number>(1_000, 3);
    for (let i = 0; i < 10; i++) await cache.get(i, async () => i);
    expect((cache as unknown as { entries: Map<number, unknown> }).entries.size).toBeLessThanOrEqual(3);
  });
});
