import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer, startWebhookReceiver, waitFor } from './support/test-server.js';
import { connectAgent, type RecordingSocket } from './support/realtime-clients.js';

// The supervisor wallboard end to end: routed conversations give the per-queue and per-advisor
// figures, an advisor's help request and the struggle rule put a conversation first, and the
// supervisor takes it over and reassigns it through routing's transfer.
describe('supervisor wallboard', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let live: RecordingSocket;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let channel: { id: string; secret: string };
  let queueId: string;
  let seq = 0;

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
    // A receiver that accepts replies: a failing delivery would hold the conversation's later jobs (the slot release).
    receiver = await startWebhookReceiver();
    channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Board', config: { webhookUrl: receiver.url } })).body;
    const queue = await admin.request('POST', '/api/v1/queues', {
      name: 'Facturation',
      channelIds: [channel.id],
      sla: { firstResponseSec: 60, nextResponseSec: 2 },
      averageHandleSec: 1,
    });
    expect(queue.status).toBe(201);
    queueId = queue.body.id;
    const token = (await admin.request('POST', '/api/v1/api-tokens', { name: 'live' })).body;
    live = await connectAgent(server.url, { token: token.token });
  });
  afterAll(async () => {
    live?.close();
    await server?.close();
    await receiver?.close();
  });

  async function newUser(name: string, role: 'agent' | 'supervisor', online: boolean): Promise<{ id: string; api: ApiClient }> {
    const email = `board-${++seq}@test.parley`;
    const created = await admin.request('POST', '/api/v1/users', { email, name, password: 'a long enough password', role });
    expect(created.status).toBe(201);
    const capacity = { voice: 1, chat: 1, async: 1, total: 1 };
    expect((await admin.request('PUT', `/api/v1/agents/${created.body.id}/routing`, { skills: {}, languages: ['fr'], capacity })).status).toBe(200);
    const api = new ApiClient(server.url);
    await api.login(email, 'a long enough password');
    if (online) expect((await api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
    return { id: created.body.id, api };
  }

  async function inbound(text: string, customer = `cust-${++seq}`): Promise<string> {
    const res = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: customer }, message: { id: `m-${++seq}`, text } });
    expect(res.status).toBe(202);
    return res.body.conversationId;
  }
  const handlerOf = async (id: string) => (await admin.request('GET', `/api/v1/conversations/${id}`)).body.handler;
  const board = async (api: ApiClient) => {
    const res = await api.request('GET', '/api/v1/assist/wallboard');
    expect(res.status).toBe(200);
    return res.body;
  };

  it('shows queue and advisor figures, puts help and struggling conversations first, and lets the supervisor take over and reassign', async () => {
    const lea = await newUser('Léa', 'agent', true);
    const marc = await newUser('Marc', 'agent', false);
    const sup = await newUser('Sandrine', 'supervisor', false);

    // Léa answers a first conversation within the target and resolves it: service level and handle time.
    const first = await inbound('Bonjour, une question sur ma facture', 'alice');
    await waitFor(async () => ((await handlerOf(first)).id === lea.id ? true : null));
    expect((await lea.api.request('POST', `/api/v1/conversations/${first}/messages`, { text: 'Bonjour, je regarde.' })).status).toBe(201);
    expect((await lea.api.request('POST', `/api/v1/conversations/${first}/status`, { status: 'resolved' })).status).toBeLessThan(300);

    // Her slot comes back with the release job, queued behind the delivery of her reply. Sent before
    // that commits, the second conversation's route job may see Léa full while the dispatch the
    // release triggers runs before the route job's commit (it cannot see the conversation yet):
    // then only the 15 s no-agent retry routes it, as long as waitFor's whole timeout.
    await waitFor(async () => ((await lea.api.request('GET', '/api/v1/agents/me/routing')).body.profile.load.total === 0 ? true : null));

    // A second one reaches Léa (now full), a third waits in the queue.
    const second = await inbound('Bonjour', 'bruno');
    await waitFor(async () => ((await handlerOf(second)).id === lea.id ? true : null));
    const third = await inbound('Allô ?', 'chloe');
    await inbound('Encore moi : je suis furieux, c’est inadmissible, ça ne marche toujours pas !', 'bruno');

    const figures = await waitFor(async () => {
      const b = await board(admin);
      const q = b.queues.find((x: any) => x.queueId === queueId);
      const a = b.agents.find((x: any) => x.agentId === lea.id);
      return q?.waiting === 1 && a?.negativeShare === 1 ? { q, a, b } : null;
    });
    expect(figures.q).toMatchObject({
      name: 'Facturation',
      waiting: 1,
      serviceLevel: { targetSec: 60, met: 1, decided: 1, share: 1 },
      agents: { online: 1, busy: 0, away: 0, offline: 2 },
      occupancy: { load: 1, capacity: 1, share: 1 },
    });
    expect(figures.q.longestWaitSec).toBeGreaterThanOrEqual(0);
    expect(figures.a).toMatchObject({ name: 'Léa', presence: 'online', load: 1, capacity: 1, conversations: 1, handledToday: 1, negativeShare: 1 });
    expect(figures.a.averageHandleSec).toBeGreaterThanOrEqual(0);
    expect(figures.b.agents.find((x: any) => x.agentId === marc.id)).toMatchObject({
      presence: 'offline',
      conversations: 0,
      handledToday: 0,
      averageHandleSec: null,
    });

    // Negative mood + handled longer than the queue's 1 s + unanswered past half the 2 s target: struggling.
    const struggling = await waitFor(async () => {
      const row = (await board(admin)).items.find((r: any) => r.conversationId === second);
      return row?.struggle ? row : null;
    });
    expect(struggling.struggle).toMatchObject({ mood: 'worsening', slaRisk: 'waiting' });
    expect(struggling.struggle.handlingSec).toBeGreaterThan(1);
    expect(struggling).toMatchObject({ agentId: lea.id, queueId });

    // Only the conversation's advisor asks for help; supervisors hear it live and see it first.
    expect((await marc.api.request('POST', `/api/v1/conversations/${second}/help`, {})).status).toBe(403);
    expect((await lea.api.request('POST', `/api/v1/conversations/${second}/help`, { note: 'remboursement au-delà de ma limite' })).status).toBe(201);
    const event = await live.next('assist:alert', (p) => p.conversationId === second && p.alert.reason === 'help');
    expect(event).toMatchObject({ agentId: lea.id, note: 'remboursement au-delà de ma limite', alert: { messageId: null } });
    const helped = await board(admin);
    expect(helped.items[0]).toMatchObject({ conversationId: second, help: { agentId: lea.id, note: 'remboursement au-delà de ma limite' } });
    expect(helped.items.findIndex((r: any) => r.conversationId === third)).toBeGreaterThan(0);

    // A plain advisor neither sees the board nor acts on it.
    expect((await lea.api.request('GET', '/api/v1/assist/wallboard')).status).toBe(403);
    expect((await marc.api.request('POST', `/api/v1/assist/wallboard/conversations/${second}/take-over`, {})).status).toBe(403);
    expect((await marc.api.request('POST', `/api/v1/assist/wallboard/conversations/${second}/reassign`, { toQueueId: queueId })).status).toBe(403);

    // The supervisor takes it over: Léa is released (and gets the waiting one), the timeline says who took over.
    const took = await sup.api.request('POST', `/api/v1/assist/wallboard/conversations/${second}/take-over`, {});
    expect(took.status).toBe(200);
    expect(took.body.agentId).toBe(sup.id);
    expect(await handlerOf(second)).toEqual({ kind: 'agent', id: sup.id });
    await waitFor(async () => ((await handlerOf(third)).id === lea.id ? true : null));
    const customerId = (await admin.request('GET', `/api/v1/conversations/${second}`)).body.customerId;
    const timeline = (await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=200`)).body.items;
    const transferred = timeline.find((e: any) => (e.type ?? e.event?.type) === 'conversation.transferred');
    expect(transferred.payload ?? transferred.event?.payload).toMatchObject({ fromAgentId: lea.id, toAgentId: sup.id, takenOver: true });
    expect(timeline.some((e: any) => (e.type ?? e.event?.type) === 'conversation.help_requested')).toBe(true);
    expect((await board(admin)).items.find((r: any) => r.conversationId === second).help).toBeNull();

    // Reassign: an offline or full advisor is a clear 409; an online one with room takes it, with the note.
    const offline = await sup.api.request('POST', `/api/v1/assist/wallboard/conversations/${second}/reassign`, { toAgentId: marc.id });
    expect(offline.status).toBe(409);
    expect(offline.body.error.message).toContain('offline');
    const full = await sup.api.request('POST', `/api/v1/assist/wallboard/conversations/${second}/reassign`, { toAgentId: lea.id });
    expect(full.status).toBe(409);
    expect((await marc.api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
    const moved = await sup.api.request('POST', `/api/v1/assist/wallboard/conversations/${second}/reassign`, { toAgentId: marc.id, note: 'connaît ce client' });
    expect(moved.status).toBe(200);
    expect(moved.body.explanation.fr).toContain('connaît ce client');
    expect(await handlerOf(second)).toEqual({ kind: 'agent', id: marc.id });
    const requeued = await sup.api.request('POST', `/api/v1/assist/wallboard/conversations/${second}/reassign`, { toQueueId: queueId, note: 'retour en file' });
    expect(requeued.status).toBe(200);
    expect(requeued.body.queueId).toBe(queueId);
    const missing = await sup.api.request('POST', '/api/v1/assist/wallboard/conversations/00000000-0000-7000-8000-000000000000/take-over', {});
    expect(missing.status).toBe(404);
  });
});
