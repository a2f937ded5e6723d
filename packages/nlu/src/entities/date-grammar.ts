import { numberWordPattern, parseNumberToken } from './number-words.js';

/** A piece of a date/time expression found by one grammar rule. */
export interface DatePiece {
  readonly start: number;
  readonly end: number;
  /** Day offset, absolute date, weekday or month shift — whichever the rule resolved. */
  readonly date?: DateSpec;
  readonly time?: { hour: number; minute: number; partOfDay?: boolean };
  /** Relative duration from now (e.g. "in 2 hours"), already carrying its own time. */
  readonly shiftMinutes?: number;
}

export type DateSpec =
  | { type: 'offset'; days: number; grain?: 'day' | 'week' }
  | { type: 'months'; months: number }
  | { type: 'weekday'; weekday: number; direction: 'next' | 'last' | 'this' }
  | { type: 'absolute'; day: number; month: number; year?: number };

const MONTHS_FR = [
  'janvier|janv',
  'fevrier|fevr|fev',
  'mars',
  'avril|avr',
  'mai',
  'juin',
  'juillet|juil',
  'aout',
  'septembre|sept',
  'octobre|oct',
  'novembre|nov',
  'decembre|dec',
];
const MONTHS_EN = [
  'january|jan',
  'february|feb',
  'march|mar',
  'april|apr',
  'may',
  'june|jun',
  'july|jul',
  'august|aug',
  'september|sept|sep',
  'october|oct',
  'november|nov',
  'december|dec',
];
const DAYS_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const DAYS_EN = ['sunday|sun', 'monday|mon', 'tuesday|tues|tue', 'wednesday|wed', 'thursday|thurs|thu', 'friday|fri', 'saturday|sat'];

function indexIn(table: readonly string[], word: string): number {
  return table.findIndex((alts) => alts.split('|').includes(word));
}
function alternation(table: readonly string[]): string {
  return table
    .flatMap((a) => a.split('|'))
    .sort((a, b) => b.length - a.length)
    .join('|');
}

type Rule = { re: RegExp; make: (m: RegExpMatchArray) => Omit<DatePiece, 'start' | 'end'> | null };

const UNIT_MINUTES: Record<string, number> = { minute: 1, min: 1, heure: 60, hour: 60, h: 60 };
const UNIT_DAYS: Record<string, number> = { jour: 1, day: 1, semaine: 7, week: 7 };
const UNIT_MONTHS: Record<string, number> = { mois: 1, month: 1, an: 12, annee: 12, year: 12 };

function duration(amount: number, unitRaw: string): Omit<DatePiece, 'start' | 'end'> | null {
  const unit = unitRaw.replace(/s$/, '');
  if (UNIT_MINUTES[unit] !== undefined) return { shiftMinutes: amount * UNIT_MINUTES[unit] };
  if (UNIT_DAYS[unit] !== undefined) return { date: { type: 'offset', days: amount * UNIT_DAYS[unit] } };
  const months = UNIT_MONTHS[unit] ?? UNIT_MONTHS[unitRaw];
  if (months !== undefined) return { date: { type: 'months', months: amount * months } };
  return null;
}

function hour12(h: number, suffix: string | undefined): number {
  if (!suffix) return h;
  const pm = suffix.startsWith('p');
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

function validTime(hour: number, minute: number): boolean {
  return hour >= 0 && hour <= 24 && minute >= 0 && minute < 60;
}

function frenchRules(): Rule[] {
  const num = `\\d{1,3}|${numberWordPattern('fr', true)}`;
  const months = alternation(MONTHS_FR);
  const days = DAYS_FR.join('|');
  return [
    { re: /\baujourd' ?hui\b/g, make: () => ({ date: { type: 'offset', days: 0 } }) },
    { re: /\bapres[- ]demain\b/g, make: () => ({ date: { type: 'offset', days: 2 } }) },
    { re: /\bavant[- ]hier\b/g, make: () => ({ date: { type: 'offset', days: -2 } }) },
    { re: /\bdemain\b/g, make: () => ({ date: { type: 'offset', days: 1 } }) },
    { re: /\bhier\b/g, make: () => ({ date: { type: 'offset', days: -1 } }) },
    { re: /\b(?:la\s+)?semaine\s+prochaine\b/g, make: () => ({ date: { type: 'offset', days: 7, grain: 'week' } }) },
    { re: /\b(?:le\s+)?mois\s+prochain\b/g, make: () => ({ date: { type: 'months', months: 1 } }) },
    { re: /\b(?:ce\s+)?week-?end\b/g, make: () => ({ date: { type: 'weekday', weekday: 6, direction: 'this' } }) },
    {
      re: new RegExp(`\\b(?:(ce|cette)\\s+)?(${days})(?:\\s+(prochain|suivant|qui vient|dernier|passe))?\\b`, 'g'),
      make: (m) => {
        const wd = DAYS_FR.indexOf(m[2] ?? '');
        const mod = m[3];
        const direction = mod === 'dernier' || mod === 'passe' ? 'last' : m[1] ? 'this' : 'next';
        return { date: { type: 'weekday', weekday: wd, direction } };
      },
    },
    {
      re: new RegExp(`\\bdans\\s+(${num})\\s+(minutes?|min|heures?|h|jours?|semaines?|mois|ans?|annees?)\\b`, 'g'),
      make: (m) => {
        const n = parseNumberToken(m[1] ?? '', 'fr');
        return n === null ? null : duration(n, m[2] ?? '');
      },
    },
    {
      re: new RegExp(`\\bil y a\\s+(${num})\\s+(minutes?|min|heures?|jours?|semaines?|mois|ans?|annees?)\\b`, 'g'),
      make: (m) => {
        const n = parseNumberToken(m[1] ?? '', 'fr');
        return n === null ? null : duration(-n, m[2] ?? '');
      },
    },
    {
      re: new RegExp(`\\b(?:le\\s+)?(1er|premier|\\d{1,2})\\s+(${months})\\.?(?:\\s+(\\d{4}))?\\b`, 'g'),
      make: (m) => {
        const day = m[1] === '1er' || m[1] === 'premier' ? 1 : Number(m[1]);
        const month = indexIn(MONTHS_FR, m[2] ?? '') + 1;
        return { date: { type: 'absolute', day, month, ...(m[3] ? { year: Number(m[3]) } : {}) } };
      },
    },
    {
      re: /\b(?:le\s+)?(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?\b/g,
      make: (m) => numericDate(Number(m[1]), Number(m[2]), m[3]),
    },
    {
      // "depuis 2 heures" is a duration, not a time of day.
      re: new RegExp(
        `\\b(?:(?:a|vers|des|avant|apres)\\s+)?(?<!(?:depuis|pendant|durant|de|en|plus de|moins de)\\s)(\\d{1,2}|${numberWordPattern('fr')})\\s?(?:h|heures?)(?:\\s?(\\d{2}))?(?!\\w)`,
        'g',
      ),
      make: (m) => {
        const h = parseNumberToken(m[1] ?? '', 'fr');
        const min = m[2] ? Number(m[2]) : 0;
        return h === null || !validTime(h, min) ? null : { time: { hour: h % 24, minute: min } };
      },
    },
    { re: /\b(?:a\s+|vers\s+)?(\d{1,2}):(\d{2})\b/g, make: (m) => clock(Number(m[1]), Number(m[2])) },
    { re: /\b(?:a\s+)?midi\b/g, make: () => ({ time: { hour: 12, minute: 0 } }) },
    { re: /\b(?:a\s+)?minuit\b/g, make: () => ({ time: { hour: 0, minute: 0 } }) },
    { re: /\b(?:ce\s+)?matin\b/g, make: () => ({ time: { hour: 9, minute: 0, partOfDay: true } }) },
    { re: /\b(?:cet\s+)?apres[- ]midi\b/g, make: () => ({ time: { hour: 15, minute: 0, partOfDay: true } }) },
    { re: /\b(?:ce\s+)?soir\b/g, make: () => ({ time: { hour: 19, minute: 0, partOfDay: true } }) },
    { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, make: (m) => ({ date: { type: 'absolute', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } }) },
  ];
}

function englishRules(): Rule[] {
  const num = `\\d{1,3}|${numberWordPattern('en', true)}`;
  const months = alternation(MONTHS_EN);
  const days = alternation(DAYS_EN);
  const absolute = (dayRaw: string, monthRaw: string, yearRaw: string | undefined): Omit<DatePiece, 'start' | 'end'> => ({
    date: { type: 'absolute', day: Number(dayRaw), month: indexIn(MONTHS_EN, monthRaw) + 1, ...(yearRaw ? { year: Number(yearRaw) } : {}) },
  });
  return [
    { re: /\btoday\b/g, make: () => ({ date: { type: 'offset', days: 0 } }) },
    { re: /\b(?:the\s+)?day\s+after\s+tomorrow\b/g, make: () => ({ date: { type: 'offset', days: 2 } }) },
    { re: /\b(?:the\s+)?day\s+before\s+yesterday\b/g, make: () => ({ date: { type: 'offset', days: -2 } }) },
    { re: /\btomorrow\b|\btmrw?\b/g, make: () => ({ date: { type: 'offset', days: 1 } }) },
    { re: /\byesterday\b/g, make: () => ({ date: { type: 'offset', days: -1 } }) },
    { re: /\btonight\b/g, make: () => ({ date: { type: 'offset', days: 0 }, time: { hour: 20, minute: 0, partOfDay: true } }) },
    { re: /\bnext\s+week\b/g, make: () => ({ date: { type: 'offset', days: 7, grain: 'week' } }) },
    { re: /\bnext\s+month\b/g, make: () => ({ date: { type: 'months', months: 1 } }) },
    { re: /\b(?:this\s+)?weekend\b/g, make: () => ({ date: { type: 'weekday', weekday: 6, direction: 'this' } }) },
    {
      re: new RegExp(`\\b(?:(next|this|last|on|coming|this coming)\\s+)?(${days})\\b`, 'g'),
      make: (m) => {
        const wd = indexIn(DAYS_EN, m[2] ?? '');
        // Short forms ("sat", "mon", "wed") are ambiguous on their own: require a modifier.
        if (!m[1] && DAYS_EN[wd]?.split('|')[0] !== m[2]) return null;
        const direction = m[1] === 'last' ? 'last' : m[1] === 'this' ? 'this' : 'next';
        return { date: { type: 'weekday', weekday: wd, direction } };
      },
    },
    {
      re: new RegExp(`\\bin\\s+(${num})\\s+(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\\b`, 'g'),
      make: (m) => {
        const n = parseNumberToken(m[1] ?? '', 'en');
        return n === null ? null : duration(n, (m[2] ?? '').replace(/^hrs?$/, 'hour').replace(/^mins?$/, 'minute'));
      },
    },
    {
      re: new RegExp(`\\b(${num})\\s+(minutes?|hours?|days?|weeks?|months?|years?)\\s+ago\\b`, 'g'),
      make: (m) => {
        const n = parseNumberToken(m[1] ?? '', 'en');
        return n === null ? null : duration(-n, m[2] ?? '');
      },
    },
    {
      re: new RegExp(`\\b(${months})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'g'),
      make: (m) => absolute(m[2] ?? '', m[1] ?? '', m[3]),
    },
    {
      re: new RegExp(`\\b(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${months})\\.?(?:,?\\s+(\\d{4}))?\\b`, 'g'),
      make: (m) => absolute(m[1] ?? '', m[2] ?? '', m[3]),
    },
    {
      // US order month/day, unless the first number cannot be a month.
      re: /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?\b/g,
      make: (m) => (Number(m[1]) > 12 ? numericDate(Number(m[1]), Number(m[2]), m[3]) : numericDate(Number(m[2]), Number(m[1]), m[3])),
    },
    {
      re: /\b(?:at\s+|around\s+|by\s+|before\s+|after\s+)?(\d{1,2})(?::(\d{2}))?\s?(am|pm|a\.m\.|p\.m\.)(?!\w)/g,
      make: (m) => {
        const h = Number(m[1]);
        const min = m[2] ? Number(m[2]) : 0;
        return h > 12 || !validTime(h, min) ? null : { time: { hour: hour12(h, m[3]), minute: min } };
      },
    },
    { re: /\b(?:at\s+|around\s+)?(\d{1,2}):(\d{2})\b/g, make: (m) => clock(Number(m[1]), Number(m[2])) },
    {
      re: /\bat\s+(\d{1,2})(?:\s+o'?clock)?\b(?!\s*(?:%|percent|[.,:]\d))/g,
      make: (m) => {
        const h = parseNumberToken(m[1] ?? '', 'en');
        return h === null || h > 23 ? null : { time: { hour: h, minute: 0 } };
      },
    },
    { re: /\b(?:at\s+)?noon\b|\bmidday\b/g, make: () => ({ time: { hour: 12, minute: 0 } }) },
    { re: /\b(?:at\s+)?midnight\b/g, make: () => ({ time: { hour: 0, minute: 0 } }) },
    { re: /\b(?:this\s+|in the\s+)?morning\b/g, make: () => ({ time: { hour: 9, minute: 0, partOfDay: true } }) },
    { re: /\b(?:this\s+|in the\s+)?afternoon\b/g, make: () => ({ time: { hour: 15, minute: 0, partOfDay: true } }) },
    { re: /\b(?:this\s+|in the\s+)?evening\b/g, make: () => ({ time: { hour: 19, minute: 0, partOfDay: true } }) },
    { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, make: (m) => ({ date: { type: 'absolute', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } }) },
  ];
}

function clock(hour: number, minute: number): Omit<DatePiece, 'start' | 'end'> | null {
  return validTime(hour, minute) ? { time: { hour: hour % 24, minute } } : null;
}

function numericDate(day: number, month: number, yearRaw: string | undefined): Omit<DatePiece, 'start' | 'end'> | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const year = yearRaw ? (yearRaw.length === 2 ? 2000 + Number(yearRaw) : Number(yearRaw)) : undefined;
  return { date: { type: 'absolute', day, month, ...(year !== undefined ? { year } : {}) } };
}

const cache = new Map<string, Rule[]>();

/**
 * Runs the date/time grammar of a language over scan text (see `scanText`) and returns every piece found.
 *
 * @example
 * findDatePieces('demain a 14h', 'fr').length // 2 (a date piece and a time piece)
 */
export function findDatePieces(scan: string, language: string): DatePiece[] {
  let rules = cache.get(language);
  if (!rules) {
    rules = language === 'fr' ? frenchRules() : englishRules();
    cache.set(language, rules);
  }
  const pieces: DatePiece[] = [];
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    for (const m of scan.matchAll(rule.re)) {
      const made = rule.make(m);
      if (!made) continue;
      // Leading spaces are part of some patterns; report the trimmed span.
      const lead = m[0].length - m[0].trimStart().length;
      const start = (m.index ?? 0) + lead;
      pieces.push({ ...made, start, end: (m.index ?? 0) + m[0].trimEnd().length });
    }
  }
  return pieces;
}
