import type { BusinessHours } from './model.js';

// Opening hours are evaluated on real instants formatted in the queue's time zone with Intl, so
// daylight-saving changes need no special case: 09:00 Paris is 08:00Z in winter, 07:00Z in summer.

interface LocalTime {
  /** 0 = Sunday. */
  day: number;
  date: string;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    day: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m ?? 0);
}

/**
 * True when the queue is open at this instant: not a local holiday, and inside one of the
 * day's windows (open inclusive, close exclusive). No hours means always open.
 *
 * @example
 * isOpen({ timeZone: 'Europe/Paris', windows: [{ day: 1, open: '09:00', close: '18:00' }], holidays: [] }, new Date('2026-01-05T08:30:00Z')); // true (09:30 in Paris)
 */
export function isOpen(hours: BusinessHours | null, instant: Date): boolean {
  if (!hours) return true;
  const local = localTime(instant, hours.timeZone);
  if (hours.holidays.includes(local.date)) return false;
  return hours.windows.some((w) => w.day === local.day && local.minutes >= toMinutes(w.open) && local.minutes < toMinutes(w.close));
}

const STEP_MS = 15 * 60_000;
const HORIZON_MS = 15 * 86_400_000;

/**
 * The next instant (to the minute) at which the queue opens, or null if it never opens within
 * 15 days (no windows, or a long closure). Returns `instant` itself when already open.
 *
 * @example
 * nextOpening(hours, new Date('2026-01-03T12:00:00Z')); // Monday 09:00 Paris = 2026-01-05T08:00:00Z
 */
export function nextOpening(hours: BusinessHours | null, instant: Date): Date | null {
  if (isOpen(hours, instant)) return instant;
  if (!hours || hours.windows.length === 0) return null;
  // Coarse 15-minute steps, then back to the exact minute: windows rarely start off the quarter.
  const start = Math.ceil(instant.getTime() / 60_000) * 60_000;
  for (let t = start; t <= start + HORIZON_MS; t += STEP_MS) {
    if (!isOpen(hours, new Date(t))) continue;
    let first = t;
    for (let m = t - 60_000; m > t - STEP_MS && m >= start; m -= 60_000) {
      if (isOpen(hours, new Date(m))) first = m;
      else break;
    }
    return new Date(first);
  }
  return null;
}

/** True for a time zone name ICU knows. */
export function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
