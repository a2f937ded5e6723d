import { sql, type Kysely, type Transaction } from 'kysely';
import { newId, type BusEvent, type NewJob } from '@parley/kernel';
import type { Store, TransactionScope } from '@parley/domain';
import type { Database } from './schema.js';
import { PgWorkspaceRepository } from './repositories/workspace.repository.js';
import { PgAccessRepository } from './repositories/access.repository.js';
import { PgCustomerRepository } from './repositories/customer.repository.js';
import { PgChannelRepository } from './repositories/channel.repository.js';
import { PgConversationRepository } from './repositories/conversation.repository.js';
import { PgEventRepository } from './repositories/event.repository.js';
import { PgIdempotencyRepository } from './repositories/idempotency.repository.js';
import { PgFileStorage } from './pg-file-storage.js';
import { PgConsentRepository } from './repositories/consent.repository.js';
import { PgTeamRepository } from './repositories/team.repository.js';
import { PgCustomerMergeRepository } from './repositories/customer-merge.repository.js';
import { PgConversationRecipientRepository } from './repositories/conversation-recipient.repository.js';

/** Writes a job row in the given transaction (provided by the queue driver). */
export type EnqueueInTransaction = (executor: Transaction<Database>, job: NewJob) => Promise<{ id: string; created: boolean }>;

export interface PgStoreOptions {
  enqueue: EnqueueInTransaction;
  /** Called after commit with the events the transaction asked to publish. */
  publish: (event: BusEvent) => Promise<void>;
  /** Called after a commit that enqueued jobs, so local workers start without waiting for a poll. */
  onJobsCommitted?: () => void;
  onPublishError?: (error: unknown) => void;
}

function repositories(db: Kysely<Database>) {
  return {
    workspaces: new PgWorkspaceRepository(db),
    access: new PgAccessRepository(db),
    customers: new PgCustomerRepository(db),
    channels: new PgChannelRepository(db),
    conversations: new PgConversationRepository(db),
    events: new PgEventRepository(db),
    idempotency: new PgIdempotencyRepository(db),
    files: new PgFileStorage(db),
    consents: new PgConsentRepository(db),
    teams: new PgTeamRepository(db),
    merges: new PgCustomerMergeRepository(db),
    recipients: new PgConversationRecipientRepository(db),
  };
}

// Which Kysely executor (pool or transaction) is behind each scope this module created, so that
// a port declared outside the domain (routing) can run in the very same transaction.
const executors = new WeakMap<object, Kysely<Database>>();

/**
 * The executor behind `store.read` or a transaction scope of {@link createPgStore}.
 *
 * @example
 * await store.transaction(async (tx) => new PgRoutingRepository(executorOf(tx)).lockItem(ws, id));
 */
export function executorOf(scope: object): Kysely<Database> {
  const executor = executors.get(scope);
  if (!executor) throw new Error('This scope was not created by createPgStore');
  return executor;
}

/**
 * The storage port on Kysely: reads on the pool, writes in a transaction whose jobs commit
 * with it and whose bus events are published only after commit.
 *
 * @example
 * const store = createPgStore(db, { enqueue: enqueueJob, publish: (e) => bus.publish(e) });
 */
export function createPgStore(db: Kysely<Database>, options: PgStoreOptions): Store {
  const read = repositories(db);
  executors.set(read, db);
  return {
    read,
    async transaction<T>(work: (tx: TransactionScope) => Promise<T>): Promise<T> {
      const pending: BusEvent[] = [];
      let enqueued = 0;
      const result = await db.transaction().execute(async (trx) => {
        let savepoints = 0;
        const scope: TransactionScope = {
          ...repositories(trx),
          enqueue: async (job) => {
            enqueued++;
            return options.enqueue(trx, job);
          },
          savepoint: async (inner) => {
            const name = sql.id(`sp_${++savepoints}`);
            const mark = pending.length;
            await sql`savepoint ${name}`.execute(trx);
            try {
              const value = await inner();
              await sql`release savepoint ${name}`.execute(trx);
              return value;
            } catch (error) {
              await sql`rollback to savepoint ${name}`.execute(trx);
              pending.length = mark;
              throw error;
            }
          },
          publishAfterCommit: (event) => {
            pending.push({ ...event, id: newId(), occurredAt: new Date().toISOString() });
          },
        };
        executors.set(scope, trx);
        return work(scope);
      });
      if (enqueued > 0) options.onJobsCommitted?.();
      for (const event of pending) {
        // The write is committed: a bus hiccup must not turn it into an error for the caller.
        options.publish(event).catch((error: unknown) => options.onPublishError?.(error));
      }
      return result;
    },
  };
}
