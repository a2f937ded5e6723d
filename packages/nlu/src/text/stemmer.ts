import { createRequire } from 'node:module';
import type { NluLanguage } from './normalize.js';

// snowball-stemmers is an untyped CommonJS package: describe the one factory used here.
interface SnowballModule {
  newStemmer(language: string): { stem(word: string): string };
}
const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballModule;

type StemFn = (word: string) => string;

const STEMMER_NAMES: Record<string, string> = {
  fr: 'french',
  en: 'english',
  es: 'spanish',
  de: 'german',
  it: 'italian',
  pt: 'portuguese',
  nl: 'dutch',
};

const cache = new Map<string, StemFn>();

/**
 * Returns a memoised Snowball stemmer for a language (identity for unknown languages).
 * Memoisation matters: stemming dominates feature extraction otherwise.
 *
 * @example
 * getStemmer('fr')('réservations') // 'reserv'
 */
export function getStemmer(language: NluLanguage | string): StemFn {
  const existing = cache.get(language);
  if (existing) return existing;
  const name = STEMMER_NAMES[language];
  let fn: StemFn;
  if (!name) {
    fn = (w) => w;
  } else {
    const stemmer = snowball.newStemmer(name);
    const memo = new Map<string, string>();
    fn = (w) => {
      let s = memo.get(w);
      if (s === undefined) {
        s = w.length <= 3 || /\d/.test(w) ? w : stemmer.stem(w);
        if (memo.size < 200_000) memo.set(w, s);
      }
      return s;
    };
  }
  cache.set(language, fn);
  return fn;
}
