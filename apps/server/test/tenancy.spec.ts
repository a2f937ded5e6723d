import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '@parley/kernel';
import { createWorkspace } from '@parley/use-cases';
import { ApiClient, postInbound, startTestServer } from './support/test-server.js';

describe('multi-tenancy', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let adminA: ApiClient;
  let adminB: ApiClient;
  let ids: { conversationId: string; customerId: string; channelId: string; messageId: string };

  beforeAll(async () => {
    server = await startTestServer();
    adminA = new ApiClient(server.url);
    await adminA.login();
    // A second workspace with its own admin, in the same database.
    const userB = newId();
    await server.context.store.transaction((tx) => tx.access.createUser({ id: userB, email: 'b@other.example', name: 'Bea', passwordHash: null }));
    const hash = await hashPassword('password-of-b');
    await server.database.db.updateTable('users').set({ password_hash: hash }).where('id', '=', userB).execute();
    await createWorkspace(server.context.store, { name: 'Other brand', adminUserId: userB });
    adminB = new ApiClient(server.url);
    await adminB.login('b@other.example', 'password-of-b');

    const channel = await adminA.request('POST', '/api/v1/channels', { type: 'api', name: 'A site', config: { webhookUrl: 'http://127.0.0.1:9/hook' } });
    const inbound = await postInbound(server.url, channel.body.id, channel.body.secret, { customer: { externalId: 'a-1', name: 'Alice' }, message: { id: 'a-m1', text: 'secret of A' } });
    const conversation = await adminA.request('GET', `/api/v1/conversations/${inbound.body.conversationId}`);
    ids = { conversationId: inbound.body.conversationId, customerId: conversation.body.customerId, channelId: channel.body.id, messageId: inbound.body.messageId };
  });
  afterAll(async () => server?.close());

  it('gives workspace B a 404 on everything of workspace A', async () => {
    const probes: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/conversations/${ids.conversationId}`],
      ['GET', `/api/v1/conversations/${ids.conversationId}/messages`],
      ['POST', `/api/v1/conversations/${ids.conversationId}/messages`, { text: 'hijack' }],
      ['POST', `/api/v1/conversations/${ids.conversationId}/status`, { status: 'resolved' }],
      ['GET', `/api/v1/customers/${ids.customerId}`],
      ['GET', `/api/v1/customers/${ids.customerId}/timeline`],
      ['GET', `/api/v1/channels/${ids.channelId}`],
    ];
    for (const [method, path, body] of probes) {
      const res = await adminB.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await adminB.request('GET', '/api/v1/conversations')).body.items).toEqual([]);
    expect((await adminB.request('GET', '/api/v1/channels')).body.items).toEqual([]);
    // And A still sees its own data, untouched.
    const own = await adminA.request('GET', `/api/v1/conversations/${ids.conversationId}/messages`);
    expect(own.body.items.map((m: { text: string }) => m.text)).toEqual(['secret of A']);
  });

  it('lets an agent read but not manage channels or users', async () => {
    const created = await adminA.request('POST', '/api/v1/users', { email: 'lea@a.example', name: 'Léa', password: 'agent-password', role: 'agent' });
    expect(created.status).toBe(201);
    const agent = new ApiClient(server.url);
    await agent.login('lea@a.example', 'agent-password');
    expect((await agent.request('GET', `/api/v1/conversations/${ids.conversationId}`)).status).toBe(200);
    expect((await agent.request('POST', '/api/v1/channels', { type: 'api', name: 'x', config: { webhookUrl: 'http://127.0.0.1:9/x' } })).status).toBe(403);
    expect((await agent.request('POST', '/api/v1/users', { email: 'z@a.example', name: 'Z', password: 'zzzzzzzz', role: 'admin' })).status).toBe(403);
    expect((await agent.request('POST', `/api/v1/conversations/${ids.conversationId}/messages`, { text: 'whisper', visibility: 'whisper' })).status).toBe(403);
  });
});
