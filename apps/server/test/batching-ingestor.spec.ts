// The batching ingestor (group commit of inbound messages) on a real PGlite database. It is a
// use-case, but use-case tests may not import the storage driver (lint boundary), so it lives here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { newId, systemClock, type BusEvent } from '@parley/kernel';
import { textContent, type Store, type TransactionScope } from '@parley/domain';
import { ChannelRegistry } from '@parley/channel-sdk';
import { createPgStore, type DatabaseHandle } from '@parley/storage-pg';
import { createTestDatabase } from '@parley/storage-pg/testing';
import { enqueueJob } from '@parley/queue-pg';
import { createBatchingIngestor, type InboundMessageInput, type UseCaseDeps } from '@parley/use-cases';

let handle: DatabaseHandle;
let deps: UseCaseDeps;
const ws = newId();
const published: BusEvent[] = [];
/** Transactions started through the store (each batch attempt is one). */
let transactions = 0;

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  const store = createPgStore(handle.db, {
    enqueue: (trx, job) => enqueueJob(trx, job),
    publish: async (event) => {
      published.push(event);
    },
  });
  const counting: Store = {
    read: store.read,
    transaction: <T>(work: (tx: TransactionScope) => Promise<T>): Promise<T> => {
      transactions++;
      return store.transaction(work);
    },
  };
  await store.transaction((tx) => tx.workspaces.create({ id: ws, name: 'Ingest', slug: `ingest-${ws}`, timeZone: 'Europe/Paris', locale: 'fr' }));
  deps = {
    store: counting,
    clock: systemClock,
    channels: new ChannelRegistry(),
    secrets: {
      seal: () => {
        throw new Error('not used by inbound ingestion');
      },
      open: () => ({}),
    },
  };
});
afterAll(() => handle?.close());

/** A channel of its own for each test, so that counts never see another test's rows. */
async function newChannel(): Promise<string> {
  const id = newId();
  await deps.store.transaction((tx) =>
    tx.channels.create({ id, workspaceId: ws, type: 'api', name: `ingest ${id}`, config: {}, sealedSecrets: {}, botId: null }),
  );
  return id;
}

function message(channelId: string, customer: string, providerMessageId: string, text = `hello from ${customer}`): InboundMessageInput {
  return {
    workspaceId: ws,
    channelId,
    providerMessageId,
    identities: [{ kind: 'external_id', raw: customer, scope: channelId, verified: true, provenance: 'channel' }],
    displayName: customer,
    content: textContent(text),
    text,
  };
}

async function count(table: 'messages' | 'customer_identities' | 'conversations', channelId: string): Promise<number> {
  const column = table === 'customer_identities' ? 'scope' : 'channel_id';
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${channelId}`.execute(handle.db);
  return rows[0]?.n ?? -1;
}

/** Jobs in the whole database (the inbound flow enqueues a routing job per new conversation). */
async function countJobs(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from jobs`.execute(handle.db);
  return rows[0]?.n ?? -1;
}

describe('createBatchingIngestor', () => {
  it('writes concurrent messages in one transaction, each request answered with its own ids', async () => {
    const channelId = await newChannel();
    const ingestor = createBatchingIngestor(deps, { maxBatch: 64 });
    const before = transactions;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => ingestor.ingest(message(channelId, `c${i}`, `m${i}`))));
    expect(transactions - before).toBe(1);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(10);
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(10);
    expect(results.every((r) => !r.duplicate)).toBe(true);
    results.forEach((r, i) => expect(r.message?.providerMessageId).toBe(`m${i}`));
    expect(await count('messages', channelId)).toBe(10);
    await ingestor.flush();
  });

  it('splits a queue longer than maxBatch into several transactions, keeping one customer’s messages in order', async () => {
    const channelId = await newChannel();
    const ingestor = createBatchingIngestor(deps, { maxBatch: 4 });
    const before = transactions;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => ingestor.ingest(message(channelId, 'same', `seq-${i}`, `message ${i}`))));
    expect(transactions - before).toBe(3);
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
    expect(results.map((r) => r.message?.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it('one bad message fails alone with its own error; the others of its batch commit and get their answers', async () => {
    const channelId = await newChannel();
    const ingestor = createBatchingIngestor(deps);
    published.length = 0;
    const before = transactions;
    const jobsBefore = await countJobs();
    // PostgreSQL refuses NUL in text: the failure happens in the database, aborting the transaction.
    const inputs = Array.from({ length: 5 }, (_, i) => message(channelId, `c${i}`, `m${i}`, i === 2 ? 'bad \u0000 byte' : `fine ${i}`));
    const settled = await Promise.allSettled(inputs.map((input) => ingestor.ingest(input)));

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const failure = settled[2] as PromiseRejectedResult;
    expect((failure.reason as { code?: string }).code).toMatch(/^22/); // data exception, the message's own
    // The optimistic attempt, then the same batch again with one savepoint per message.
    expect(transactions - before).toBe(2);
    const ok = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(ok.map((r) => r.message?.text)).toEqual(['fine 0', 'fine 1', 'fine 3', 'fine 4']);
    expect(await count('messages', channelId)).toBe(4);
    // Nothing of the bad message remains: no customer, no conversation, no event published for it.
    expect(await count('customer_identities', channelId)).toBe(4);
    expect(await count('conversations', channelId)).toBe(4);
    expect((await countJobs()) - jobsBefore).toBe(4);
    await new Promise((r) => setImmediate(r));
    const received = published.filter((e) => e.name === 'message.received').map((e) => (e.payload as { messageId: string }).messageId);
    expect(received.sort()).toEqual(ok.map((r) => r.messageId).sort());
  });

  it('a replay inside the same batch is stored once and answered with the same ids', async () => {
    const channelId = await newChannel();
    const ingestor = createBatchingIngestor(deps);
    const before = transactions;
    const [first, other, replay] = await Promise.all([
      ingestor.ingest(message(channelId, 'alice', 'dup-1')),
      ingestor.ingest(message(channelId, 'bob', 'b-1')),
      ingestor.ingest(message(channelId, 'alice', 'dup-1')),
    ]);
    expect(transactions - before).toBe(1);
    expect(first?.duplicate).toBe(false);
    expect(replay).toMatchObject({ duplicate: true, messageId: first?.messageId, conversationId: first?.conversationId, customerId: first?.customerId });
    expect(other?.duplicate).toBe(false);
    expect(await count('messages', channelId)).toBe(2);
    // A later replay, in a batch of its own, finds the committed one.
    const late = await ingestor.ingest(message(channelId, 'alice', 'dup-1'));
    expect(late).toMatchObject({ duplicate: true, messageId: first?.messageId });
    expect(await count('messages', channelId)).toBe(2);
  });

  it('a failed commit rejects every request of the batch and leaves nothing half-written', async () => {
    const channelId = await newChannel();
    // A deferred constraint trigger runs at COMMIT: the statements all succeed, the commit fails.
    await sql`create or replace function refuse_poison() returns trigger language plpgsql as $$
      begin
        if new.text = 'poison at commit' then raise exception 'commit refused'; end if;
        return null;
      end $$`.execute(handle.db);
    await sql`create constraint trigger refuse_poison after insert on messages deferrable initially deferred for each row execute function refuse_poison()`.execute(
      handle.db,
    );
    try {
      const ingestor = createBatchingIngestor(deps);
      published.length = 0;
      const jobsBefore = await countJobs();
      const inputs = [message(channelId, 'c0', 'm0'), message(channelId, 'c1', 'm1', 'poison at commit'), message(channelId, 'c2', 'm2')];
      const settled = await Promise.allSettled(inputs.map((input) => ingestor.ingest(input)));
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
      for (const s of settled) if (s.status === 'rejected') expect(String((s.reason as Error).message)).toContain('commit refused');
      expect(await count('messages', channelId)).toBe(0);
      expect(await count('customer_identities', channelId)).toBe(0);
      expect(await count('conversations', channelId)).toBe(0);
      expect(await countJobs()).toBe(jobsBefore);
      await new Promise((r) => setImmediate(r));
      expect(published).toEqual([]);

      // The ingestor keeps working after the failed batch.
      const next = await ingestor.ingest(message(channelId, 'c0', 'm0'));
      expect(next.duplicate).toBe(false);
      expect(await count('messages', channelId)).toBe(1);
    } finally {
      await sql`drop trigger refuse_poison on messages`.execute(handle.db);
    }
  });

  it('flush resolves once nothing is queued or in flight', async () => {
    const channelId = await newChannel();
    const ingestor = createBatchingIngestor(deps);
    await ingestor.flush();
    const pending = Array.from({ length: 3 }, (_, i) => ingestor.ingest(message(channelId, `c${i}`, `m${i}`)));
    await ingestor.flush();
    expect(await count('messages', channelId)).toBe(3);
    await Promise.all(pending);
  });
});
