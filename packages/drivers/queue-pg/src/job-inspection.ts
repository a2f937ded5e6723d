import { sql, type Kysely } from 'kysely';
import type { Clock, Job } from '@parley/kernel';
import type { Database, JobRow } from '@parley/storage-pg';
import { sqlNow, toJob } from './job-row.js';

export interface QueueStats {
  queue: string;
  pending: number;
  running: number;
  dead: number;
  done: number;
}

/**
 * Job counts per queue and status, for metrics and the ops page.
 *
 * @example
 * for (const s of await queueStats(db)) gauge.set({ queue: s.queue, status: 'pending' }, s.pending);
 */
export async function queueStats(db: Kysely<Database>): Promise<QueueStats[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['queue', 'status', sql<number>`count(*)::int`.as('count')])
    .groupBy(['queue', 'status'])
    .orderBy('queue')
    .execute();
  const byQueue = new Map<string, QueueStats>();
  for (const row of rows) {
    let stats = byQueue.get(row.queue);
    if (!stats) {
      stats = { queue: row.queue, pending: 0, running: 0, dead: 0, done: 0 };
      byQueue.set(row.queue, stats);
    }
    stats[row.status] = row.count;
  }
  return [...byQueue.values()];
}

/** A dead-lettered job, kept for inspection. */
export interface DeadJob extends Job {
  seq: number;
  lastError: string | null;
  finishedAt: Date | null;
}

export interface ListDeadJobsOptions {
  queue?: string;
  workspaceId?: string;
  /** Page size, default 50, at most 500. */
  limit?: number;
  /** Keyset cursor: only jobs with a smaller seq (the last `seq` of the previous page). */
  beforeSeq?: number;
}

/**
 * Dead-lettered jobs, newest first.
 *
 * @example
 * const page = await listDeadJobs(db, { queue: 'outbound', limit: 20 });
 */
export async function listDeadJobs(db: Kysely<Database>, options: ListDeadJobsOptions = {}): Promise<DeadJob[]> {
  let query = db.selectFrom('jobs').selectAll().where('status', '=', 'dead');
  if (options.queue !== undefined) query = query.where('queue', '=', options.queue);
  if (options.workspaceId !== undefined) query = query.where('workspace_id', '=', options.workspaceId);
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  const limit = Math.min(500, Math.max(1, options.limit ?? 50));
  const rows: JobRow[] = await query.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((row) => ({ ...toJob(row), seq: row.seq, lastError: row.last_error, finishedAt: row.finished_at }));
}

/**
 * Puts a dead job back in line with a fresh set of attempts; returns false when the job is not
 * dead (already retried, or unknown). Keeps `last_error` for history. As the job keeps its seq,
 * it becomes the head of its ordering key again and blocks later jobs of that key until it
 * succeeds or dies again.
 *
 * @example
 * if (!(await retryDeadJob(db, jobId))) throw new AppError('invalid_state', 'Job is not dead');
 */
export async function retryDeadJob(db: Kysely<Database>, id: string, options: { clock?: Clock } = {}): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, run_at: sqlNow(options.clock), finished_at: null, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
