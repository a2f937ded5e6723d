import type { Kysely } from 'kysely';
import type { Clock, JobOutcome } from '@parley/kernel';
import type { Database, JobRow } from '@parley/storage-pg';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { sqlAfter, sqlNow } from './job-row.js';

export type SettledStatus = 'done' | 'pending' | 'dead';

export interface SettleOptions {
  workerId: string;
  backoff: BackoffOptions;
  clock?: Clock | undefined;
}

/**
 * Records the outcome of one run: `done`, back to `pending` after a backoff delay, or `dead`
 * once attempts are used up (or the handler said so). The update is fenced on
 * (locked_by, attempts): if this worker lost its lock and another worker reclaimed the job, the
 * stale result is dropped and `null` is returned.
 *
 * @example
 * const status = await settleJob(db, row, { kind: 'retry', error: 'HTTP 503' }, { workerId, backoff });
 */
export async function settleJob(db: Kysely<Database>, row: JobRow, outcome: JobOutcome, options: SettleOptions): Promise<SettledStatus | null> {
  const now = sqlNow(options.clock);
  const base = db
    .updateTable('jobs')
    .where('id', '=', row.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', options.workerId)
    .where('attempts', '=', row.attempts);

  let status: SettledStatus;
  let update;
  if (outcome.kind === 'done') {
    status = 'done';
    update = base.set({ status, finished_at: now, locked_by: null, locked_until: null });
  } else if (outcome.kind === 'dead' || row.attempts >= row.max_attempts) {
    status = 'dead';
    update = base.set({ status, finished_at: now, locked_by: null, locked_until: null, last_error: outcome.error });
  } else {
    status = 'pending';
    const delayMs = outcome.delayMs ?? backoffDelay(row.attempts, options.backoff);
    update = base.set({ status, run_at: sqlAfter(now, delayMs), locked_by: null, locked_until: null, last_error: outcome.error });
  }
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? status : null;
}
