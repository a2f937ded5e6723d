import { sql, type Kysely, type Transaction } from 'kysely';
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

  const values = {
    id: newId(),
    queue: job.queue,
    workspace_id: job.workspaceId,
    payload: JSON.stringify(job.payload ?? null),
    ordering_key: job.orderingKey ?? null,
    idempotency_key: idempotencyKey,
    status: 'pending' as const,
    max_attempts: maxAttempts,
    // Omitted run_at takes the database default now(), the clock workers compare against.
    ...(job.runAt ? { run_at: job.runAt } : {}),
  };
  if (idempotencyKey === null) {
    const inserted = await executor.insertInto('jobs').values(values).returning('id').executeTakeFirstOrThrow();
    return { id: inserted.id, created: true };
  }

  // Insert, or read the existing job's id, in one statement (repeats like `route:<conversation>`
  // conflict on every message). The partial unique index jobs_idempotency_key decides; a
  // concurrent insert with the same key waits for the other transaction, then either conflicts
  // or proceeds if it rolled back.
  const found = await executor
    .with('inserted', (db) =>
      db
        .insertInto('jobs')
        .values(values)
        .onConflict((oc) => oc.columns(['queue', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
        .returning('id'),
    )
    .selectFrom('inserted')
    .select(['inserted.id', sql<boolean>`true`.as('created')])
    .unionAll((db) =>
      db
        .selectFrom('jobs')
        .select(['jobs.id', sql<boolean>`false`.as('created')])
        .where('jobs.queue', '=', job.queue)
        .where('jobs.idempotency_key', '=', idempotencyKey)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('inserted').select('inserted.id')))),
    )
    .executeTakeFirst();
  if (found) return { id: found.id, created: found.created };

  // The conflicting row committed after this statement's snapshot: read it with a new one.
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
