/** Feedback counts of one item (customers' votes and agents' decisions on suggestions). */
export interface FeedbackStats {
  readonly helpful: number;
  readonly notHelpful: number;
  readonly accepted: number;
  readonly rejected: number;
}

// Prior votes: an item needs several consistent votes before its rank moves, so one angry click does little.
const PRIOR = 5;
const MAX_EFFECT = 0.2;

/** The largest multiplier {@link feedbackBoost} returns (lets a top-k search bound boosted scores). */
export const MAX_FEEDBACK_BOOST = 1 + MAX_EFFECT;

/**
 * Multiplier in [0.8, 1.2] from feedback: (positive − negative) / (positive + negative + 5), scaled.
 * An agent's accept counts like a helpful vote (an edit counts as accepted by the caller), a reject like a not-helpful vote.
 *
 * @example
 * feedbackBoost({ helpful: 20, notHelpful: 0, accepted: 0, rejected: 0 }) // 1.16
 */
export function feedbackBoost(stats: FeedbackStats | undefined): number {
  if (!stats) return 1;
  const pos = stats.helpful + stats.accepted;
  const neg = stats.notHelpful + stats.rejected;
  return 1 + (MAX_EFFECT * (pos - neg)) / (pos + neg + PRIOR);
}
