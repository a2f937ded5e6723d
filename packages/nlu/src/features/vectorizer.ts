import type { NluLanguage } from '../text/normalize.js';
import { DEFAULT_EXTRACTION, extractRawFeatures, type FeatureExtractionOptions, type RawFeatures } from './feature-extractor.js';
import type { SparseVector } from './sparse-vector.js';

/** Options of the TF-IDF vectorizer on top of the n-gram extractor. */
export interface VectorizerOptions extends FeatureExtractionOptions {
  /** Keep character n-grams seen in at least this many training texts (word n-grams are always kept). */
  readonly minCharDf: number;
  /** Relative weight of the word block and of the char block (each block is L2-normalised first). */
  readonly wordWeight: number;
  readonly charWeight: number;
}

/**
 * Default feature extraction: stemmed word n-grams and character n-grams, equally weighted;
 * character n-grams seen in fewer than two training texts are dropped (noise, and a smaller model).
 *
 * @example
 * TfidfVectorizer.fit(texts, 'fr', { ...DEFAULT_VECTORIZER, charWeight: 0.5 });
 */
export const DEFAULT_VECTORIZER: VectorizerOptions = { ...DEFAULT_EXTRACTION, minCharDf: 2, wordWeight: 1, charWeight: 1 };

/** Serialisable state of a fitted vectorizer. */
export interface VectorizerState {
  readonly language: string;
  readonly options: VectorizerOptions;
  readonly features: string[];
  readonly idf: number[];
}

/**
 * TF-IDF vectorizer over word and character n-grams with sublinear tf and per-block L2 norm.
 * Uses an exact vocabulary (not hashing) so every weight maps back to a readable n-gram.
 *
 * @example
 * const v = TfidfVectorizer.fit(['book a flight', 'cancel my flight'], 'en');
 * v.transform('book flight').indices.length > 0 // true
 */
export class TfidfVectorizer {
  private readonly index: Map<string, number>;

  private constructor(
    readonly language: NluLanguage | string,
    readonly options: VectorizerOptions,
    readonly features: string[],
    readonly idf: Float32Array,
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
  }

  /** Number of features (columns). */
  get size(): number {
    return this.features.length;
  }

  /** Fits vocabulary and IDF on training texts. */
  static fit(texts: readonly string[], language: NluLanguage | string, options: Partial<VectorizerOptions> = {}): TfidfVectorizer {
    const opts = { ...DEFAULT_VECTORIZER, ...options };
    return TfidfVectorizer.fitRaw(
      texts.map((t) => extractRawFeatures(t, language, opts)),
      language,
      opts,
    );
  }

  /** Fits on already-extracted features (lets a caller extract once and fit several vectorizers). */
  static fitRaw(raws: readonly RawFeatures[], language: NluLanguage | string, options: Partial<VectorizerOptions> = {}): TfidfVectorizer {
    const opts = { ...DEFAULT_VECTORIZER, ...options };
    const df = new Map<string, number>();
    for (const raw of raws) {
      for (const k of raw.word.keys()) df.set(k, (df.get(k) ?? 0) + 1);
      for (const k of raw.char.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    }
    const features: string[] = [];
    const idf: number[] = [];
    const n = raws.length;
    for (const [k, d] of df) {
      if (k.startsWith('c:') && d < opts.minCharDf) continue;
      features.push(k);
      idf.push(Math.log((1 + n) / (1 + d)) + 1);
    }
    return new TfidfVectorizer(language, opts, features, Float32Array.from(idf));
  }

  /** Restores a vectorizer from {@link toJSON} output. */
  static fromJSON(state: VectorizerState): TfidfVectorizer {
    return new TfidfVectorizer(state.language, state.options, state.features, Float32Array.from(state.idf));
  }

  toJSON(): VectorizerState {
    return { language: this.language, options: this.options, features: this.features, idf: Array.from(this.idf) };
  }

  /** Feature index of an n-gram key, or -1. */
  indexOf(feature: string): number {
    return this.index.get(feature) ?? -1;
  }

  /** Vectorizes a text; unseen n-grams are ignored. */
  transform(text: string): SparseVector {
    return this.transformRaw(extractRawFeatures(text, this.language, this.options));
  }

  /** Vectorizes already-extracted raw features. */
  transformRaw(raw: RawFeatures): SparseVector {
    const out: Array<[number, number]> = [];
    this.addBlock(raw.word, this.options.wordWeight, out);
    this.addBlock(raw.char, this.options.charWeight, out);
    out.sort((a, b) => a[0] - b[0]);
    const indices = new Int32Array(out.length);
    const values = new Float32Array(out.length);
    out.forEach(([i, v], k) => {
      indices[k] = i;
      values[k] = v;
    });
    return { indices, values };
  }

  private addBlock(counts: Map<string, number>, weight: number, out: Array<[number, number]>): void {
    if (weight === 0) return;
    const start = out.length;
    let norm = 0;
    for (const [k, tf] of counts) {
      const i = this.index.get(k);
      if (i === undefined) continue;
      const v = (1 + Math.log(tf)) * (this.idf[i] ?? 1);
      norm += v * v;
      out.push([i, v]);
    }
    if (norm === 0) return;
    const scale = weight / Math.sqrt(norm);
    for (let k = start; k < out.length; k++) {
      const e = out[k] as [number, number];
      e[1] *= scale;
    }
  }
}
