import { describe, expect, it } from 'vitest';
import { isUuid, newId } from './ids.js';

describe('newId', () => {
  it('makes valid UUIDv7s that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId(1_795_000_000_000));
    for (const id of ids) expect(isUuid(id)).toBe(true);
    expect(ids.every((id) => id[14] === '7')).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the order across milliseconds and when the clock goes back', () => {
    const a = newId(1_795_000_000_100);
    const b = newId(1_795_000_000_050);
    const c = newId(1_795_000_000_200);
    expect([a, b, c].sort()).toEqual([a, b, c]);
  });
});
