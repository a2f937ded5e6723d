/** A calendar date and an optional wall-clock time in some time zone. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Wall-clock parts of an instant in a time zone.
 *
 * @example
 * toLocal(new Date('2025-03-14T13:00:00Z'), 'Europe/Paris') // { year: 2025, month: 3, day: 14, hour: 14, minute: 0 }
 */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts['year'] ?? 1970, month: parts['month'] ?? 1, day: parts['day'] ?? 1, hour: (parts['hour'] ?? 0) % 24, minute: parts['minute'] ?? 0 };
}

function offsetMinutes(utcMs: number, timeZone: string): number {
  const l = toLocal(new Date(utcMs), timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
  return Math.round((asUtc - Math.floor(utcMs / 60000) * 60000) / 60000);
}

/**
 * ISO 8601 string with the zone offset for a wall-clock time ("2025-03-14T14:00:00+01:00").
 *
 * @example
 * toIsoWithOffset({ year: 2025, month: 7, day: 1, hour: 9, minute: 30 }, 'Europe/Paris') // '2025-07-01T09:30:00+02:00'
 */
export function toIsoWithOffset(l: LocalDateTime, timeZone: string): string {
  const localMs = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
  let off = offsetMinutes(localMs, timeZone);
  off = offsetMinutes(localMs - off * 60000, timeZone);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${formatDate(l)}T${pad(l.hour)}:${pad(l.minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "YYYY-MM-DD" of a local date. */
export function formatDate(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  return `${String(l.year).padStart(4, '0')}-${pad(l.month)}-${pad(l.day)}`;
}

/** Adds days (calendar arithmetic, DST-safe because it never touches instants). */
export function addDays(l: LocalDateTime, days: number): LocalDateTime {
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day + days));
  return { ...l, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Adds months, clamping the day to the target month's length. */
export function addMonths(l: LocalDateTime, months: number): LocalDateTime {
  const first = new Date(Date.UTC(l.year, l.month - 1 + months, 1));
  const y = first.getUTCFullYear();
  const m = first.getUTCMonth() + 1;
  return { ...l, year: y, month: m, day: Math.min(l.day, daysInMonth(y, m)) };
}

/** Adds minutes to the wall-clock time, carrying into days. */
export function addMinutes(l: LocalDateTime, minutes: number): LocalDateTime {
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute + minutes));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): number {
  return new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay();
}

/** True when the zone name is known to the runtime. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
