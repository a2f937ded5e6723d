import { newId } from '@parley/kernel';
import type { RoutingStoreFixture } from '@parley/routing/testing';
import { createPgStore } from '../pg-store.js';
import { createPgRoutingStore } from '../repositories/routing.repository.js';
import { createTestDatabase, type TestBackend } from './test-database.js';

/**
 * The routing store contract's fixture on a fresh database: each workspace gets real rows
 * (workspace, channel, users, customers, conversations) because the routing tables reference them.
 *
 * @example
 * describeRoutingStoreSuite('pglite', () => pgRoutingFixture('pglite'));
 */
export async function pgRoutingFixture(backend: TestBackend): Promise<RoutingStoreFixture> {
  const handle = await createTestDatabase(backend);
  const domain = createPgStore(handle.db, { enqueue: async () => ({ id: newId(), created: true }), publish: async () => undefined });
  return {
    store: createPgRoutingStore(handle.db),
    close: () => handle.close(),
    newWorkspace: async () => {
      const workspaceId = newId();
      const channelId = newId();
      await domain.transaction(async (tx) => {
        await tx.workspaces.create({ id: workspaceId, name: 'R', slug: `r-${workspaceId}`, timeZone: 'Europe/Paris', locale: 'fr' });
        await tx.channels.create({ id: channelId, workspaceId, type: 'api', name: 'c', config: {}, sealedSecrets: {}, botId: null });
      });
      return {
        workspaceId,
        newUser: async () => {
          const id = newId();
          await domain.transaction((tx) => tx.access.createUser({ id, email: `${id}@test.parley`, name: id, passwordHash: null }));
          return id;
        },
        newConversation: async (existingCustomerId?: string) => {
          const customerId = existingCustomerId ?? newId();
          const conversationId = newId();
          await domain.transaction(async (tx) => {
            if (!existingCustomerId) await tx.customers.create({ id: customerId, workspaceId, displayName: null });
            await tx.conversations.create({
              id: conversationId,
              workspaceId,
              customerId,
              channelId,
              topic: conversationId,
              status: 'open',
              handlerKind: 'none',
              now: new Date(),
            });
          });
          return { conversationId, customerId, channelId };
        },
      };
    },
  };
}
