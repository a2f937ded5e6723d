import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer, waitFor } from './support/test-server.js';
import { connectAgent, type RecordingSocket } from './support/realtime-clients.js';

// Auto-away with a short period (PARLEY_AUTO_AWAY_SEC=2): an idle online advisor goes away with
// the reason auto_away, the change is broadcast live, and routing stops offering to them.
describe('routing auto-away', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let supervisor: RecordingSocket;
  let channel: { id: string; secret: string };
  let seq = 0;

  beforeAll(async () => {
    server = await startTestServer({ env: { PARLEY_AUTO_AWAY_SEC: '2' } });
    admin = new ApiClient(server.url);
    await admin.login();
    channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Away', config: { webhookUrl: 'http://127.0.0.1:9/hook' } })).body;
    await admin.request('POST', '/api/v1/queues', { name: 'Général', channelIds: [channel.id] });
    const token = (await admin.request('POST', '/api/v1/api-tokens', { name: 'live' })).body;
    supervisor = await connectAgent(server.url, { token: token.token });
  });
  afterAll(async () => {
    supervisor?.close();
    await server?.close();
  });

  async function newAgent(name: string): Promise<{ id: string; api: ApiClient }> {
    const email = `away-${++seq}@test.parley`;
    const created = await admin.request('POST', '/api/v1/users', { email, name, password: 'a long enough password', role: 'agent' });
    await admin.request('PUT', `/api/v1/agents/${created.body.id}/routing`, { skills: {}, languages: [], capacity: { voice: 1, chat: 2, async: 5, total: 3 } });
    const api = new ApiClient(server.url);
    await api.login(email, 'a long enough password');
    return { id: created.body.id, api };
  }
  const profile = async (agent: { api: ApiClient }) => (await agent.api.request('GET', '/api/v1/agents/me/routing')).body.profile;

  it('sets an idle online advisor away (reason auto_away), live, and routing skips them until they come back', async () => {
    const idle = await newAgent('Idle');
    const busy = await newAgent('Busy');
    expect((await idle.api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
    expect((await busy.api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
    // Busy holds a conversation: someone working is never set away.
    const first = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'c-1' }, message: { id: 'm-1', text: 'Bonjour' } });
    const holder = await waitFor(async () => {
      const c = (await admin.request('GET', `/api/v1/conversations/${first.body.conversationId}`)).body;
      return c.handler.kind === 'agent' ? (c.handler.id as string) : null;
    });
    const [worker, other] = holder === busy.id ? [busy, idle] : [idle, busy];

    const live = await supervisor.next('presence', (p) => p.userId === other.id && p.presence === 'away', 10_000);
    expect(live).toMatchObject({ presence: 'away', reason: 'auto_away' });
    expect(await profile(other)).toMatchObject({ presence: 'away', presenceReason: 'auto_away' });
    expect((await profile(worker)).presence).toBe('online');

    // Routing no longer offers to the advisor who went away: the worker has room for it.
    const second = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'c-2' }, message: { id: 'm-2', text: 'Re-bonjour' } });
    const handler = await waitFor(async () => {
      const c = (await admin.request('GET', `/api/v1/conversations/${second.body.conversationId}`)).body;
      return c.handler.kind === 'agent' ? c.handler.id : null;
    });
    expect(handler).toBe(worker.id);

    // Back online, the advisor is offered work again; the chain starts over.
    expect((await other.api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
    const third = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'c-3' }, message: { id: 'm-3', text: 'Encore moi' } });
    const thirdHandler = await waitFor(async () => {
      const c = (await admin.request('GET', `/api/v1/conversations/${third.body.conversationId}`)).body;
      return c.handler.kind === 'agent' ? c.handler.id : null;
    });
    // The lightest load wins: the advisor who came back (0 conversations) over the worker (2).
    expect(thirdHandler).toBe(other.id);
  });
});
