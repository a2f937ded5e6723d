import { createRandom } from '../model/random.js';

/** A 95 % confidence interval, in the metric's unit. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * Share of positions where prediction equals truth.
 *
 * @example
 * accuracy(['a', 'b'], ['a', 'a']) // 0.5
 */
export function accuracy(predicted: readonly string[], truth: readonly string[]): number {
  if (truth.length === 0) return 0;
  let ok = 0;
  truth.forEach((t, i) => (ok += predicted[i] === t ? 1 : 0));
  return ok / truth.length;
}

/**
 * Unweighted mean of per-class F1 over the classes present in the truth.
 *
 * @example
 * macroF1(['a', 'a'], ['a', 'b']) // 0.333…
 */
export function macroF1(predicted: readonly string[], truth: readonly string[]): number {
  const labels = [...new Set(truth)];
  if (labels.length === 0) return 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  truth.forEach((t, i) => {
    const p = predicted[i] ?? '';
    if (p === t) tp.set(t, (tp.get(t) ?? 0) + 1);
    else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(t, (fn.get(t) ?? 0) + 1);
    }
  });
  let sum = 0;
  for (const l of labels) {
    const a = tp.get(l) ?? 0;
    const d = 2 * a + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    sum += d === 0 ? 0 : (2 * a) / d;
  }
  return sum / labels.length;
}

/**
 * Wilson score interval of a proportion (95 %), good for small n and extreme rates.
 *
 * @example
 * wilsonInterval(90, 100) // { low: 0.826, high: 0.945 }
 */
export function wilsonInterval(successes: number, n: number): Interval {
  if (n === 0) return { low: 0, high: 0 };
  const z = 1.959964;
  const p = successes / n;
  const den = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / den;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Percentile bootstrap interval (95 %) of any metric over paired predictions, seeded.
 *
 * @example
 * bootstrapInterval(pred, gold, macroF1, 500)
 */
export function bootstrapInterval(
  predicted: readonly string[],
  truth: readonly string[],
  metric: (p: readonly string[], t: readonly string[]) => number,
  rounds = 1000,
  seed = 5,
): Interval {
  const n = truth.length;
  if (n === 0) return { low: 0, high: 0 };
  const rand = createRandom(seed);
  const values: number[] = [];
  const p: string[] = new Array<string>(n);
  const t: string[] = new Array<string>(n);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(rand() * n);
      p[i] = predicted[k] ?? '';
      t[i] = truth[k] ?? '';
    }
    values.push(metric(p, t));
  }
  values.sort((a, b) => a - b);
  return { low: values[Math.floor(0.025 * rounds)] ?? 0, high: values[Math.min(rounds - 1, Math.floor(0.975 * rounds))] ?? 0 };
}

/**
 * Value at a percentile (0–100) of a sample, nearest-rank.
 *
 * @example
 * percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(values: readonly number[], pct: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((pct / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
