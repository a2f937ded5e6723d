import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { generateKeyringEntry, verifySignature } from '@parley/kernel';
import { createEmptyPostgresDatabase } from '@parley/storage-pg/testing';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, postInbound, startWebhookReceiver, waitFor } from './support/test-server.js';
import { openEventStream, ServerProcesses, type ServerProcess } from './support/processes.js';
import { connectAgent, connectWidget } from './support/realtime-clients.js';

// The "done when": two real server processes on one PostgreSQL + Redis. Events cross
// processes, and a reply committed on one process is delivered exactly once by another, with
// a stable delivery id, even when the first process dies right after the commit.
const databaseServer = process.env.PARLEY_TEST_DATABASE_URL;
const redisUrl = process.env.PARLEY_TEST_REDIS_URL;

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
interface DeliveryUpdate {
  status: string;
  attempt: number;
  deliveryId: string;
}
interface MessageDto {
  id: string;
  deliveryStatus: string;
}

describe.skipIf(!databaseServer || !redisUrl)('scale-out: several server processes on PostgreSQL + Redis', () => {
  let database: { url: string; drop(): Promise<void> };
  let servers: ServerProcesses;
  let a: ServerProcess;
  let b: ServerProcess;
  let token: string;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase(databaseServer as string);
    servers = new ServerProcesses({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl as string,
      PARLEY_SECRET_KEY: generateKeyringEntry('scale'),
      PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
      PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PARLEY_OUTBOUND_ALLOW_HOSTS: '127.0.0.1,localhost',
      PARLEY_JOB_POLL_MS: '100',
      LOG_LEVEL: 'warn',
    });
    try {
      // Started together on an empty database: both race on migrations and first-start bootstrap.
      // A never runs jobs, so anything it commits can only be delivered by B.
      [a, b] = await servers.startAll([{ name: 'A', env: { PARLEY_WORKERS: 'false' } }, { name: 'B' }]);
      const admin = new ApiClient(a.url);
      await admin.login();
      const created = await admin.request<{ token: string }>('POST', '/api/v1/api-tokens', { name: 'scale-out' });
      expect(created.status).toBe(201);
      token = created.body.token;
    } catch (error) {
      console.error(`server output:\n${servers.log()}`);
      throw error;
    }
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    console.error(`server output:\n${servers.log()}`);
    await servers.killAll();
  });

  afterAll(async () => {
    await servers?.killAll();
    await Promise.all(receivers.map((r) => closeReceiver(r)));
    await database?.drop();
  });

  async function newChannel(api: ApiClient, name: string, receiver: Receiver): Promise<{ id: string; secret: string }> {
    const created = await api.request<{ id: string; secret: string }>('POST', '/api/v1/channels', { type: 'api', name, config: { webhookUrl: receiver.url } });
    expect(created.status).toBe(201);
    return created.body;
  }

  /** The delivery attempts recorded on the customer's timeline for one message. */
  async function deliveryUpdates(api: ApiClient, conversationId: string, messageId: string): Promise<DeliveryUpdate[]> {
    const conversation = await api.request<{ customerId: string }>('GET', `/api/v1/conversations/${conversationId}`);
    const timeline = await api.request<{ items: { type?: string; messageId?: string | null; payload?: DeliveryUpdate }[] }>(
      'GET',
      `/api/v1/customers/${conversation.body.customerId}/timeline`,
    );
    return timeline.body.items
      .filter((e) => e.type === 'message.delivery_updated' && e.messageId === messageId)
      .map((e) => ({ status: String(e.payload?.status), attempt: Number(e.payload?.attempt), deliveryId: String(e.payload?.deliveryId) }));
  }

  async function messageOf(api: ApiClient, conversationId: string, messageId: string): Promise<MessageDto | undefined> {
    const res = await api.request<{ items: MessageDto[] }>('GET', `/api/v1/conversations/${conversationId}/messages`);
    return res.body.items.find((m) => m.id === messageId);
  }

  it('came up as one instance: one migrated schema, one workspace, one administrator', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const counts = await client.query<{ workspaces: number; users: number }>(
        'select (select count(*)::int from workspaces) as workspaces, (select count(*)::int from users) as users',
      );
      expect(counts.rows[0]).toEqual({ workspaces: 1, users: 1 });
    } finally {
      await client.end();
    }
    // The token was made through A; a password login on B lands on the same user and workspace.
    const sessionOnB = await new ApiClient(b.url).login();
    const meViaA = await new ApiClient(a.url, token).request<{ workspaceId: string; user: { id: string } }>('GET', '/api/v1/auth/me');
    expect(sessionOnB).toMatchObject({ workspaceId: meViaA.body.workspaceId, user: { id: meViaA.body.user.id } });
  });

  it('publishes an inbound message received on A to an event stream subscribed on B', async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const channel = await newChannel(new ApiClient(a.url, token), 'Bus', receiver);
    const stream = await openEventStream(b.url, token);
    try {
      const inbound = await postInbound(a.url, channel.id, channel.secret, {
        customer: { externalId: 'bus-1' },
        message: { id: 'bus-m1', text: 'Hello from A' },
      });
      expect(inbound.status).toBe(202);
      const received = await stream.next(
        (e) =>
          e.event === 'message.received' &&
          (JSON.parse(e.data) as { payload: { conversationId: string } }).payload.conversationId === inbound.body.conversationId,
        5_000,
      );
      expect(JSON.parse(received.data)).toMatchObject({ name: 'message.received', payload: { messageId: inbound.body.messageId, text: 'Hello from A' } });
    } finally {
      stream.close();
    }
  });

  it('web chat across processes: widget on A, agent on B, live both ways', async () => {
    const onA = new ApiClient(a.url, token);
    const onB = new ApiClient(b.url, token);
    const channel = await onA.request<{ id: string }>('POST', '/api/v1/channels', { type: 'webchat', name: 'Chat', config: {} });
    expect(channel.status).toBe(201);
    const widget = await connectWidget(a.url, { channelId: channel.body.id });
    const agent = await connectAgent(b.url, { token });
    try {
      // Presence on B is seen from A (fetchSockets through the Redis adapter).
      expect(await agent.ask('presence:set', { presence: 'online' })).toMatchObject({ ok: true });
      await waitFor(async () => ((await (await fetch(`${a.url}/api/v1/widget/${channel.body.id}/config`)).json()) as { available: boolean }).available, 10_000);

      const sent = await widget.ask('message:send', { clientMessageId: 'x-1', text: 'Bonjour depuis A' });
      expect(sent).toMatchObject({ ok: true, message: { text: 'Bonjour depuis A' } });
      const conversationId = sent.message.conversationId as string;
      expect(await agent.next('message:created', (e) => e.message.id === sent.message.id, 5_000)).toMatchObject({
        conversationId,
        message: { text: 'Bonjour depuis A' },
      });

      // The reply is committed on B and delivered by B's worker (A runs none); the widget on A gets it live.
      const reply = await onB.request<{ messageId: string }>('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Bonjour depuis B' });
      expect(reply.status).toBe(201);
      expect(await widget.next('message', (m) => m.id === reply.body.messageId, 10_000)).toMatchObject({ text: 'Bonjour depuis B', author: { kind: 'agent' } });
      // Exactly once, although both processes relay the bus.
      await new Promise((r) => setTimeout(r, 300));
      expect(widget.events.filter((e) => e.name === 'message' && e.payload.id === reply.body.messageId)).toHaveLength(1);
      expect(agent.events.filter((e) => e.name === 'message:created' && e.payload.message.id === sent.message.id)).toHaveLength(1);

      // Typing crosses processes too.
      widget.socket.emit('typing', { isTyping: true });
      await agent.next('typing', (e) => e.conversationId === conversationId, 5_000);
    } finally {
      widget.close();
      agent.close();
    }
  });

  it('delivers a reply committed on A exactly once from B, although A is killed right after the commit', async () => {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const onA = new ApiClient(a.url, token);
    const onB = new ApiClient(b.url, token);
    const channel = await newChannel(onA, 'Crash after commit', receiver);
    const inbound = await postInbound(a.url, channel.id, channel.secret, {
      customer: { externalId: 'crash-1' },
      message: { id: 'crash-m1', text: 'Where is my parcel?' },
    });
    expect(inbound.status).toBe(202);

    const reply = await onA.request<{ messageId: string; deliveryStatus: string }>('POST', `/api/v1/conversations/${inbound.body.conversationId}/messages`, {
      text: 'It left the warehouse today.',
    });
    await a.kill('SIGKILL');
    expect(reply.status).toBe(201);
    expect(reply.body.deliveryStatus).toBe('pending');

    await waitFor(async () => (await messageOf(onB, inbound.body.conversationId, reply.body.messageId))?.deliveryStatus === 'sent', 10_000);
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong second delivery to show up
    expect(receiver.hits).toHaveLength(1);
    const hit = receiver.hits[0]!;
    expect(hit.headers['x-parley-delivery']).toEqual(expect.any(String));
    expect(verifySignature(channel.secret, hit.rawBody, hit.headers['x-parley-signature'] as string)).toBe(true);
    expect(hit.body).toMatchObject({
      conversationId: inbound.body.conversationId,
      message: { id: reply.body.messageId, text: 'It left the warehouse today.' },
    });
    // The header is the job id, as recorded with the (single) attempt.
    expect(await deliveryUpdates(onB, inbound.body.conversationId, reply.body.messageId)).toEqual([
      { status: 'sent', attempt: 1, deliveryId: hit.headers['x-parley-delivery'] },
    ]);
  });

  it('redelivers with the same delivery id from another process when the delivering one dies mid-request', async () => {
    // B would run the job too; this scenario needs exactly one worker at a time.
    await b.kill('SIGTERM');
    let acknowledged = 0;
    // The first request is held open forever (the integrator's server hangs); later ones get 200.
    const receiver = await startWebhookReceiver((_hit, index) => (index === 0 ? new Promise<number>(() => undefined) : (acknowledged++, 200)));
    receivers.push(receiver);
    const shortLock = { PARLEY_JOB_LOCK_MS: '3000' };
    const [sender, apiOnly] = await servers.startAll([
      { name: 'A2', env: shortLock },
      { name: 'B2', env: { PARLEY_WORKERS: 'false' } },
    ]);
    const api = new ApiClient(apiOnly.url, token);
    const channel = await newChannel(api, 'Crash mid-delivery', receiver);
    const inbound = await postInbound(apiOnly.url, channel.id, channel.secret, {
      customer: { externalId: 'hang-1' },
      message: { id: 'hang-m1', text: 'Refund please' },
    });
    const reply = await api.request<{ messageId: string }>('POST', `/api/v1/conversations/${inbound.body.conversationId}/messages`, { text: 'Refund issued.' });
    expect(reply.status).toBe(201);

    // A2 is the only worker: it claims the job and its request hangs at the receiver; kill it there.
    await waitFor(() => receiver.hits.length === 1, 10_000);
    await sender.kill('SIGKILL');
    // A fresh process takes the job over once A2's lock (3 s, no more heartbeats) expires.
    await servers.startAll([{ name: 'C', env: shortLock }]);

    await waitFor(async () => (await messageOf(api, inbound.body.conversationId, reply.body.messageId))?.deliveryStatus === 'sent', 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.hits).toHaveLength(2);
    expect(acknowledged).toBe(1);
    const [first, second] = receiver.hits.map((h) => h.headers['x-parley-delivery']);
    expect(first).toEqual(expect.any(String));
    expect(second).toBe(first);
    // The dead attempt recorded nothing; the takeover is attempt 2 of the same job.
    expect(await deliveryUpdates(api, inbound.body.conversationId, reply.body.messageId)).toEqual([{ status: 'sent', attempt: 2, deliveryId: first }]);
    for (const hit of receiver.hits) {
      expect(verifySignature(channel.secret, hit.rawBody, hit.headers['x-parley-signature'] as string)).toBe(true);
      expect(hit.body).toMatchObject({ message: { id: reply.body.messageId, text: 'Refund issued.' } });
    }
  });
});

/** The held request's socket died with its sender; drop any leftover so close() does not wait. */
async function closeReceiver(receiver: Receiver): Promise<void> {
  receiver.server.closeAllConnections();
  await receiver.close();
}
