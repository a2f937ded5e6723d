import { describe, expect, it } from 'vitest';
import { describeRoutingStoreSuite } from './testing/routing-store-suite.js';
import { MemoryRoutingStore } from './memory-store.js';
import { defaultQueue } from './model.js';

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
