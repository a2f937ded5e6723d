import type { UseCaseDeps } from '../deps.js';
import { receiveInTransaction, type InboundMessageInput, type InboundMessageResult } from './receive-inbound-message.flow.js';

/** Records inbound messages; `ingest` resolves once the message is committed. */
export interface InboundIngestor {
  ingest(input: InboundMessageInput): Promise<InboundMessageResult>;
  /** Resolves when nothing is queued or in flight. */
  flush(): Promise<void>;
}

interface Pending {
  input: InboundMessageInput;
  resolve: (result: InboundMessageResult) => void;
  reject: (error: unknown) => void;
}

const UNIQUE_VIOLATION = '23505';

function isRetryableTransactionError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '40P01' || code === '40001';
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/**
 * Group commit for inbound messages: requests that arrive while a transaction is in flight
 * are written together in the next one. A batch first runs without savepoints; if one message
 * fails, the batch runs again with each message in its own savepoint, so the failure rolls back
 * only that savepoint and rejects only its own request. Every request is answered
 * after the commit that holds its message, so an acknowledged message is durable. Arrival
 * order is kept (FIFO), so one customer's messages keep their order.
 *
 * @example
 * const ingestor = createBatchingIngestor(deps, { maxBatch: 64 });
 * const { conversationId } = await ingestor.ingest(input);
 */
export function createBatchingIngestor(deps: UseCaseDeps, options: { maxBatch?: number; concurrency?: number } = {}): InboundIngestor {
  const maxBatch = options.maxBatch ?? 64;
  // PGlite has one connection: one batch at a time. A server pool can run a few side by side.
  const concurrency = options.concurrency ?? 1;
  const queue: Pending[] = [];
  let inFlight = 0;
  // A started batch still waiting for its connection: it takes the queue only once it has one.
  let waiting = false;
  let idle: Array<() => void> = [];

  /**
   * The batch is taken from the queue when the transaction has its connection, not when it is
   * started: everything that arrived while it waited (behind another batch, or behind the
   * requests' own reads on PGlite's single connection) joins it. That is what makes the group
   * commit group.
   */
  function take(): Pending[] {
    waiting = false;
    const batch = queue.splice(0, maxBatch);
    queueMicrotask(pump);
    return batch;
  }

  async function runBatch(): Promise<void> {
    let batch: Pending[] | null = null;
    const outcomes: Array<{ ok: true; value: InboundMessageResult } | { ok: false; error: unknown }> = [];
    // Optimistic first: the whole batch without savepoints (two round trips fewer per message).
    // If any message fails, nothing of the batch is kept and it runs again with one savepoint per
    // message, so the failure stays that message's own. A batch of one never needs savepoints.
    let isolate = false;
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.store.transaction(async (tx) => {
          batch ??= take();
          outcomes.length = 0;
          for (const item of batch) {
            if (!isolate) {
              outcomes.push({ ok: true, value: await receiveInTransaction(deps, tx, item.input) });
              continue;
            }
            try {
              outcomes.push({ ok: true, value: await tx.savepoint(() => receiveInTransaction(deps, tx, item.input)) });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        });
        break;
      } catch (error) {
        // The transaction never started (no connection): it answers for what it would have taken.
        batch ??= take();
        // Concurrent batches may lock two customers in opposite orders; PostgreSQL then aborts
        // one of them. Nothing of it was stored, so running it again is safe.
        if (isRetryableTransactionError(error) && attempt < 5) continue;
        if (!isolate && batch.length > 1) {
          isolate = true;
          continue;
        }
        if (!isolate) {
          // A batch of one: the error is that message's own (nothing was stored).
          outcomes.length = 0;
          outcomes.push({ ok: false, error });
          break;
        }
        // The commit itself failed: nothing of this batch was stored, so nothing is acknowledged.
        for (const item of batch) item.reject(error);
        return;
      }
    }
    const retry: Pending[] = [];
    (batch ?? []).forEach((item, i) => {
      const outcome = outcomes[i];
      if (!outcome) item.reject(new Error('batch outcome missing'));
      else if (outcome.ok) item.resolve(outcome.value);
      // A concurrent duplicate (same provider id from another process) lost the race: the retry finds the stored one.
      else if (isUniqueViolation(outcome.error)) retry.push(item);
      else item.reject(outcome.error);
    });
    for (const item of retry) {
      deps.store.transaction((tx) => receiveInTransaction(deps, tx, item.input)).then(item.resolve, item.reject);
    }
  }

  let pumpScheduled = false;
  function schedulePump(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  function pump(): void {
    if (!waiting && inFlight < concurrency && queue.length > 0) {
      waiting = true;
      inFlight++;
      void runBatch().finally(() => {
        inFlight--;
        pump();
      });
    }
    if (inFlight === 0 && queue.length === 0) {
      const waiters = idle;
      idle = [];
      for (const w of waiters) w();
    }
  }

  return {
    ingest(input) {
      return new Promise<InboundMessageResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // Start the batch after the I/O callbacks of this loop turn, so that every request that
        // arrived in it joins. (On PGlite a request's reads finish without yielding to I/O, so a
        // microtask would start a batch of one for each request.)
        schedulePump();
      });
    },
    flush() {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
