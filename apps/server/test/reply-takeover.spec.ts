import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer, startWebhookReceiver, waitFor } from './support/test-server.js';

// An advisor's public reply to a conversation nobody holds (the bot's, or one waiting or offered
// in a queue) makes it theirs in routing too: assigned, load charged, no offer to anyone else,
// released on resolve. A conversation another advisor holds stays theirs.
describe('a reply takes the conversation over in routing', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let seq = 0;

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
    // Replies must be delivered: a failing delivery would hold the conversation's later jobs (the slot release).
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  async function newChannel(name: string, botId?: string): Promise<{ id: string; secret: string }> {
    const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name, config: { webhookUrl: receiver.url } });
    expect(created.status).toBe(201);
    if (botId) expect((await admin.request('PATCH', `/api/v1/channels/${created.body.id}`, { botId })).status).toBe(200);
    return { id: created.body.id, secret: created.body.secret };
  }

  async function newQueue(definition: Record<string, unknown>): Promise<string> {
    const res = await admin.request('POST', '/api/v1/queues', definition);
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function newAgent(name: string, skills: Record<string, number>, capacity: Record<string, number>, online: boolean) {
    const email = `takeover-${++seq}@test.parley`;
    const created = await admin.request('POST', '/api/v1/users', { email, name, password: 'a long enough password', role: 'agent' });
    expect(created.status).toBe(201);
    expect((await admin.request('PUT', `/api/v1/agents/${created.body.id}/routing`, { skills, languages: ['fr'], capacity })).status).toBe(200);
    const api = new ApiClient(server.url);
    await api.login(email, 'a long enough password');
    if (online) expect((await api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
    return { id: created.body.id as string, api };
  }

  async function inbound(channel: { id: string; secret: string }, text: string, customer = `cust-${++seq}`): Promise<string> {
    const res = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: customer }, message: { id: `m-${++seq}`, text } });
    expect(res.status).toBe(202);
    return res.body.conversationId;
  }

  const conversation = async (id: string) => (await admin.request('GET', `/api/v1/conversations/${id}`)).body;
  const routingOf = async (id: string) => (await admin.request('GET', `/api/v1/conversations/${id}/routing`)).body;
  const mine = async (api: ApiClient) => (await api.request('GET', '/api/v1/agents/me/routing')).body;
  const reply = (api: ApiClient, id: string, text: string) => api.request('POST', `/api/v1/conversations/${id}/messages`, { text });
  const events = async (id: string): Promise<Array<{ type: string; payload: any }>> => {
    const { customerId } = await conversation(id);
    const res = await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=200`);
    return res.body.items.filter((e: any) => e.type && e.conversationId === id).map((e: any) => ({ type: e.type, payload: e.payload }));
  };
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  const CAPACITY_ONE = { voice: 1, chat: 1, async: 1, total: 1 };

  it('from the bot: assigned to the advisor with their load charged, nothing more pushed past their capacity, released on resolve', async () => {
    const lumi = (await admin.request('GET', '/api/v1/bots')).body.items.find((b: { name: string }) => b.name === 'Lumi');
    const site = await newChannel('Site (bot)', lumi.id);
    const plain = await newChannel('Formulaire');
    const queueId = await newQueue({ name: 'Accueil', channelIds: [site.id, plain.id] });
    const camille = await newAgent('Camille', {}, CAPACITY_ONE, true);

    const first = await inbound(site, 'Bonjour, où en est ma commande ?');
    await waitFor(async () =>
      (await admin.request('GET', `/api/v1/conversations/${first}/messages?limit=50`)).body.items.some((m: any) => m.author.kind === 'bot'),
    );
    expect((await reply(camille.api, first, 'Bonjour, je suis Camille, je prends le relais.')).status).toBe(201);

    expect((await conversation(first)).handler).toEqual({ kind: 'agent', id: camille.id });
    expect((await routingOf(first)).item).toMatchObject({ status: 'assigned', agentId: camille.id, queueId });
    const state = await mine(camille.api);
    expect(state.profile.load).toMatchObject({ chat: 1, total: 1 });
    expect(state.assignments.map((a: any) => a.conversationId)).toEqual([first]);
    const assigned = (await events(first)).find((e) => e.type === 'conversation.assigned');
    expect(assigned?.payload).toMatchObject({ agentId: camille.id, queueId });
    expect(assigned?.payload.explanation.en).toMatch(/^Camille took over from the virtual agent: load 1\/1/);
    expect(assigned?.payload.explanation.fr).toMatch(/^Camille a répondu et a pris la conversation/);
    const board = (await admin.request('GET', '/api/v1/assist/wallboard')).body;
    expect(board.agents.find((a: any) => a.agentId === camille.id)).toMatchObject({ load: 1, capacity: 1, conversations: 1 });
    expect(board.queues.find((q: any) => q.queueId === queueId).occupancy).toMatchObject({ load: 1, capacity: 1 });
    expect(board.items.find((r: any) => r.conversationId === first).handlingSince).not.toBeNull();

    // Camille is full: the next conversation waits instead of being pushed to her.
    const second = await inbound(plain, 'Bonjour, une question');
    await waitFor(async () => ((await conversation(second)).handler.kind === 'queue' ? true : null));
    await settle();
    expect((await routingOf(second)).item).toMatchObject({ status: 'waiting', agentId: null });
    expect((await mine(camille.api)).profile.load.total).toBe(1);

    // Resolving the taken-over conversation frees her slot: the waiting one comes to her, then goes too.
    expect((await camille.api.request('POST', `/api/v1/conversations/${first}/status`, { status: 'resolved' })).status).toBeLessThan(300);
    await waitFor(async () => ((await conversation(second)).handler.id === camille.id ? true : null));
    expect((await routingOf(first)).item).toMatchObject({ status: 'closed' });
    expect((await reply(camille.api, second, 'Je regarde.')).status).toBe(201);
    expect((await camille.api.request('POST', `/api/v1/conversations/${second}/status`, { status: 'resolved' })).status).toBeLessThan(300);
    await waitFor(async () => ((await mine(camille.api)).profile.load.total === 0 ? true : null));
  });

  it('from the queue: a waiting conversation becomes the replier’s, and no advisor is offered it later', async () => {
    const channel = await newChannel('Experts');
    await newQueue({ name: 'Experts', channelIds: [channel.id], requiredSkills: [{ skill: 'expert', minLevel: 1 }] });
    const alice = await newAgent('Alice', {}, { voice: 1, chat: 3, async: 3, total: 3 }, true);
    const bob = await newAgent('Bob', { expert: 5 }, { voice: 1, chat: 3, async: 3, total: 3 }, false);
    const id = await inbound(channel, 'Une question pointue');
    await waitFor(async () => ((await conversation(id)).handler.kind === 'queue' ? true : null));

    expect((await reply(alice.api, id, 'Bonjour, je m’en occupe.')).status).toBe(201);
    expect((await conversation(id)).handler).toEqual({ kind: 'agent', id: alice.id });
    expect((await routingOf(id)).item).toMatchObject({ status: 'assigned', agentId: alice.id });
    expect((await mine(alice.api)).profile.load.total).toBe(1);
    const assigned = (await events(id)).find((e) => e.type === 'conversation.assigned');
    expect(assigned?.payload.explanation.en).toMatch(/^Alice replied and took the conversation/);
    expect(assigned?.payload.explanation.fr).toMatch(/^Alice a répondu et a pris la conversation/);

    // The qualified advisor comes online: the conversation is not pushed to them.
    expect((await bob.api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
    await settle();
    const bobState = await mine(bob.api);
    expect(bobState.offers).toEqual([]);
    expect(bobState.assignments).toEqual([]);
    expect((await conversation(id)).handler).toEqual({ kind: 'agent', id: alice.id });

    // A conversation Bob holds stays his when Alice replies in it.
    const held = await inbound(channel, 'Une autre question');
    await waitFor(async () => ((await conversation(held)).handler.id === bob.id ? true : null));
    expect((await reply(alice.api, held, 'Je complète la réponse de Bob.')).status).toBe(201);
    expect((await conversation(held)).handler).toEqual({ kind: 'agent', id: bob.id });
    expect((await routingOf(held)).item).toMatchObject({ status: 'assigned', agentId: bob.id });
    expect((await mine(alice.api)).profile.load.total).toBe(1);
    expect((await mine(bob.api)).profile.load.total).toBe(1);
  });

  it('an offer pending for another advisor is withdrawn and their slot freed; a takeover past capacity says so', async () => {
    const channel = await newChannel('Offres');
    await newQueue({ name: 'Offres', channelIds: [channel.id], requiredSkills: [{ skill: 'offers', minLevel: 1 }], offerTimeoutSec: 60 });
    const dana = await newAgent('Dana', { offers: 5 }, { voice: 1, chat: 3, async: 3, total: 3 }, true);
    // Eve is away and has no room: her takeover is still charged, above her capacity.
    const eve = await newAgent('Eve', {}, { voice: 0, chat: 0, async: 0, total: 0 }, false);
    const id = await inbound(channel, 'Quelqu’un ?');
    const offer = await waitFor(async () => (await mine(dana.api)).offers[0]);

    expect((await reply(eve.api, id, 'Oui, je suis là.')).status).toBe(201);
    expect((await conversation(id)).handler).toEqual({ kind: 'agent', id: eve.id });
    expect((await routingOf(id)).item).toMatchObject({ status: 'assigned', agentId: eve.id });
    const danaState = await mine(dana.api);
    expect(danaState.offers).toEqual([]);
    expect(danaState.profile.load.total).toBe(0);
    expect((await dana.api.request('POST', `/api/v1/offers/${offer.id}/accept`)).status).toBeGreaterThanOrEqual(400);
    expect((await mine(eve.api)).profile.load).toMatchObject({ chat: 1, total: 1 });
    const timeline = await events(id);
    expect(timeline.find((e) => e.type === 'conversation.offer_withdrawn')?.payload).toMatchObject({ agentId: dana.id, reason: 'taken_over', takenBy: eve.id });
    const assigned = timeline.find((e) => e.type === 'conversation.assigned' && e.payload.agentId === eve.id);
    expect(assigned?.payload.explanation.en).toMatch(/^Eve replied and took the conversation \(above capacity, taken by hand\): load 1\/0/);
    expect(assigned?.payload.explanation.fr).toMatch(/au-delà de sa capacité/);
  });
});
