import type { Kysely, Transaction } from 'kysely';
import { newId, type NewJob } from '@parley/kernel';
import type { Database } from '@parley/storage-pg';

/** Attempts a job gets when the caller does not say. */
export const DEFAULT_MAX_ATTEMPTS = 10;

export interface EnqueuedJob {
  id: string;
  /** False when a job with the same (queue, idempotencyKey) already existed; `id` is then that job's. */
  created: boolean;
}

/**
 * Inserts a job. Pass the transaction of the domain write that causes it, so the job commits or
 * rolls back with that write; call `worker.wake()` after the commit for low latency.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await insertMessage(trx, message);
 *   await enqueueJob(trx, { queue: 'outbound', workspaceId, payload: { messageId }, orderingKey: `conversation:${conversationId}`, idempotencyKey: `send:${messageId}` });
 * });
 * worker.wake();
 */
export async function enqueueJob<P>(executor: Kysely<Database> | Transaction<Database>, job: NewJob<P>): Promise<EnqueuedJob> {
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!job.queue) throw new TypeError('enqueueJob: queue is required');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new TypeError(`enqueueJob: maxAttempts must be a positive integer, got ${maxAttempts}`);
  const idempotencyKey = job.idempotencyKey ?? null;

  const inserted = await executor
    .insertInto('jobs')
    .values({
      id: newId(),
      queue: job.queue,
      workspace_id: job.workspaceId,
      payload: JSON.stringify(job.payload ?? null),
      ordering_key: job.orderingKey ?? null,
      idempotency_key: idempotencyKey,
      status: 'pending',
      max_attempts: maxAttempts,
      // Omitted run_at takes the database default now(), the clock workers compare against.
      ...(job.runAt ? { run_at: job.runAt } : {}),
    })
    // Matches the partial unique index jobs_idempotency_key; a concurrent insert with the same
    // key waits for the other transaction, then either conflicts or proceeds if it rolled back.
    .onConflict((oc) => oc.columns(['queue', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };

  const existing = await executor
    .selectFrom('jobs')
    .select('id')
    .where('queue', '=', job.queue)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  // Only possible when the conflicting row is invisible to this transaction's snapshot (repeatable read).
  if (!existing) throw new Error(`enqueueJob: job ${job.queue}/${String(idempotencyKey)} conflicts with a row this transaction cannot see`);
  return { id: existing.id, created: false };
}
