import type { CountryCode } from 'libphonenumber-js';
import { MAX_TEXT_LENGTH } from '../text/normalize.js';
import { extractAmounts } from './amount-entity.js';
import { isValidTimeZone } from './calendar.js';
import { extractDates } from './date-entity.js';
import { extractEmails } from './email-entity.js';
import { scanText, type Entity, type EntityKind } from './entity.js';
import { extractListEntities, type ListEntityDefinition } from './list-entity.js';
import { extractNumbers } from './number-entity.js';
import { DEFAULT_PHONE_COUNTRY, extractPhones } from './phone-entity.js';
import { DEFAULT_REFERENCE_PATTERNS, extractReferences, type ReferencePattern } from './reference-entity.js';
import { extractRegexEntities, type RegexEntityDefinition } from './regex-entity.js';

/** Custom entities of a bot. */
export interface CustomEntities {
  readonly lists?: readonly ListEntityDefinition[];
  readonly regexes?: readonly RegexEntityDefinition[];
  /** Replace the built-in order/contract reference patterns. */
  readonly references?: readonly ReferencePattern[];
}

/** Options of {@link extractEntities}. */
export interface EntityExtractionOptions {
  readonly language: 'fr' | 'en' | string;
  /** Reference instant for relative dates (default: now). */
  readonly now?: Date;
  /** IANA zone for dates (default "Europe/Paris" for fr, "UTC" otherwise). */
  readonly timeZone?: string;
  /** Country for national phone numbers (default FR for fr, GB for en). */
  readonly phoneCountry?: CountryCode;
  readonly custom?: CustomEntities;
  /** Only these kinds (default: all). */
  readonly kinds?: readonly EntityKind[];
}

// When spans overlap, the more specific kind wins before the longer span.
const PRIORITY: Record<EntityKind, number> = { email: 0, phone: 1, amount: 2, reference: 3, regex: 4, datetime: 5, list: 6, number: 7 };

function resolveOverlaps(entities: Entity[]): Entity[] {
  const sorted = [...entities].sort(
    (a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start,
  );
  const kept: Entity[] = [];
  for (const e of sorted) if (!kept.some((k) => e.start < k.end && k.start < e.end)) kept.push(e);
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Extracts built-in entities (dates/times incl. relative, numbers, amounts, e-mails, phones in E.164,
 * order/contract references) and custom list/regex entities, resolving overlaps.
 *
 * @example
 * extractEntities('Livraison demain à 14h pour la commande CMD-48213', { language: 'fr', now: new Date('2025-03-13T09:00:00Z') })
 * // [{ kind: 'datetime', normalized: '2025-03-14T14:00:00+01:00', ... }, { kind: 'reference', normalized: 'CMD-48213', ... }]
 */
export function extractEntities(input: string, options: EntityExtractionOptions): Entity[] {
  if (typeof input !== 'string' || input.length === 0) return [];
  const text = input.length > MAX_TEXT_LENGTH ? input.slice(0, MAX_TEXT_LENGTH) : input;
  const language = options.language === 'fr' ? 'fr' : 'en';
  const timeZone = options.timeZone ?? (language === 'fr' ? 'Europe/Paris' : 'UTC');
  if (!isValidTimeZone(timeZone)) throw new Error(`Unknown time zone "${timeZone}"`);
  const want = (k: EntityKind): boolean => !options.kinds || options.kinds.includes(k);
  const scan = scanText(text);
  const all: Entity[] = [];
  if (want('email')) all.push(...extractEmails(text, scan));
  if (want('phone')) all.push(...extractPhones(text, options.phoneCountry ?? DEFAULT_PHONE_COUNTRY[language] ?? 'FR'));
  if (want('amount')) all.push(...extractAmounts(text, scan, language));
  if (want('reference')) all.push(...extractReferences(text, scan, options.custom?.references ?? DEFAULT_REFERENCE_PATTERNS));
  if (want('regex') && options.custom?.regexes) all.push(...extractRegexEntities(text, options.custom.regexes));
  if (want('datetime')) all.push(...extractDates(text, scan, language, options.now ?? new Date(), timeZone));
  if (want('list') && options.custom?.lists) all.push(...extractListEntities(text, scan, options.custom.lists, scanText));
  if (want('number')) all.push(...extractNumbers(text, scan, language));
  return resolveOverlaps(all);
}
