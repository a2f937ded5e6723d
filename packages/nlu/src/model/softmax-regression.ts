import type { SparseVector } from '../features/sparse-vector.js';
import { createRandom, shuffleInPlace } from './random.js';

/** Hyper-parameters of the SGD trainer. */
export interface SoftmaxTrainingOptions {
  readonly epochs: number;
  /** Initial learning rate, decayed linearly to 10 % over the epochs. */
  readonly learningRate: number;
  /** L2 penalty per example (weight decay). */
  readonly l2: number;
  readonly seed: number;
  /** Optional per-class weights multiplying the loss (for imbalanced data). */
  readonly classWeights?: Float32Array;
  /** Learn the class biases (default true); off, they stay 0 (a correction of a base model keeps its class balance). */
  readonly fitBias?: boolean;
}

/**
 * Default training of the softmax model. Chosen by hold-out runs carved from the CLINC150 and HWU64
 * training files (never their dev files); the fixed seed makes training reproducible.
 *
 * @example
 * SoftmaxRegression.train(vectors, labels, numFeatures, numClasses, { ...DEFAULT_SOFTMAX_TRAINING, epochs: 10 });
 */
export const DEFAULT_SOFTMAX_TRAINING: SoftmaxTrainingOptions = { epochs: 6, learningRate: 2, l2: 1e-7, seed: 13 };

/** Serialisable weights of a softmax model. */
export interface SoftmaxState {
  readonly numFeatures: number;
  readonly numClasses: number;
  /** Base64 of the little-endian Float32 weights (feature-major), then the biases. */
  readonly weights: string;
  readonly bias: number[];
}

/**
 * Multinomial logistic regression over sparse vectors with weights in a feature-major
 * Float32Array (one contiguous row of class weights per feature, cache friendly for sparse input).
 *
 * @example
 * const m = SoftmaxRegression.train(vectors, labels, vocabSize, 3);
 * m.probabilities(vectors[0]);
 */
export class SoftmaxRegression {
  constructor(
    readonly numFeatures: number,
    readonly numClasses: number,
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {}

  /**
   * Trains with shuffled SGD, linear learning-rate decay and a lazily applied L2 scale. `offsets`
   * (one fixed logit vector per example) are added to the model's logits during training: the
   * model then learns a correction of that base model rather than a model of its own.
   */
  static train(
    data: readonly SparseVector[],
    labels: ArrayLike<number>,
    numFeatures: number,
    numClasses: number,
    options: Partial<SoftmaxTrainingOptions> = {},
    offsets?: readonly ArrayLike<number>[],
  ): SoftmaxRegression {
    const opts = { ...DEFAULT_SOFTMAX_TRAINING, ...options };
    const C = numClasses;
    const W = new Float32Array(numFeatures * C);
    const b = new Float32Array(C);
    const rand = createRandom(opts.seed);
    const order = data.map((_, i) => i);
    const logits = new Float64Array(C);
    const grad = new Float64Array(C);
    const active = new Int32Array(C);
    // W_true = scale * W: weight decay becomes one multiplication per step.
    let scale = 1;
    const total = Math.max(1, opts.epochs * data.length);
    let step = 0;
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      shuffleInPlace(order, rand);
      for (const i of order) {
        const x = data[i] as SparseVector;
        const y = labels[i] as number;
        const lr = opts.learningRate * (1 - 0.9 * (step / total));
        step++;
        const nnz = x.indices.length;
        const offset = offsets?.[i];
        for (let c = 0; c < C; c++) logits[c] = (b[c] as number) + (offset ? (offset[c] ?? 0) : 0);
        for (let k = 0; k < nnz; k++) {
          const row = (x.indices[k] as number) * C;
          const v = (x.values[k] as number) * scale;
          for (let c = 0; c < C; c++) logits[c] = (logits[c] as number) + v * (W[row + c] as number);
        }
        let max = -Infinity;
        for (let c = 0; c < C; c++) if ((logits[c] as number) > max) max = logits[c] as number;
        let sum = 0;
        for (let c = 0; c < C; c++) {
          const e = Math.exp((logits[c] as number) - max);
          logits[c] = e;
          sum += e;
        }
        const cw = opts.classWeights ? (opts.classWeights[y] ?? 1) : 1;
        let nActive = 0;
        for (let c = 0; c < C; c++) {
          const g = ((logits[c] as number) / sum - (c === y ? 1 : 0)) * cw;
          // Skipping negligible gradients makes late epochs several times faster.
          if (g > 1e-4 || g < -1e-4) {
            grad[nActive] = g;
            active[nActive++] = c;
          }
        }
        if (opts.l2 > 0) {
          scale *= 1 - lr * opts.l2;
          if (scale < 1e-3) {
            for (let j = 0; j < W.length; j++) W[j] = (W[j] as number) * scale;
            scale = 1;
          }
        }
        if (nActive === 0) continue;
        const inv = lr / scale;
        if (opts.fitBias !== false)
          for (let a = 0; a < nActive; a++) {
            const c = active[a] as number;
            b[c] = (b[c] as number) - lr * (grad[a] as number);
          }
        for (let k = 0; k < nnz; k++) {
          const row = (x.indices[k] as number) * C;
          const v = (x.values[k] as number) * inv;
          for (let a = 0; a < nActive; a++) {
            const c = active[a] as number;
            W[row + c] = (W[row + c] as number) - v * (grad[a] as number);
          }
        }
      }
    }
    if (scale !== 1) for (let j = 0; j < W.length; j++) W[j] = (W[j] as number) * scale;
    return new SoftmaxRegression(numFeatures, C, W, b);
  }

  /** Restores a model from {@link toJSON} output. */
  static fromJSON(state: SoftmaxState): SoftmaxRegression {
    const buf = Buffer.from(state.weights, 'base64');
    const weights = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    if (weights.length !== state.numFeatures * state.numClasses) throw new Error('Corrupted model: weight count mismatch');
    return new SoftmaxRegression(state.numFeatures, state.numClasses, weights, Float32Array.from(state.bias));
  }

  toJSON(): SoftmaxState {
    return {
      numFeatures: this.numFeatures,
      numClasses: this.numClasses,
      weights: Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength).toString('base64'),
      bias: Array.from(this.bias),
    };
  }

  /** Raw class scores (logits). */
  logits(x: SparseVector): Float64Array {
    const C = this.numClasses;
    const out = Float64Array.from(this.bias);
    for (let k = 0; k < x.indices.length; k++) {
      const f = x.indices[k] as number;
      if (f >= this.numFeatures) continue;
      const row = f * C;
      const v = x.values[k] as number;
      for (let c = 0; c < C; c++) out[c] = (out[c] as number) + v * (this.weights[row + c] as number);
    }
    return out;
  }

  /** Class probabilities with an optional temperature (T > 1 softens). */
  probabilities(x: SparseVector, temperature = 1): Float64Array {
    return softmax(this.logits(x), temperature);
  }

  /** Per-feature contributions (value × weight) of a vector to one class, largest first. */
  contributions(x: SparseVector, classIndex: number): Array<{ feature: number; weight: number }> {
    const out: Array<{ feature: number; weight: number }> = [];
    for (let k = 0; k < x.indices.length; k++) {
      const f = x.indices[k] as number;
      if (f >= this.numFeatures) continue;
      out.push({ feature: f, weight: (x.values[k] as number) * (this.weights[f * this.numClasses + classIndex] as number) });
    }
    return out.sort((a, b) => b.weight - a.weight);
  }
}

/**
 * Numerically stable softmax with temperature.
 *
 * @example
 * softmax(Float64Array.from([1, 1])) // [0.5, 0.5]
 */
export function softmax(logits: Float64Array, temperature = 1): Float64Array {
  const out = new Float64Array(logits.length);
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp(((logits[c] as number) - max) / temperature);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < out.length; c++) out[c] = (out[c] as number) / sum;
  return out;
}
