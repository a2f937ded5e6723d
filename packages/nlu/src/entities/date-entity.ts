import { addDays, addMinutes, addMonths, daysInMonth, formatDate, pad, toIsoWithOffset, toLocal, weekday, type LocalDateTime } from './calendar.js';
import { findDatePieces, type DatePiece, type DateSpec } from './date-grammar.js';
import type { Entity } from './entity.js';

/** Structured value of a `datetime` entity. */
export interface DateTimeValue {
  /** "YYYY-MM-DD" in the reference time zone. */
  readonly date: string;
  /** "HH:MM" or null when only a day was said. */
  readonly time: string | null;
  /** ISO 8601 instant with offset when a time is known, else the date. */
  readonly iso: string;
  readonly grain: 'minute' | 'day' | 'week' | 'month';
  /** True for expressions that depend on "now" ("demain", "in 2 hours"). */
  readonly relative: boolean;
}

function resolveDate(spec: DateSpec, now: LocalDateTime): LocalDateTime | null {
  switch (spec.type) {
    case 'offset':
      return addDays(now, spec.days);
    case 'months':
      return addMonths(now, spec.months);
    case 'weekday': {
      const today = weekday(now);
      let delta = (spec.weekday - today + 7) % 7;
      if (spec.direction === 'last') delta = delta === 0 ? -7 : delta - 7;
      else if (spec.direction === 'next' && delta === 0) delta = 7;
      return addDays(now, delta);
    }
    case 'absolute': {
      const candidates = spec.year !== undefined ? [spec.year] : [now.year - 1, now.year, now.year + 1];
      let best: LocalDateTime | null = null;
      let bestGap = Infinity;
      for (const year of candidates) {
        if (spec.day > daysInMonth(year, spec.month)) continue;
        const gap = Math.abs(Date.UTC(year, spec.month - 1, spec.day) - Date.UTC(now.year, now.month - 1, now.day));
        // Without a year, prefer the nearest occurrence, ties going to the future.
        if (gap < bestGap) {
          best = { ...now, year, month: spec.month, day: spec.day };
          bestGap = gap;
        }
      }
      return best;
    }
  }
}

const DATE_THEN_TIME = /^[\s,]*(?:a|at|vers|around|about|des|by|le|on|de|du|en|dans la|dans l')?[\s,]*$/;
const TIME_THEN_DATE = /^[\s,]*(?:le|on|ce|this)?[\s,]*$/;

function overlaps(a: DatePiece, b: DatePiece): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Keeps the longest non-overlapping pieces (a longer rule match beats a shorter one inside it). */
function selectPieces(pieces: DatePiece[]): DatePiece[] {
  const sorted = [...pieces].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: DatePiece[] = [];
  for (const p of sorted) if (!kept.some((k) => overlaps(k, p))) kept.push(p);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Finds dates, times and relative expressions ("demain à 14h", "next Friday at 3pm", "dans 2 heures")
 * and resolves them against `now` in `timeZone`.
 *
 * @example
 * extractDates('demain à 14h', scanText('demain à 14h'), 'fr', new Date('2025-03-13T10:00:00Z'), 'Europe/Paris')[0].normalized
 * // '2025-03-14T14:00:00+01:00'
 */
export function extractDates(text: string, scan: string, language: string, now: Date, timeZone: string): Entity[] {
  const local = toLocal(now, timeZone);
  const pieces = selectPieces(findDatePieces(scan, language));
  const out: Entity[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i] as DatePiece;
    const next = pieces[i + 1];
    const start = piece.start;
    let end = piece.end;
    let date = piece.date;
    let time = piece.time;
    if (next) {
      const gap = scan.slice(piece.end, next.start);
      const joinable =
        (piece.date && !piece.time && next.time && !next.date && DATE_THEN_TIME.test(gap)) ||
        (piece.time && !piece.date && next.date && !next.time && TIME_THEN_DATE.test(gap));
      if (joinable) {
        date = piece.date ?? next.date;
        time = piece.time ?? next.time;
        end = next.end;
        i++;
      }
    }
    piece = { ...piece, start, end };
    let resolved: LocalDateTime | null;
    let grain: DateTimeValue['grain'];
    let relative = true;
    if (piece.shiftMinutes !== undefined) {
      resolved = addMinutes(local, piece.shiftMinutes);
      grain = 'minute';
      time = { hour: resolved.hour, minute: resolved.minute };
    } else {
      resolved = date ? resolveDate(date, local) : { ...local };
      if (date?.type === 'absolute') relative = date.year === undefined;
      grain = date?.type === 'months' ? 'month' : date?.type === 'offset' && date.grain === 'week' ? 'week' : time ? 'minute' : 'day';
    }
    if (!resolved) continue;
    const withTime: LocalDateTime = time ? { ...resolved, hour: time.hour, minute: time.minute } : { ...resolved, hour: 0, minute: 0 };
    const value: DateTimeValue = {
      date: formatDate(withTime),
      time: time ? `${pad(withTime.hour)}:${pad(withTime.minute)}` : null,
      iso: time ? toIsoWithOffset(withTime, timeZone) : formatDate(withTime),
      grain,
      relative,
    };
    out.push({
      kind: 'datetime',
      name: 'datetime',
      text: text.slice(start, end),
      start,
      end,
      value,
      normalized: value.iso,
      confidence: time?.partOfDay ? 0.8 : 1,
    });
  }
  return out;
}
