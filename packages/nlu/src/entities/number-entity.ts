import type { Entity } from './entity.js';
import { numberWordPattern, numberWords } from './number-words.js';

// Grouped thousands: "1 234 567,89" (fr, with normal or narrow no-break spaces) or "1,234,567.89" (en).
const NUMBER_FR = /(?<![\w.,])-?\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])-?\d+(?:,\d+)?(?![\w]|[.,]\d)/g;
const NUMBER_EN = /(?<![\w.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])-?\d+(?:\.\d+)?(?![\w]|[.,]\d)/g;

/**
 * Parses a number written in the conventions of a language.
 *
 * @example
 * parseLocalizedNumber('1 234,5', 'fr') // 1234.5
 * parseLocalizedNumber('1,234.5', 'en') // 1234.5
 */
export function parseLocalizedNumber(raw: string, language: string): number {
  const compact = raw.replace(/[ \u00a0\u202f]/g, '');
  if (language === 'fr') return Number(compact.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.'));
  return Number(compact.replace(/,/g, ''));
}

/**
 * Finds numbers written with digits (locale-aware separators) and simple number words.
 *
 * @example
 * extractNumbers('deux billets à 1 250,50', 'fr').map((e) => e.value) // [2, 1250.5]
 */
export function extractNumbers(text: string, scan: string, language: string): Entity[] {
  const out: Entity[] = [];
  const re = new RegExp(language === 'fr' ? NUMBER_FR : NUMBER_EN);
  for (const m of scan.matchAll(re)) {
    const start = m.index ?? 0;
    const raw = m[0];
    const value = parseLocalizedNumber(raw, language);
    if (!Number.isFinite(value)) continue;
    out.push({
      kind: 'number',
      name: 'number',
      text: text.slice(start, start + raw.length),
      start,
      end: start + raw.length,
      value,
      normalized: String(value),
      confidence: 1,
    });
  }
  const words = new RegExp(`\\b(?:${numberWordPattern(language)})\\b`, 'g');
  for (const m of scan.matchAll(words)) {
    const start = m.index ?? 0;
    const value = numberWords(language)[m[0]];
    if (value === undefined) continue;
    out.push({
      kind: 'number',
      name: 'number',
      text: text.slice(start, start + m[0].length),
      start,
      end: start + m[0].length,
      value,
      normalized: String(value),
      confidence: 0.9,
    });
  }
  return out;
}
