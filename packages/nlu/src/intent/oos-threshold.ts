/** One held-out prediction used to tune the out-of-scope threshold. */
export interface ThresholdSample {
  /** Calibrated probability of the best class. */
  readonly confidence: number;
  /** True when the best class is the true label. */
  readonly correct: boolean;
  /** True when the true label is out-of-scope. */
  readonly outOfScope: boolean;
  /** True when the best class already is the explicit out-of-scope class. */
  readonly predictedOutOfScope: boolean;
}

/**
 * Picks the highest confidence threshold whose in-scope accuracy stays within `maxInScopeLoss`
 * of the accuracy without threshold. That rule does not depend on how many out-of-scope
 * messages the held-out slice happens to contain, so it also works for bots without `oos` examples.
 *
 * @example
 * tuneOosThreshold(samples, 0.01) // e.g. 0.42
 */
export function tuneOosThreshold(samples: readonly ThresholdSample[], maxInScopeLoss: number): number {
  const inScope = samples.filter((s) => !s.outOfScope);
  if (inScope.length === 0) return 0;
  const correctConf = inScope
    .filter((s) => s.correct && !s.predictedOutOfScope)
    .map((s) => s.confidence)
    .sort((a, b) => a - b);
  const baseAcc = correctConf.length / inScope.length;
  // Rejecting a correct in-scope answer costs 1/n accuracy; wrong answers cost nothing.
  const allowed = Math.floor(maxInScopeLoss * inScope.length + 1e-9);
  if (baseAcc === 0 || correctConf.length === 0) return 0;
  if (allowed >= correctConf.length) return correctConf[correctConf.length - 1] ?? 0;
  // Threshold just at the (allowed)-th lowest correct confidence keeps that one accepted.
  return correctConf[allowed] ?? 0;
}
