import type { Locale } from '../i18n/messages.js';

/**
 * A compact time for lists: the hour today, the day and month otherwise.
 * @example shortTime('2024-05-01T09:05:00Z', 'en', new Date('2024-05-01T12:00:00Z')) // e.g. '9:05 AM' (local zone)
 */
export function shortTime(iso: string | null, locale: Locale, now: Date = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}

/** Date and time, for message and timeline tooltips and stamps. */
export function fullTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
