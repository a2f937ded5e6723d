import type { SparseVector } from '../features/sparse-vector.js';
import { TfidfVectorizer, type VectorizerOptions, type VectorizerState } from '../features/vectorizer.js';
import { fitTemperature } from '../model/calibration.js';
import { SoftmaxRegression, softmax, type SoftmaxState, type SoftmaxTrainingOptions } from '../model/softmax-regression.js';
import { stratifiedSplit } from '../intent/stratified-split.js';
import { EMOTIONS, scoreWithLexicon, type LexiconScore } from './lexicon-scorer.js';

/** A labelled message for sentiment training (labels are free, usually negative/neutral/positive). */
export interface SentimentExample {
  readonly text: string;
  readonly label: string;
}

/** Options of {@link trainSentimentModel}. */
export interface SentimentTrainingOptions {
  readonly vectorizer?: Partial<VectorizerOptions>;
  readonly training?: Partial<SoftmaxTrainingOptions>;
  /** Scale of the lexicon features appended to the n-gram features (0 disables them). */
  readonly lexiconWeight?: number;
  readonly seed?: number;
  /**
   * `none` (default): a model of its own, over the labels of the examples. `lexicon`: a correction of
   * the shipped lexicon model. The labels are negative/neutral/positive, the lexicon's decision is a
   * fixed base added to the logits (in training too), and the class biases stay 0: a message the
   * examples say nothing about keeps the lexicon's label, and the examples move only what they cover.
   */
  readonly base?: SentimentModelBase;
  /** Fit the temperature on a 15 % hold-out (default true). Off, training is twice as fast and the label is the same; only the confidences are uncalibrated. */
  readonly calibrate?: boolean;
}

/** What a trained sentiment model starts from (see {@link SentimentTrainingOptions.base}). */
export type SentimentModelBase = 'none' | 'lexicon';

/** The label set of a model trained on top of the lexicon, in the model's class order. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;

// Slope of the lexicon base logits: neutral is 0, positive is 6 (score - band), negative 6 (-score - band),
// so the base's best label is exactly the lexicon's (band ±0.2) and a cue-free message is 62 % neutral.
const BASE_SLOPE = 6;
const BASE_BAND = 0.2;

function baseLogits(text: string, language: string, labels: readonly string[]): Float64Array {
  const score = scoreWithLexicon(text, language).score;
  return Float64Array.from(labels, (l) => (l === 'positive' ? BASE_SLOPE * (score - BASE_BAND) : l === 'negative' ? BASE_SLOPE * (-score - BASE_BAND) : 0));
}

function withBase(logits: Float64Array, base: SentimentModelBase, text: string, language: string, labels: readonly string[]): Float64Array {
  if (base === 'lexicon') baseLogits(text, language, labels).forEach((v, c) => (logits[c] = (logits[c] as number) + v));
  return logits;
}

/** Serialised sentiment model. */
export interface SentimentModelState {
  readonly format: 'parley-sentiment/1';
  readonly language: string;
  readonly labels: string[];
  readonly temperature: number;
  readonly lexiconWeight: number;
  /** Absent: `none` (models stored before the option existed). */
  readonly base?: SentimentModelBase;
  readonly vectorizer: VectorizerState;
  readonly model: SoftmaxState;
}

const LEXICON_FEATURES = 8;

function lexiconFeatures(lex: LexiconScore): number[] {
  return [Math.log1p(lex.positive), Math.log1p(lex.negative), lex.score, Math.min(3, lex.negations) / 3, ...EMOTIONS.map((e) => lex.emotions[e])];
}

function withLexicon(x: SparseVector, text: string, language: string, offset: number, weight: number): SparseVector {
  if (weight === 0) return x;
  const extra = lexiconFeatures(scoreWithLexicon(text, language));
  const indices = new Int32Array(x.indices.length + LEXICON_FEATURES);
  const values = new Float32Array(x.values.length + LEXICON_FEATURES);
  indices.set(x.indices);
  values.set(x.values);
  extra.forEach((v, k) => {
    indices[x.indices.length + k] = offset + k;
    values[x.values.length + k] = v * weight;
  });
  return { indices, values };
}

/**
 * A sentiment classifier trained on a workspace's own labelled messages: the intent engine's n-gram
 * features plus the shipped lexicon's scores as extra features, so few examples already help.
 *
 * @example
 * const model = trainSentimentModel({ language: 'fr', examples: [{ text: 'super merci', label: 'positive' }, ...] });
 * model.predict('service nul') // { label: 'negative', probabilities: { negative: 0.8, ... } }
 */
export class SentimentModel {
  constructor(
    readonly language: string,
    readonly labels: readonly string[],
    readonly temperature: number,
    readonly lexiconWeight: number,
    readonly vectorizer: TfidfVectorizer,
    readonly model: SoftmaxRegression,
    readonly base: SentimentModelBase = 'none',
  ) {}

  /** Vector used by the linear model (exposed for evaluation tools). */
  vectorize(text: string): SparseVector {
    return withLexicon(this.vectorizer.transform(text), text, this.language, this.vectorizer.size, this.lexiconWeight);
  }

  /** Raw class scores: the linear model's, plus the lexicon base for a `lexicon` model. */
  logits(text: string): Float64Array {
    const t = typeof text === 'string' ? text : '';
    return withBase(this.model.logits(this.vectorize(t)), this.base, t, this.language, this.labels);
  }

  /** Most probable label and the calibrated distribution. */
  predict(text: string): { label: string; confidence: number; probabilities: Record<string, number> } {
    const p = softmax(this.logits(text), this.temperature);
    let best = 0;
    for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
    const probabilities: Record<string, number> = {};
    this.labels.forEach((l, c) => (probabilities[l] = Math.round((p[c] as number) * 1e4) / 1e4));
    return { label: this.labels[best] as string, confidence: probabilities[this.labels[best] as string] ?? 0, probabilities };
  }

  toJSON(): SentimentModelState {
    return {
      format: 'parley-sentiment/1',
      language: this.language,
      labels: [...this.labels],
      temperature: this.temperature,
      lexiconWeight: this.lexiconWeight,
      ...(this.base === 'none' ? {} : { base: this.base }),
      vectorizer: this.vectorizer.toJSON(),
      model: this.model.toJSON(),
    };
  }

  /** Restores a stored model. */
  static fromJSON(state: SentimentModelState): SentimentModel {
    if (state?.format !== 'parley-sentiment/1') throw new Error('Unsupported sentiment model format');
    const base = state.base ?? 'none';
    if (base !== 'none' && base !== 'lexicon') throw new Error(`Unsupported sentiment model base: ${String(base)}`);
    return new SentimentModel(
      state.language,
      state.labels,
      state.temperature,
      state.lexiconWeight,
      TfidfVectorizer.fromJSON(state.vectorizer),
      SoftmaxRegression.fromJSON(state.model),
      base,
    );
  }
}

// Sentiment is noisier than intents: stronger decay and fewer epochs generalise better (chosen on train hold-outs).
const SENTIMENT_TRAINING: Partial<SoftmaxTrainingOptions> = { epochs: 6, learningRate: 0.5, l2: 1e-5 };

/**
 * Trains a sentiment model on labelled messages. On its own (`base: 'none'`, the default) any label
 * set with at least two labels; on top of the lexicon (`base: 'lexicon'`) negative/neutral/positive
 * labels, one is enough.
 *
 * @example
 * trainSentimentModel({ language: 'en', examples: [{ text: 'great, thanks', label: 'positive' }, { text: 'awful', label: 'negative' }] });
 * trainSentimentModel({ language: 'fr', examples: [{ text: 'la livraison a sauté', label: 'negative' }], options: { base: 'lexicon' } });
 */
export function trainSentimentModel(input: { language: string; examples: readonly SentimentExample[]; options?: SentimentTrainingOptions }): SentimentModel {
  const examples = input.examples.filter((e) => typeof e.text === 'string' && typeof e.label === 'string' && e.label !== '');
  const base = input.options?.base ?? 'none';
  let labels: string[];
  if (base === 'lexicon') {
    const unknown = examples.find((e) => !(SENTIMENT_LABELS as readonly string[]).includes(e.label));
    if (unknown) throw new Error(`A model on top of the lexicon takes negative, neutral or positive labels, not "${unknown.label}"`);
    if (examples.length === 0) throw new Error('A sentiment model needs at least one example');
    labels = [...SENTIMENT_LABELS];
  } else {
    labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) throw new Error('A sentiment model needs examples of at least two labels');
  }
  const seed = input.options?.seed ?? 11;
  const lexiconWeight = input.options?.lexiconWeight ?? 1.5;
  const training = { ...SENTIMENT_TRAINING, seed, ...(base === 'lexicon' ? { fitBias: false } : {}), ...input.options?.training };
  const offsetsOf = (rows: readonly SentimentExample[]): Float64Array[] | undefined =>
    base === 'lexicon' ? rows.map((r) => baseLogits(r.text, input.language, labels)) : undefined;
  const index = new Map(labels.map((l, i) => [l, i]));
  const fit = (rows: readonly SentimentExample[]): { vec: TfidfVectorizer; model: SoftmaxRegression; logits: (t: string) => Float64Array } => {
    const vec = TfidfVectorizer.fit(
      rows.map((r) => r.text),
      input.language,
      input.options?.vectorizer,
    );
    const xs = (t: string): SparseVector => withLexicon(vec.transform(t), t, input.language, vec.size, lexiconWeight);
    const model = SoftmaxRegression.train(
      rows.map((r) => xs(r.text)),
      rows.map((r) => index.get(r.label) ?? 0),
      vec.size + LEXICON_FEATURES,
      labels.length,
      training,
      offsetsOf(rows),
    );
    // The base is part of the logits the temperature is fitted on.
    const logits = (t: string): Float64Array => withBase(model.logits(xs(t)), base, t, input.language, labels);
    return { vec, model, logits };
  };
  let temperature = 1;
  const split = stratifiedSplit(
    examples.map((e) => e.label),
    0.15,
    seed,
  );
  if (input.options?.calibrate !== false && split.heldOut.length >= 10) {
    const part = fit(split.train.map((i) => examples[i] as SentimentExample));
    const held = split.heldOut.map((i) => examples[i] as SentimentExample);
    temperature = fitTemperature(
      held.map((e) => part.logits(e.text)),
      held.map((e) => index.get(e.label) ?? 0),
    );
  }
  const full = fit(examples);
  return new SentimentModel(input.language, labels, temperature, lexiconWeight, full.vec, full.model, base);
}
