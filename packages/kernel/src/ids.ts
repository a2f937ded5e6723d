import { randomBytes } from 'node:crypto';

// Monotonic within this process: ids made in the same millisecond still sort in creation order
// (RFC 9562 §6.2, method 1: a counter in the 12 rand_a bits), so "latest id" is a sound tie-breaker
// for rows written in one transaction, whose timestamps are equal.
let lastMs = -1;
let counter = 0;

/**
 * A UUID version 7 (RFC 9562): time-ordered, so ids sort by creation and index well.
 *
 * @example
 * const id = newId(); // '0193a6d2-7b1e-7c4a-9f0e-3b2d1c0a9e8f'
 */
export function newId(now: number = Date.now()): string {
  let ms = now;
  if (ms <= lastMs) {
    counter++;
    // 4,096 ids in one millisecond: borrow the next millisecond rather than lose the order.
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    // Start low in the millisecond, leaving room to count up.
    counter = randomBytes(1)[0] ?? 0;
  }
  const bytes = randomBytes(16);
  // 48-bit big-endian millisecond timestamp.
  bytes[0] = (ms / 2 ** 40) & 0xff;
  bytes[1] = (ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** True for a syntactically valid UUID; ids from the outside are checked before they reach SQL. */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
