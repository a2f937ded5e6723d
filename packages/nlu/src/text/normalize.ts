/** Languages with a dedicated pipeline (stemmer, lexicons, date grammar). */
export type NluLanguage = 'fr' | 'en';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Control characters other than tab/newline carry no meaning and break tokenisation.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g;

/** Hard cap on the text the engine looks at: 100 KB messages are truncated, never rejected. */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * Removes control characters, applies NFKC and truncates to {@link MAX_TEXT_LENGTH}.
 * Offsets of entities are computed on the cleaned text, which keeps its length for ordinary input.
 *
 * @example
 * cleanText('hello\u0000 world') // 'hello world'
 */
export function cleanText(text: string): string {
  const safe = typeof text === 'string' ? text : String(text ?? '');
  const cut = safe.length > MAX_TEXT_LENGTH ? safe.slice(0, MAX_TEXT_LENGTH) : safe;
  return cut.replace(CONTROL_CHARS, ' ').normalize('NFKC');
}

/**
 * Removes diacritics ("é" → "e", "ç" → "c") so accent-less typing matches.
 *
 * @example
 * foldAccents('Réservé à Noël') // 'Reserve a Noel'
 */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
}

/**
 * Lower-cases, folds accents, normalises apostrophes and collapses whitespace.
 *
 * @example
 * normalizeText("  L’Été   arrive ") // "l'ete arrive"
 */
export function normalizeText(text: string): string {
  return foldAccents(cleanText(text).toLowerCase())
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const TOKEN_RE = /[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu;

/**
 * Splits normalised text into word tokens (letters/digits runs) and emoji.
 * French elisions ("l'", "d'", "j'") become separate tokens.
 *
 * @example
 * tokenize("j'ai 2 billets 🙂") // ['j', 'ai', '2', 'billets', '🙂']
 */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN_RE) ?? [];
}
