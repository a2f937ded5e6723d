import { softmax } from './softmax-regression.js';

/**
 * Fits a softmax temperature minimising the negative log-likelihood of held-out logits
 * (temperature scaling, Guo et al. 2017) by golden-section search on log T.
 *
 * @example
 * fitTemperature([Float64Array.from([4, 0])], [1]) > 1 // true: over-confident and wrong
 */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  if (logits.length === 0) return 1;
  const nll = (t: number): number => {
    let s = 0;
    logits.forEach((z, i) => {
      const p = softmax(z, t)[labels[i] as number] ?? 0;
      s -= Math.log(Math.max(p, 1e-12));
    });
    return s;
  };
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nll(Math.exp(a));
  let fb = nll(Math.exp(b));
  for (let it = 0; it < 40; it++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = nll(Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = nll(Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
