import { getStemmer, normalizeText, tokenize } from '@parley/nlu';
import { stopWords } from './stop-words.js';

/** How text becomes index terms. The defaults are the engine's; the plain baseline turns them off. */
export interface AnalyzerOptions {
  /** Snowball stemming in the text's language (default true). */
  readonly stemming?: boolean;
  /** Drop function words (default true). */
  readonly stopWords?: boolean;
}

/** An index term with the word it came from (for "why this answer"). */
export interface AnalyzedToken {
  readonly term: string;
  readonly surface: string;
}

/**
 * Like {@link analyze}, keeping each term's source word.
 *
 * @example
 * analyzeTokens('Livraisons', 'fr') // [{ term: 'livraison', surface: 'livraisons' }]
 */
export function analyzeTokens(text: string, language: string, options: AnalyzerOptions = {}): AnalyzedToken[] {
  const stop = options.stopWords === false ? null : stopWords(language);
  const stem = options.stemming === false ? null : getStemmer(language);
  const out: AnalyzedToken[] = [];
  for (const token of tokenize(normalizeText(text))) {
    if (stop?.has(token)) continue;
    out.push({ term: stem ? stem(token) : token, surface: token });
  }
  return out;
}

/**
 * Turns text into index terms: NFKC, lower case, accent folding, word tokens, stop words out,
 * Snowball stem of the text's language. The same function runs on documents and on queries, so
 * "Livraisons" in an article and "livraison" typed without capital or accent meet on one term.
 *
 * @example
 * analyze('Quels sont les délais de livraison ?', 'fr') // ['del', 'livraison']
 */
export function analyze(text: string, language: string, options: AnalyzerOptions = {}): string[] {
  return analyzeTokens(text, language, options).map((t) => t.term);
}

/**
 * Counts terms.
 *
 * @example
 * termFrequencies(['a', 'b', 'a']).get('a') // 2
 */
export function termFrequencies(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/**
 * The key questions are grouped by in the gaps report: normalised, punctuation out, words kept in order.
 *
 * @example
 * normalizeQuestion('  Livrez-vous en BELGIQUE ?? ') // 'livrez vous en belgique'
 */
export function normalizeQuestion(question: string): string {
  return tokenize(normalizeText(question)).join(' ').slice(0, 500);
}
