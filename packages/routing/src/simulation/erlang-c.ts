// Erlang C (M/M/N queue): Poisson arrivals at rate λ, exponential handle times of mean h, N
// advisors each serving one conversation at a time, infinite patience, first come first served.

export interface ErlangCInput {
  /** Arrivals per second. */
  arrivalRate: number;
  /** Mean handle time, seconds. */
  handleTimeSec: number;
  agents: number;
  /** Service-level threshold: answered within this many seconds. */
  targetSec: number;
}

export interface ErlangCResult {
  /** Offered traffic A = λ·h (erlangs). */
  trafficErlangs: number;
  occupancy: number;
  /** Probability that a conversation has to wait at all. */
  probabilityOfWaiting: number;
  /** Average speed of answer, seconds (mean wait over all conversations). */
  averageSpeedOfAnswerSec: number;
  /** Share answered within targetSec. */
  serviceLevel: number;
}

/**
 * Erlang C for a given load. With A ≥ N the queue is unstable: waiting is certain and the
 * mean wait infinite. Computed through the Erlang B recursion, which stays stable for
 * hundreds of advisors (no factorials).
 *
 * @example
 * erlangC({ arrivalRate: 8 / 300, handleTimeSec: 300, agents: 10, targetSec: 20 });
 * // { trafficErlangs: 8, probabilityOfWaiting: 0.409, averageSpeedOfAnswerSec: 61.4, serviceLevel: 0.644, … }
 */
export function erlangC(input: ErlangCInput): ErlangCResult {
  const { arrivalRate, handleTimeSec, agents: n, targetSec } = input;
  const a = arrivalRate * handleTimeSec;
  if (a >= n) return { trafficErlangs: a, occupancy: 1, probabilityOfWaiting: 1, averageSpeedOfAnswerSec: Number.POSITIVE_INFINITY, serviceLevel: 0 };
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  const pw = (n * b) / (n - a * (1 - b));
  return {
    trafficErlangs: a,
    occupancy: a / n,
    probabilityOfWaiting: pw,
    averageSpeedOfAnswerSec: (pw * handleTimeSec) / (n - a),
    serviceLevel: 1 - pw * Math.exp((-(n - a) * targetSec) / handleTimeSec),
  };
}

/**
 * The fewest advisors that reach the service level (staffing from Erlang C).
 *
 * @example
 * agentsForServiceLevel({ arrivalRate: 8 / 300, handleTimeSec: 300, targetSec: 20 }, 0.8); // 11
 */
export function agentsForServiceLevel(input: Omit<ErlangCInput, 'agents'>, serviceLevel: number): number {
  let n = Math.max(1, Math.floor(input.arrivalRate * input.handleTimeSec) + 1);
  while (erlangC({ ...input, agents: n }).serviceLevel < serviceLevel) n++;
  return n;
}
