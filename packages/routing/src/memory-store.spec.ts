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
        await repo.saveAgent({ agentId: 'a', workspaceId: 'w', name: 'A', skills: {}, languages: [], teamIds: [], capacity: { voice: 1, chat: 1, async: 1, total: 1 } }, new Date());
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.read.getQueue('w', 'q'))?.name).toBe('Q');
    expect(await store.read.getAgent('w', 'a')).toBeNull();
  });
});
