import { extractRawFeatures, type RawFeatures } from '../features/feature-extractor.js';
import { DEFAULT_VECTORIZER, TfidfVectorizer, type VectorizerOptions, type VectorizerState } from '../features/vectorizer.js';
import { appendDense, type SparseVector } from '../features/sparse-vector.js';
import { fitTemperature } from '../model/calibration.js';
import { SoftmaxRegression, softmax, type SoftmaxState, type SoftmaxTrainingOptions } from '../model/softmax-regression.js';
import type { NluLanguage } from '../text/normalize.js';
import { describeFeature, type FeatureContribution } from './explanation.js';
import { tuneOosThreshold, type ThresholdSample } from './oos-threshold.js';
import { stratifiedSplit } from './stratified-split.js';

/** One training utterance of a bot. */
export interface IntentExample {
  readonly text: string;
  readonly intent: string;
}

/** Knobs of intent training; every field has a tested default. */
export interface IntentTrainingOptions {
  readonly vectorizer?: Partial<VectorizerOptions>;
  readonly training?: Partial<SoftmaxTrainingOptions>;
  /** Label of explicit out-of-scope examples (default "oos"). */
  readonly outOfScopeLabel?: string;
  /** Share of the training corpus held out to fit temperature and threshold (default 0.15). */
  readonly calibrationFraction?: number;
  /** Accepted in-scope accuracy loss when tuning the out-of-scope threshold (default 0.01). */
  readonly maxInScopeLoss?: number;
  /** Fixed threshold instead of the tuned one. */
  readonly oosThreshold?: number;
  readonly seed?: number;
  /** Scale of sentence embeddings appended to the n-gram features (default 1). */
  readonly embeddingWeight?: number;
}

/** Input of {@link trainIntentClassifier}. */
export interface IntentTrainingInput {
  readonly language: NluLanguage | string;
  readonly examples: readonly IntentExample[];
  readonly options?: IntentTrainingOptions;
  /** Optional sentence embeddings, one per example (see `trainIntentClassifierWithEncoder`). */
  readonly embeddings?: readonly Float32Array[];
  /** Identifier of the encoder that produced `embeddings`. */
  readonly encoderId?: string;
}

/** A ranked candidate intent. */
export interface IntentCandidate {
  readonly intent: string;
  readonly confidence: number;
}

/** Output of {@link IntentModel.predict}. */
export interface IntentPrediction {
  /** Best in-scope intent, or null when the message is out of scope. */
  readonly intent: string | null;
  /** Calibrated probability of the best in-scope intent. */
  readonly confidence: number;
  readonly oos: boolean;
  /** Top-k in-scope intents, best first. */
  readonly ranking: IntentCandidate[];
  /** The features that weighed most towards the best intent. */
  readonly explanation: FeatureContribution[];
}

/** Serialised model, safe to store as JSON. */
export interface IntentModelState {
  readonly format: 'parley-intent/1';
  readonly language: string;
  readonly labels: string[];
  readonly outOfScopeLabel: string;
  readonly temperature: number;
  readonly threshold: number;
  readonly vectorizer: VectorizerState;
  readonly model: SoftmaxState;
  readonly trainSeconds: number;
  readonly dense?: { readonly dims: number; readonly weight: number; readonly encoderId: string };
}

const DEFAULTS = { outOfScopeLabel: 'oos', calibrationFraction: 0.15, maxInScopeLoss: 0.01, seed: 7 };

/**
 * A trained per-bot, per-language intent model.
 *
 * @example
 * const model = trainIntentClassifier({ language: 'en', examples });
 * model.predict('I want to cancel my order', { topK: 3 });
 */
export class IntentModel {
  private readonly oosIndex: number;

  constructor(
    readonly language: string,
    readonly labels: readonly string[],
    readonly outOfScopeLabel: string,
    readonly temperature: number,
    readonly threshold: number,
    readonly vectorizer: TfidfVectorizer,
    readonly model: SoftmaxRegression,
    readonly trainSeconds: number,
    /** Dense embedding block, when the model was trained with an encoder. */
    readonly dense: { readonly dims: number; readonly weight: number; readonly encoderId: string } | null = null,
  ) {
    this.oosIndex = labels.indexOf(outOfScopeLabel);
  }

  /** Intents the model knows (out-of-scope label excluded). */
  get intents(): string[] {
    return this.labels.filter((l) => l !== this.outOfScopeLabel);
  }

  /**
   * Classifies one message.
   *
   * @example
   * model.predict('where is my parcel?') // { intent: 'track_order', confidence: 0.93, oos: false, ... }
   */
  predict(text: string, options: { topK?: number; explain?: number | false; embedding?: Float32Array } = {}): IntentPrediction {
    const sparse = this.vectorizer.transform(typeof text === 'string' ? text : '');
    const x = this.dense ? appendDense(sparse, options.embedding, this.vectorizer.size, this.dense.weight) : sparse;
    const probs = softmax(this.model.logits(x), this.temperature);
    return this.decide(x, probs, options.topK ?? 5, options.explain === false ? 0 : (options.explain ?? 5));
  }

  private decide(x: SparseVector, probs: Float64Array, topK: number, explainCount: number): IntentPrediction {
    let best = 0;
    for (let c = 1; c < probs.length; c++) if ((probs[c] as number) > (probs[best] as number)) best = c;
    const ranking: IntentCandidate[] = [];
    const order = Array.from(probs.keys())
      .filter((c) => c !== this.oosIndex)
      .sort((a, b) => (probs[b] as number) - (probs[a] as number));
    for (const c of order.slice(0, Math.max(1, topK))) ranking.push({ intent: this.labels[c] as string, confidence: round(probs[c] as number) });
    const top = ranking[0];
    const empty = x.indices.length === 0 || (x.indices[0] as number) >= this.vectorizer.size;
    const oos = empty || best === this.oosIndex || (probs[best] as number) < this.threshold;
    const explainClass = oos && this.oosIndex >= 0 && best === this.oosIndex ? this.oosIndex : (order[0] ?? 0);
    const explanation =
      explainCount > 0
        ? this.model
            .contributions(x, explainClass)
            .slice(0, explainCount)
            .filter((c) => c.weight > 0)
            .map((c) => describeFeature(this.vectorizer.features[c.feature] ?? '', c.weight))
        : [];
    return { intent: oos || !top ? null : top.intent, confidence: top?.confidence ?? 0, oos, ranking, explanation };
  }

  /** JSON-safe state; restore with {@link IntentModel.fromJSON}. */
  toJSON(): IntentModelState {
    return {
      format: 'parley-intent/1',
      language: this.language,
      labels: [...this.labels],
      outOfScopeLabel: this.outOfScopeLabel,
      temperature: this.temperature,
      threshold: this.threshold,
      vectorizer: this.vectorizer.toJSON(),
      model: this.model.toJSON(),
      trainSeconds: this.trainSeconds,
      ...(this.dense ? { dense: this.dense } : {}),
    };
  }

  /**
   * Restores a stored model.
   *
   * @example
   * const copy = IntentModel.fromJSON(JSON.parse(JSON.stringify(model)));
   */
  static fromJSON(state: IntentModelState): IntentModel {
    if (state?.format !== 'parley-intent/1') throw new Error('Unsupported intent model format');
    return new IntentModel(
      state.language,
      state.labels,
      state.outOfScopeLabel,
      state.temperature,
      state.threshold,
      TfidfVectorizer.fromJSON(state.vectorizer),
      SoftmaxRegression.fromJSON(state.model),
      state.trainSeconds,
      state.dense ?? null,
    );
  }
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/**
 * Trains an intent model in seconds: TF-IDF over stemmed word n-grams and character n-grams,
 * softmax regression, temperature calibration and an out-of-scope threshold fitted on a held-out
 * slice of the training corpus, then a final fit on the whole corpus.
 *
 * @example
 * const model = trainIntentClassifier({
 *   language: 'fr',
 *   examples: [
 *     { text: 'je veux annuler ma commande', intent: 'cancel_order' },
 *     { text: 'où est mon colis ?', intent: 'track_order' },
 *     { text: 'quel temps fait-il', intent: 'oos' },
 *   ],
 * });
 */
export function trainIntentClassifier(input: IntentTrainingInput): IntentModel {
  const started = performance.now();
  const opts = { ...DEFAULTS, ...input.options };
  const examples = input.examples.filter((e) => typeof e.text === 'string' && typeof e.intent === 'string' && e.intent !== '');
  if (examples.length === 0) throw new Error('Cannot train an intent model without examples');
  const labels = [...new Set(examples.map((e) => e.intent))].sort();
  if (labels.length < 2) throw new Error('An intent model needs at least two labels (add out-of-scope examples or a second intent)');
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(examples.map((e) => labelIndex.get(e.intent) ?? 0));
  const training = { seed: opts.seed, ...input.options?.training };

  const emb = input.embeddings;
  if (emb && emb.length !== input.examples.length) throw new Error('embeddings must have one vector per example');
  const embOf = new Map<IntentExample, Float32Array>();
  if (emb) input.examples.forEach((e, i) => embOf.set(e, emb[i] as Float32Array));
  const dims = emb?.[0]?.length ?? 0;
  const denseWeight = opts.embeddingWeight ?? 1;
  // N-grams are extracted once and shared by the calibration fit and the final fit.
  const vectorizerOptions = { ...DEFAULT_VECTORIZER, ...input.options?.vectorizer };
  const raws = new Map<IntentExample, RawFeatures>(examples.map((e) => [e, extractRawFeatures(e.text, input.language, vectorizerOptions)]));
  const rawOf = (e: IntentExample): RawFeatures => raws.get(e) as RawFeatures;
  const vectorize = (vec: TfidfVectorizer, e: IntentExample): SparseVector => appendDense(vec.transformRaw(rawOf(e)), embOf.get(e), vec.size, denseWeight);

  const split = stratifiedSplit(
    examples.map((e) => e.intent),
    opts.calibrationFraction,
    opts.seed,
  );
  let temperature = 1;
  let threshold = opts.oosThreshold ?? 0;
  if (split.heldOut.length > 0) {
    const vec = TfidfVectorizer.fitRaw(
      split.train.map((i) => rawOf(examples[i] as IntentExample)),
      input.language,
      vectorizerOptions,
    );
    const xs = split.train.map((i) => vectorize(vec, examples[i] as IntentExample));
    const m = SoftmaxRegression.train(
      xs,
      split.train.map((i) => y[i] as number),
      vec.size + dims,
      labels.length,
      training,
    );
    const logits = split.heldOut.map((i) => m.logits(vectorize(vec, examples[i] as IntentExample)));
    const truth = split.heldOut.map((i) => y[i] as number);
    temperature = fitTemperature(logits, truth);
    if (opts.oosThreshold === undefined) {
      const oosIndex = labelIndex.get(opts.outOfScopeLabel) ?? -1;
      const samples: ThresholdSample[] = logits.map((z, k) => {
        const p = softmax(z, temperature);
        let best = 0;
        for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
        return { confidence: p[best] as number, correct: best === truth[k], outOfScope: truth[k] === oosIndex, predictedOutOfScope: best === oosIndex };
      });
      threshold = tuneOosThreshold(samples, opts.maxInScopeLoss);
    }
  }
  const vectorizer = TfidfVectorizer.fitRaw(examples.map(rawOf), input.language, vectorizerOptions);
  const xs = examples.map((e) => vectorize(vectorizer, e));
  const model = SoftmaxRegression.train(xs, y, vectorizer.size + dims, labels.length, training);
  const trainSeconds = (performance.now() - started) / 1000;
  const dense = dims > 0 ? { dims, weight: denseWeight, encoderId: input.encoderId ?? 'unknown' } : null;
  return new IntentModel(String(input.language), labels, opts.outOfScopeLabel, temperature, threshold, vectorizer, model, trainSeconds, dense);
}
