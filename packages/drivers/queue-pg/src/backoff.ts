/** Exponential backoff between attempts of a failing job. */
export interface BackoffOptions {
  /** Delay after the first failure. */
  baseMs: number;
  /** Multiplier per further failure. */
  factor: number;
  /** Upper bound of a delay. */
  maxMs: number;
  /**
   * Share of the delay removed at random, 0..1: many jobs failing together (a provider outage)
   * must not all come back at the same instant.
   */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, factor: 2, maxMs: 10 * 60_000, jitter: 0.2 };

/**
 * Delay before the next run after failed attempt number `attempt` (1-based):
 * `min(maxMs, baseMs * factor^(attempt-1))`, minus up to `jitter` of it.
 *
 * @example
 * backoffDelay(3, { baseMs: 1000, factor: 2, maxMs: 60_000, jitter: 0 }); // 4000
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const raw = Math.min(options.maxMs, options.baseMs * options.factor ** exponent);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.max(0, Math.round(raw * (1 - jitter * random())));
}
