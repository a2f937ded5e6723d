import { sql, type Kysely } from 'kysely';
import type { Clock } from '@parley/kernel';
import type { Database, JobRow } from '@parley/storage-pg';
import { sqlAfter, sqlNow } from './job-row.js';

export interface ClaimOptions {
  queues: readonly string[];
  workerId: string;
  limit: number;
  lockMs: number;
  clock?: Clock | undefined;
}

/**
 * Claims up to `limit` due jobs in one statement and marks them running for this worker.
 *
 * Due: pending with `run_at <= now`, or running with an expired lock (its worker died).
 * Per-key FIFO: a job is a candidate only when no older job (smaller seq) with the same
 * ordering key is pending or running, so only the head of each key can ever be claimed, and a
 * retry waiting for its backoff keeps blocking the jobs behind it. That also settles the race
 * between two claimers: the head is a single row, SKIP LOCKED lets one claimer have it, and the
 * other still sees the head pending or running in its snapshot, so it skips the whole key rather
 * than taking the next job. Dead and done jobs no longer block. Ordering keys are global across
 * queues (a `conversation:<id>` key orders a bot turn before the outbound send it causes).
 *
 * @example
 * const rows = await claimJobs(db, { queues: ['outbound'], workerId, limit: 4, lockMs: 30_000 });
 */
export async function claimJobs(db: Kysely<Database>, options: ClaimOptions): Promise<JobRow[]> {
  if (options.queues.length === 0 || options.limit < 1) return [];
  const now = sqlNow(options.clock);
  const result = await sql<JobRow>`
    with candidates as (
      select j.id
      from jobs j
      where j.queue = any(${[...options.queues]}::text[])
        and (
          (j.status = 'pending' and j.run_at <= ${now})
          or (j.status = 'running' and j.locked_until < ${now})
        )
        and (
          j.ordering_key is null
          or not exists (
            select 1 from jobs older
            where older.ordering_key = j.ordering_key
              and older.seq < j.seq
              and older.status in ('pending', 'running')
          )
        )
      order by j.seq
      limit ${options.limit}
      for update of j skip locked
    )
    update jobs
    set status = 'running',
        locked_by = ${options.workerId},
        locked_until = ${sqlAfter(now, options.lockMs)},
        attempts = jobs.attempts + 1
    from candidates
    where jobs.id = candidates.id
    returning jobs.*
  `.execute(db);
  // RETURNING does not keep the CTE's order.
  return result.rows.sort((a, b) => a.seq - b.seq);
}

/**
 * Heartbeat: pushes back the lock expiry of jobs this worker is still running, so that a long
 * job is not reclaimed by another worker.
 *
 * @example
 * await extendJobLocks(db, { ids, workerId, lockMs: 30_000 });
 */
export async function extendJobLocks(db: Kysely<Database>, options: { ids: readonly string[]; workerId: string; lockMs: number; clock?: Clock | undefined }): Promise<number> {
  if (options.ids.length === 0) return 0;
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: sqlAfter(sqlNow(options.clock), options.lockMs) })
    .where('id', 'in', [...options.ids])
    .where('locked_by', '=', options.workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
