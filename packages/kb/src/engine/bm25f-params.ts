/**
 * BM25F parameters. Defaults were chosen by 5-fold cross-validation on the StackFAQ *train*
 * phrasings (`src/bench/tune-kb.ts`), never on dev; see docs/benchmarks.md.
 */
export interface Bm25fParams {
  /** Term-frequency saturation. */
  readonly k1: number;
  /** Length normalisation of question variants (title, phrasings). */
  readonly bQuestion: number;
  /** Length normalisation of the body. */
  readonly bBody: number;
  readonly wTitle: number;
  readonly wPhrasing: number;
  readonly wBody: number;
  /** Weight of a synonym relative to a typed word. */
  readonly synonymWeight: number;
  /** Multiplier of items in another language than the detected one (when the query gave none). */
  readonly otherLanguagePenalty: number;
}

export const DEFAULT_BM25F: Bm25fParams = {
  k1: 1.2,
  bQuestion: 0.75,
  bBody: 0.75,
  wTitle: 1,
  wPhrasing: 1,
  wBody: 0.15,
  synonymWeight: 0.6,
  otherLanguagePenalty: 0.7,
};
