// The `routing.emotion` job against the conversation's route job, on a real database. It is a
// use-case, but use-case tests may not import the storage driver (lint boundary), so it lives here.
// Under READ COMMITTED every statement of the emotion job sees what committed before it, so the
// route job (routing row + handler change, one transaction) may commit between two of its reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, systemClock, type Job, type JobOutcome } from '@parley/kernel';
import type { Store } from '@parley/domain';
import { ChannelRegistry } from '@parley/channel-sdk';
import { defaultQueue } from '@parley/routing';
import { createPgStore, pgRoutingRepositoryFor, type DatabaseHandle } from '@parley/storage-pg';
import { createTestDatabase } from '@parley/storage-pg/testing';
import {
  applyCustomerEmotionJob,
  QUEUES,
  ROUTING_EMOTION_QUEUE,
  routeConversationJob,
  type CustomerEmotionPayload,
  type RouteJobPayload,
  type UseCaseDeps,
} from '@parley/use-cases';

const backend = process.env.PARLEY_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
const ws = newId();
const channelId = newId();
let handle: DatabaseHandle;
let deps: UseCaseDeps;

beforeAll(async () => {
  handle = await createTestDatabase(backend);
  // The jobs the route job enqueues (retry later, SLA timers) are not run here.
  const store = createPgStore(handle.db, { enqueue: async () => ({ id: newId(), created: true }), publish: async () => undefined });
  deps = {
    store,
    clock: systemClock,
    channels: new ChannelRegistry(),
    secrets: {
      seal: () => {
        throw new Error('not used by routing');
      },
      open: () => ({}),
    },
    routing: pgRoutingRepositoryFor,
  };
  await store.transaction(async (tx) => {
    await tx.workspaces.create({ id: ws, name: 'Humeur', slug: `humeur-${ws}`, timeZone: 'Europe/Paris', locale: 'fr' });
    await tx.channels.create({ id: channelId, workspaceId: ws, type: 'api', name: 'chat', config: {}, sealedSecrets: {}, botId: null });
    const routing = pgRoutingRepositoryFor(tx);
    // No advisor: the route job leaves the conversation waiting in this queue (handler "queue").
    await routing.saveQueue(defaultQueue({ id: newId(), workspaceId: ws, name: 'Humeur', channelIds: [channelId] }));
    await routing.saveSettings({ workspaceId: ws, emotionPriority: true, hook: null });
  });
});
afterAll(() => handle?.close());

/** A new conversation nobody handles yet, as the inbound flow leaves it. */
async function newConversation(): Promise<string> {
  const customerId = newId();
  const conversationId = newId();
  await deps.store.transaction(async (tx) => {
    await tx.customers.create({ id: customerId, workspaceId: ws, displayName: null });
    await tx.conversations.create({
      id: conversationId,
      workspaceId: ws,
      customerId,
      channelId,
      topic: 'Humeur',
      status: 'open',
      handlerKind: 'none',
      now: new Date(),
    });
  });
  return conversationId;
}

function job<P>(queue: string, payload: P, attempt = 1): Job<P> {
  return { id: newId(), queue, workspaceId: ws, payload, attempt, maxAttempts: 5, orderingKey: null, idempotencyKey: null, createdAt: new Date() };
}
const routeJob = (conversationId: string) => job<RouteJobPayload>(QUEUES.routeConversation, { conversationId, reason: 'inbound' });
const angryJob = (conversationId: string, attempt = 1) =>
  job<CustomerEmotionPayload>(ROUTING_EMOTION_QUEUE, { conversationId, messageId: newId(), emotion: 'angry' }, attempt);
const itemOf = (conversationId: string) => pgRoutingRepositoryFor(deps.store.read).getItem(ws, conversationId);

/**
 * `deps` where `after` runs once, right after the first read of the conversation or of its routing
 * row in a transaction, and may replace what that read returned.
 */
function afterFirstRead(after: (read: 'conversation' | 'routing row', result: unknown) => Promise<unknown>): UseCaseDeps {
  let done = false;
  async function once<T>(read: 'conversation' | 'routing row', result: T): Promise<T> {
    if (done) return result;
    done = true;
    return (await after(read, result)) as T;
  }
  const store: Store = {
    read: deps.store.read,
    transaction: (work) =>
      deps.store.transaction((tx) => {
        const conversations = tx.conversations;
        const get = conversations.get.bind(conversations);
        conversations.get = async (workspaceId, id) => once('conversation', await get(workspaceId, id));
        return work(tx);
      }),
  };
  return {
    ...deps,
    store,
    routing: (scope) => {
      const repo = pgRoutingRepositoryFor(scope);
      const lockItem = repo.lockItem.bind(repo);
      repo.lockItem = async (workspaceId, id) => once('routing row', await lockItem(workspaceId, id));
      return repo;
    },
  };
}

describe(`routing.emotion against the route job (${backend})`, () => {
  it('applies the emotion when the route job commits between its reads (the first read saw the conversation not routed yet)', async () => {
    const conversationId = await newConversation();
    const before = await deps.store.read.conversations.get(ws, conversationId);
    expect(before?.handler.kind).toBe('none');
    expect(await routeConversationJob(deps, routeJob(conversationId))).toEqual({ kind: 'done' });
    expect((await deps.store.read.conversations.get(ws, conversationId))?.handler.kind).toBe('queue');
    // The job's first statement ran just before that commit: it saw no routing row and a conversation
    // nobody handled; every later statement sees the commit.
    const racing = afterFirstRead(async (read) => (read === 'routing row' ? null : before));
    expect(await applyCustomerEmotionJob(racing, angryJob(conversationId))).toEqual({ kind: 'done' });
    expect((await itemOf(conversationId))?.attributes.emotion).toBe('angry');
  });

  it.runIf(backend === 'postgres')('applies the emotion when the real route transaction commits between its reads', async () => {
    const conversationId = await newConversation();
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((resolve) => (reachedCommit = resolve));
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    // The route job, its work done, holds its transaction open until the emotion job made its first read.
    const held: UseCaseDeps = {
      ...deps,
      store: {
        read: deps.store.read,
        transaction: (work) =>
          deps.store.transaction(async (tx) => {
            const result = await work(tx);
            reachedCommit();
            await gate;
            return result;
          }),
      },
    };
    const routed = routeConversationJob(held, routeJob(conversationId));
    await atCommit;
    const racing = afterFirstRead(async (_read, result) => {
      commit();
      await routed;
      return result;
    });
    const outcome: JobOutcome = await applyCustomerEmotionJob(racing, angryJob(conversationId));
    expect(outcome).toEqual({ kind: 'done' });
    expect((await itemOf(conversationId))?.attributes.emotion).toBe('angry');
  });

  it('retries, later and later, while the route job has not run, then applies the emotion', async () => {
    const conversationId = await newConversation();
    expect(await applyCustomerEmotionJob(deps, angryJob(conversationId))).toEqual({ kind: 'retry', error: 'not in routing yet', delayMs: 500 });
    expect(await applyCustomerEmotionJob(deps, angryJob(conversationId, 4))).toEqual({ kind: 'retry', error: 'not in routing yet', delayMs: 4000 });
    await routeConversationJob(deps, routeJob(conversationId));
    expect(await applyCustomerEmotionJob(deps, angryJob(conversationId, 5))).toEqual({ kind: 'done' });
    expect((await itemOf(conversationId))?.attributes.emotion).toBe('angry');
  });
});
