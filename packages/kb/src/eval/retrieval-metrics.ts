import { percentile, wilsonInterval, type Interval } from '@parley/nlu';

/** Scores of a ranking run: hit@1, hit@5, MRR@5 with 95 % intervals, and latency. */
export interface RetrievalReport {
  readonly queries: number;
  readonly hit1: number;
  readonly hit5: number;
  readonly mrr: number;
  readonly hit1CI: Interval;
  readonly hit5CI: Interval;
  readonly mrrCI: Interval;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Percentile bootstrap (95 %) of a mean, seeded (mulberry32) so reports are reproducible.
 *
 * @example
 * meanBootstrap([1, 0, 0.5, 1], 1000) // { low: …, high: … }
 */
export function meanBootstrap(values: readonly number[], rounds = 1000, seed = 7): Interval {
  const n = values.length;
  if (n === 0) return { low: 0, high: 0 };
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const means: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rand() * n)] as number;
    means.push(s / n);
  }
  means.sort((x, y) => x - y);
  return { low: means[Math.floor(0.025 * rounds)] ?? 0, high: means[Math.min(rounds - 1, Math.floor(0.975 * rounds))] ?? 0 };
}

/**
 * Runs a ranker on every query (after a warm-up on the first queries) and scores it.
 * MRR is computed on the top 5 (0 when the right answer is not in it), as systems return a top-5.
 *
 * @example
 * evaluateRetrieval(queries, (q) => engine.search({ question: q, k: 5 }).map((a) => a.id))
 */
export function evaluateRetrieval(
  queries: ReadonlyArray<{ question: string; answerId: string }>,
  rank: (question: string) => readonly string[],
  warmup = 20,
): RetrievalReport {
  for (const q of queries.slice(0, warmup)) rank(q.question);
  const reciprocal: number[] = [];
  const times: number[] = [];
  let hit1 = 0;
  let hit5 = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const ids = rank(q.question).slice(0, 5);
    times.push(performance.now() - t0);
    const pos = ids.indexOf(q.answerId);
    if (pos === 0) hit1++;
    if (pos >= 0) hit5++;
    reciprocal.push(pos >= 0 ? 1 / (pos + 1) : 0);
  }
  return summarize(queries.length, hit1, hit5, reciprocal, times);
}

/** Same as {@link evaluateRetrieval} for an asynchronous ranker (hybrid search). */
export async function evaluateRetrievalAsync(
  queries: ReadonlyArray<{ question: string; answerId: string }>,
  rank: (question: string) => Promise<readonly string[]>,
  warmup = 20,
): Promise<RetrievalReport> {
  for (const q of queries.slice(0, warmup)) await rank(q.question);
  const reciprocal: number[] = [];
  const times: number[] = [];
  let hit1 = 0;
  let hit5 = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const ids = (await rank(q.question)).slice(0, 5);
    times.push(performance.now() - t0);
    const pos = ids.indexOf(q.answerId);
    if (pos === 0) hit1++;
    if (pos >= 0) hit5++;
    reciprocal.push(pos >= 0 ? 1 / (pos + 1) : 0);
  }
  return summarize(queries.length, hit1, hit5, reciprocal, times);
}

function summarize(n: number, hit1: number, hit5: number, reciprocal: number[], times: number[]): RetrievalReport {
  return {
    queries: n,
    hit1: n ? hit1 / n : 0,
    hit5: n ? hit5 / n : 0,
    mrr: n ? reciprocal.reduce((a, b) => a + b, 0) / n : 0,
    hit1CI: wilsonInterval(hit1, n),
    hit5CI: wilsonInterval(hit5, n),
    mrrCI: meanBootstrap(reciprocal),
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
  };
}
