const FR: Record<string, number> = {
  zero: 0,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  cent: 100,
  mille: 1000,
};
const EN: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  dozen: 12,
  a: 1,
  an: 1,
};

/** Number words of a language (accent-folded, lower-case). "a"/"an"/"un"/"une" count as 1 only in durations. */
export function numberWords(language: string): Record<string, number> {
  return language === 'fr' ? FR : EN;
}

/** Regex alternation of number words usable inside larger patterns (longest first). */
export function numberWordPattern(language: string, includeArticles = false): string {
  return Object.keys(numberWords(language))
    .filter((w) => includeArticles || !['a', 'an', 'un', 'une'].includes(w))
    .sort((a, b) => b.length - a.length)
    .join('|');
}

/**
 * Parses digits (with "," or "." decimals) or a single number word.
 *
 * @example
 * parseNumberToken('trois', 'fr') // 3
 * parseNumberToken('12,5', 'fr') // 12.5
 */
export function parseNumberToken(token: string, language: string): number | null {
  const t = token.trim().toLowerCase();
  if (/^\d+([.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  const v = numberWords(language)[t];
  return v === undefined ? null : v;
}
