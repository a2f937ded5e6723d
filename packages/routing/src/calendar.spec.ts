import { describe, expect, it } from 'vitest';
import { isOpen, nextOpening } from './calendar.js';
import type { BusinessHours } from './model.js';

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((day) => ({ day, open, close }));
const paris: BusinessHours = { timeZone: 'Europe/Paris', windows: weekdays('09:00', '18:00'), holidays: ['2026-05-01'] };

describe('business hours', () => {
  it('evaluates windows in the queue time zone, across daylight saving time', () => {
    // Winter: Paris is UTC+1; summer: UTC+2.
    expect(isOpen(paris, new Date('2026-01-05T08:00:00Z'))).toBe(true); // Monday 09:00 Paris
    expect(isOpen(paris, new Date('2026-01-05T07:59:00Z'))).toBe(false);
    expect(isOpen(paris, new Date('2026-07-06T07:00:00Z'))).toBe(true); // Monday 09:00 Paris (summer)
    expect(isOpen(paris, new Date('2026-07-06T16:00:00Z'))).toBe(false); // 18:00 Paris: close is exclusive
    expect(isOpen(paris, new Date('2026-01-03T12:00:00Z'))).toBe(false); // Saturday
  });

  it('is closed on a local holiday, and the same instant is another date elsewhere', () => {
    expect(isOpen(paris, new Date('2026-05-01T10:00:00Z'))).toBe(false);
    const tokyo: BusinessHours = { timeZone: 'Asia/Tokyo', windows: weekdays('00:00', '24:00'), holidays: ['2026-05-01'] };
    // 2026-04-30T16:00Z is already May 1st in Tokyo.
    expect(isOpen(tokyo, new Date('2026-04-30T14:00:00Z'))).toBe(true);
    expect(isOpen(tokyo, new Date('2026-04-30T16:00:00Z'))).toBe(false);
  });

  it('finds the next opening to the minute, skipping week-ends and holidays', () => {
    expect(nextOpening(paris, new Date('2026-01-03T12:00:00Z'))?.toISOString()).toBe('2026-01-05T08:00:00.000Z');
    expect(nextOpening(paris, new Date('2026-04-30T17:00:00Z'))?.toISOString()).toBe('2026-05-04T07:00:00.000Z');
    expect(nextOpening({ ...paris, windows: [{ day: 2, open: '09:10', close: '10:00' }] }, new Date('2026-01-05T12:00:00Z'))?.toISOString()).toBe(
      '2026-01-06T08:10:00.000Z',
    );
    expect(nextOpening(null, new Date('2026-01-03T12:00:00Z'))?.toISOString()).toBe('2026-01-03T12:00:00.000Z');
    expect(nextOpening({ ...paris, windows: [] }, new Date('2026-01-03T12:00:00Z'))).toBeNull();
  });
});
