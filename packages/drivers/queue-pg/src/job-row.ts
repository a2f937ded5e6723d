import { sql, type RawBuilder } from 'kysely';
import type { Clock, Job } from '@parley/kernel';
import type { JobRow } from '@parley/storage-pg';

/**
 * Maps a `jobs` row to the port's {@link Job}. `attempt` is the run number, counted when the
 * job is claimed, so it is 1 on the first run.
 *
 * @example
 * const job = toJob(row); // { id, queue, attempt: 1, ... }
 */
export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    queue: row.queue,
    workspaceId: row.workspace_id,
    payload: row.payload,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    orderingKey: row.ordering_key,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
  };
}

/**
 * "Now" for queue statements: the database clock by default, so that every worker compares run
 * times and lock expiries against the same clock; a test clock when one is injected.
 *
 * @example
 * sql`update jobs set finished_at = ${sqlNow(clock)}`;
 */
export function sqlNow(clock: Clock | undefined): RawBuilder<Date> {
  return clock ? sql<Date>`${clock.now().toISOString()}::timestamptz` : sql<Date>`now()`;
}

/**
 * `now + ms` as a timestamptz expression.
 *
 * @example
 * sql`update jobs set locked_until = ${sqlAfter(sqlNow(undefined), 30_000)}`;
 */
export function sqlAfter(now: RawBuilder<Date>, ms: number): RawBuilder<Date> {
  return sql<Date>`(${now} + ${Math.max(0, Math.round(ms))}::float8 * interval '1 millisecond')`;
}
