import { describe, expect, it } from 'vitest';
import { describeRoutingStoreSuite } from './testing/routing-store-suite.js';
import { MemoryRoutingStore } from './memory-store.js';
import { dispatchConversation, enqueueForRouting, releaseConversation } from './engine.js';
import { defaultQueue, noAttributes } from './model.js';

describeRoutingStoreSuite('memory', async () => {
  const store = new MemoryRoutingStore();
  return {
    store,
    newWorkspace: async () => ({
      workspaceId: crypto.randomUUID(),
      newConversation: async (customerId) => ({ conversationId: crypto.randomUUID(), customerId: customerId ?? crypto.randomUUID(), channelId: 'channel' }),
      newUser: async () => crypto.randomUUID(),
    }),
    close: async () => undefined,
  };
});

describe('memory store transactions', () => {
  it('undoes every write of a failed transaction', async () => {
    const store = new MemoryRoutingStore();
    const queue = defaultQueue({ id: 'q', workspaceId: 'w', name: 'Q' });
    await store.transaction((repo) => repo.saveQueue(queue));
    await expect(
      store.transaction(async (repo) => {
        await repo.saveQueue({ ...queue, name: 'Renamed' });
        await repo.saveAgent(
          { agentId: 'a', workspaceId: 'w', name: 'A', skills: {}, languages: [], teamIds: [], capacity: { voice: 1, chat: 1, async: 1, total: 1 } },
          new Date(),
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.read.getQueue('w', 'q'))?.name).toBe('Q');
    expect(await store.read.getAgent('w', 'a')).toBeNull();
  });
});

describe('memory store agent replies', () => {
  it('finds the first reply at or after each conversation’s start, in one call', async () => {
    const store = new MemoryRoutingStore();
    const t0 = new Date('2026-03-02T09:00:00Z');
    const at = (sec: number) => new Date(t0.getTime() + sec * 1000);
    store.recordAgentReply('w', 'c1', at(-60));
    store.recordAgentReply('w', 'c1', at(40));
    store.recordAgentReply('w', 'c1', at(20));
    store.recordAgentReply('other', 'c2', at(5));
    const found = await store.read.firstAgentReplies('w', [
      { conversationId: 'c1', since: t0 },
      { conversationId: 'c2', since: t0 },
    ]);
    expect([...found]).toEqual([['c1', at(20)]]);
  });
});

describe('memory store forgetting closed conversations', () => {
  it('drops a closed conversation and its assignments, and keeps an open one', async () => {
    const store = new MemoryRoutingStore();
    const now = new Date('2026-03-02T09:00:00Z');
    await store.transaction(async (repo) => {
      await repo.saveQueue(defaultQueue({ id: 'q', workspaceId: 'w', name: 'Q', isDefault: true }));
      await repo.saveAgent(
        { agentId: 'a', workspaceId: 'w', name: 'A', skills: {}, languages: [], teamIds: [], capacity: { voice: 1, chat: 2, async: 1, total: 2 } },
        now,
      );
      await repo.setPresence('w', 'a', 'online', null, now);
      for (const id of ['c1', 'c2']) {
        await enqueueForRouting(
          repo,
          { workspaceId: 'w', conversationId: id, customerId: id, channelId: 'x', channelKind: 'chat', attributes: noAttributes() },
          now,
        );
        await dispatchConversation(repo, 'w', id, now);
      }
    });
    expect(await store.forgetClosedConversation('w', 'c1')).toBe(false);
    await store.transaction((repo) => releaseConversation(repo, 'w', 'c1', now));
    expect(await store.forgetClosedConversation('w', 'c1')).toBe(true);
    expect(await store.read.getItem('w', 'c1')).toBeNull();
    expect(await store.read.listAssignments('w', { conversationId: 'c1', limit: 10 })).toEqual([]);
    expect((await store.read.getItem('w', 'c2'))?.status).toBe('assigned');
    expect(await store.read.listAssignments('w', { conversationId: 'c2', limit: 10 })).toHaveLength(1);
  });
});
