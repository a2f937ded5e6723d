import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer, waitFor } from './support/test-server.js';

// Routing end to end through the API: queues and advisor profiles, inbound conversations
// routed by the job enqueued with the message, the explanation on the timeline, presence,
// offers, transfer, SLA breach, after hours, statistics and availability.
describe('routing through the API', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let channel: { id: string; secret: string };
  let seq = 0;
  // What a test leaves is removed after it, even when it fails: every queue here listens on the
  // same channel, so a leftover queue (or online advisor) would take the next tests' conversations.
  const leftovers = { queues: [] as string[], advisors: [] as ApiClient[] };

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
    channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Routing', config: { webhookUrl: 'http://127.0.0.1:9/hook' } })).body;
  });
  afterAll(async () => server?.close());
  afterEach(async () => {
    for (const id of leftovers.queues.splice(0)) await admin.request('DELETE', `/api/v1/queues/${id}`);
    for (const api of leftovers.advisors.splice(0)) await api.request('PUT', '/api/v1/agents/me/presence', { presence: 'offline' });
  });

  async function newQueue(definition: Record<string, unknown>) {
    const res = await admin.request('POST', '/api/v1/queues', definition);
    if (res.status === 201) leftovers.queues.push(res.body.id);
    return res;
  }

  async function newAgent(
    name: string,
    profile: { skills: Record<string, number>; languages?: string[]; capacity?: Record<string, number> },
    online = true,
  ): Promise<{ id: string; api: ApiClient }> {
    const email = `agent-${++seq}@test.parley`;
    const created = await admin.request('POST', '/api/v1/users', { email, name, password: 'a long enough password', role: 'agent' });
    expect(created.status).toBe(201);
    const put = await admin.request('PUT', `/api/v1/agents/${created.body.id}/routing`, {
      skills: profile.skills,
      languages: profile.languages ?? ['fr'],
      capacity: profile.capacity ?? { voice: 1, chat: 2, async: 5, total: 3 },
    });
    expect(put.status).toBe(200);
    const api = new ApiClient(server.url);
    await api.login(email, 'a long enough password');
    leftovers.advisors.push(api);
    if (online) expect((await api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
    return { id: created.body.id, api };
  }

  async function inbound(text = 'Bonjour, ma facture ?', customer = `cust-${++seq}`): Promise<string> {
    const res = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: customer }, message: { id: `m-${++seq}`, text } });
    expect(res.status).toBe(202);
    return res.body.conversationId;
  }

  const conversation = (id: string) => admin.request('GET', `/api/v1/conversations/${id}`).then((r) => r.body);
  const routing = (id: string) => admin.request('GET', `/api/v1/conversations/${id}/routing`).then((r) => r.body);
  async function timeline(conversationId: string): Promise<Array<{ type: string; payload: any }>> {
    const c = await conversation(conversationId);
    const res = await admin.request('GET', `/api/v1/customers/${c.customerId}/timeline?limit=200`);
    return res.body.items
      .filter((e: any) => e.kind === 'event' || e.type)
      .map((e: any) => ({ type: e.type ?? e.event?.type, payload: e.payload ?? e.event?.payload }));
  }

  it('manages queues with permissions: agents read, only routing:manage writes', async () => {
    const agent = await newAgent('Reader', { skills: {} }, false);
    expect((await agent.api.request('POST', '/api/v1/queues', { name: 'Nope' })).status).toBe(403);
    const created = await newQueue({ name: 'Scratch', languages: ['fr'], priorityRules: { angryBoost: 40 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Scratch', mode: 'push', priorityRules: { angryBoost: 40, vipBoost: 50 } });
    expect((await agent.api.request('GET', '/api/v1/queues')).body.items.some((q: any) => q.id === created.body.id)).toBe(true);
    const patched = await admin.request('PATCH', `/api/v1/queues/${created.body.id}`, {
      businessHours: { timeZone: 'Mars/Olympus', windows: [], holidays: [] },
    });
    expect(patched.status).toBe(422);
    expect((await admin.request('DELETE', `/api/v1/queues/${created.body.id}`)).status).toBe(204);
    expect(
      (
        await admin.request('PUT', `/api/v1/agents/${agent.id}/routing`, {
          skills: { billing: 6 },
          languages: [],
          capacity: { voice: 1, chat: 1, async: 1, total: 1 },
        })
      ).status,
    ).toBe(422);
  });

  it('routes an inbound conversation to the most qualified advisor and explains it on the timeline', async () => {
    const queue = await newQueue({
      name: 'Facturation',
      channelIds: [channel.id],
      requiredSkills: [{ skill: 'billing', minLevel: 3 }],
      sla: { firstResponseSec: 1 },
    });
    expect(queue.status).toBe(201);
    await newAgent('Marc', { skills: { billing: 3 } });
    const lea = await newAgent('Léa', { skills: { billing: 5 } });
    await newAgent('Tom', { skills: { billing: 2 } });
    const id = await inbound();
    const assigned = await waitFor(async () => {
      const c = await conversation(id);
      return c.handler.kind === 'agent' ? c : null;
    });
    expect(assigned.handler).toEqual({ kind: 'agent', id: lea.id });
    const events = await waitFor(async () => {
      const items = await timeline(id);
      return items.some((e) => e.type === 'conversation.sla_breached') ? items : null;
    });
    const explained = events.find((e) => e.type === 'conversation.assigned');
    expect(explained?.payload.explanation.en).toMatch(/^assigned to Léa: skill billing 5\/5, load 1\/2, waited \d+ s/);
    expect(explained?.payload.explanation.fr).toMatch(/^attribuée à Léa : compétence billing 5\/5/);
    expect(explained?.payload.factors).toContainEqual({ kind: 'skill', skill: 'billing', level: 5, required: 3 });
    expect(events.map((e) => e.type)).toContain('conversation.handler_changed');
    expect(events.find((e) => e.type === 'conversation.sla_breached')?.payload).toMatchObject({ kind: 'first_response', agentId: lea.id });

    const mine = await lea.api.request('GET', '/api/v1/agents/me/routing');
    expect(mine.body.profile.load).toMatchObject({ chat: 1, total: 1 });
    expect(mine.body.assignments[0].explanation.text.en).toContain('assigned to Léa');
    const history = await routing(id);
    expect(history.item).toMatchObject({ status: 'assigned', agentId: lea.id });

    // Resolving frees Léa's slot.
    expect((await lea.api.request('POST', `/api/v1/conversations/${id}/status`, { status: 'resolved' })).status).toBeLessThan(300);
    await waitFor(async () => ((await lea.api.request('GET', '/api/v1/agents/me/routing')).body.profile.load.total === 0 ? true : null));
  });

  it('next-response SLA: a late advisor breaches it, a timely reply satisfies it', async () => {
    const queue = (
      await newQueue({
        name: 'Suivi',
        channelIds: [channel.id],
        requiredSkills: [{ skill: 'follow-up', minLevel: 1 }],
        sla: { nextResponseSec: 1 },
      })
    ).body;
    const ines = await newAgent('Inès', { skills: { 'follow-up': 2 } });
    const reply = (id: string, text: string) => ines.api.request('POST', `/api/v1/conversations/${id}/messages`, { text });
    const customer = `cust-${++seq}`;
    const late = await inbound('Bonjour', customer);
    await waitFor(async () => ((await conversation(late)).handler.id === ines.id ? true : null));
    // No advisor reply yet: the first-response timer (none on this queue) is the one that counts.
    expect((await reply(late, 'Bonjour, je regarde.')).status).toBe(201);
    expect(await inbound('Alors ?', customer)).toBe(late);
    expect(await inbound('Vous êtes là ?', customer)).toBe(late);
    const breaches = await waitFor(async () => {
      const found = (await timeline(late)).filter((e) => e.type === 'conversation.sla_breached');
      return found.length > 0 ? found : null;
    });
    // One timer for the burst of two customer messages, started by the first of them.
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await timeline(late)).filter((e) => e.type === 'conversation.sla_breached')).toHaveLength(1);
    expect(breaches[0]?.payload).toMatchObject({ kind: 'next_response', queueId: queue.id, agentId: ines.id });
    expect((await routing(late)).item.escalated).toBe(true);

    // Answered within the target (3 s, so a loaded machine cannot make the reply late): the timer fires and finds the reply.
    expect((await admin.request('PATCH', `/api/v1/queues/${queue.id}`, { sla: { nextResponseSec: 3 } })).status).toBe(200);
    expect((await reply(late, 'Oui, voilà la réponse.')).status).toBe(201);
    const startedAt = new Date();
    expect(await inbound('Merci, et pour la suite ?', customer)).toBe(late);
    expect((await reply(late, 'La suite arrive par courriel.')).status).toBe(201);
    const checked = await waitFor(async () => {
      const jobs = await server.database.db
        .selectFrom('jobs')
        .select(['status', 'payload'])
        .where('queue', '=', 'routing.sla_check')
        .where('run_at', '>=', startedAt)
        .execute();
      const mine = jobs.filter((j) => (j.payload as { conversationId?: string; kind?: string }).conversationId === late);
      return mine.length === 1 && mine[0]?.status === 'done' ? mine : null;
    });
    expect((checked[0]?.payload as { kind: string }).kind).toBe('next_response');
    expect((await timeline(late)).filter((e) => e.type === 'conversation.sla_breached')).toHaveLength(1);
  });

  it("emotion priority: assist's analysis puts the angry customer first when the workspace says so", async () => {
    const ANGRY = "C'est inadmissible, je suis furieux, trois semaines sans réponse !";
    const CALM = 'Bonjour, une petite question sur ma commande.';
    const item = async (id: string) => (await routing(id)).item;
    async function round(skill: string, emotionPriority: boolean) {
      expect((await admin.request('PUT', '/api/v1/routing/settings', { emotionPriority })).body).toMatchObject({ emotionPriority, hook: null });
      const queue = (
        await newQueue({
          name: `Humeur ${skill}`,
          channelIds: [channel.id],
          requiredSkills: [{ skill, minLevel: 1 }],
          priorityRules: { angryBoost: 40 },
        })
      ).body;
      const advisor = await newAgent(`Conseiller ${skill}`, { skills: { [skill]: 3 }, capacity: { voice: 0, chat: 1, async: 1, total: 1 } }, false);
      const calm = await inbound(CALM);
      const angry = await inbound(ANGRY);
      await waitFor(async () => ((await item(calm))?.status === 'waiting' && (await item(angry))?.status === 'waiting' ? true : null));
      // The analysis ran and routing heard it (or ignored it, with the setting off).
      await waitFor(async () => {
        const jobs = await server.database.db.selectFrom('jobs').select(['status', 'payload']).where('queue', '=', 'routing.emotion').execute();
        return jobs.some((j) => (j.payload as { conversationId?: string }).conversationId === angry && j.status === 'done') ? true : null;
      });
      expect((await item(angry)).attributes.emotion).toBe(emotionPriority ? 'angry' : null);
      expect((await advisor.api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
      const first = await waitFor(async () => {
        for (const id of [calm, angry]) if ((await conversation(id)).handler.kind === 'agent') return id;
        return null;
      });
      const assigned = (await timeline(first)).find((e) => e.type === 'conversation.assigned');
      // The second round needs this queue gone now (the same channel); afterEach covers a failure.
      await admin.request('DELETE', `/api/v1/queues/${queue.id}`);
      await advisor.api.request('PUT', '/api/v1/agents/me/presence', { presence: 'offline' });
      return { first, calm, angry, explanation: assigned?.payload.explanation as { en: string; fr: string } };
    }

    const on = await round('humeur-on', true);
    expect(on.first).toBe(on.angry);
    expect(on.explanation.en).toContain('(angry customer)');
    expect(on.explanation.fr).toContain('(client en colère)');
    // Setting off: the analysis does not touch routing, the longest waiting goes first.
    const off = await round('humeur-off', false);
    expect(off.first).toBe(off.calm);
    expect(off.explanation.en).not.toContain('angry');
  });

  it('waits when nobody is available, reports it in the stats, and routes when an advisor comes online', async () => {
    const queue = (
      await newQueue({
        name: 'Support',
        channelIds: [channel.id],
        requiredSkills: [{ skill: 'support', minLevel: 1 }],
        averageHandleSec: 120,
      })
    ).body;
    const zoe = await newAgent('Zoé', { skills: { support: 4 } }, false);
    const id = await inbound('Au secours');
    await waitFor(async () => ((await conversation(id)).handler.kind === 'queue' ? true : null));
    // The first wait is looked at again after 2 s (an advisor freed during the decision), then every 15 s.
    const rechecks = await waitFor(async () => {
      const jobs = await server.database.db
        .selectFrom('jobs')
        .select(['run_at', 'created_at', 'payload', 'status'])
        .where('queue', '=', 'conversation.route')
        .execute();
      const mine = jobs.filter(
        (j) => (j.payload as { conversationId?: string; reason?: string }).conversationId === id && (j.payload as { reason?: string }).reason === 'retry',
      );
      return mine.length >= 2 ? mine.sort((a, b) => new Date(a.run_at).getTime() - new Date(b.run_at).getTime()) : null;
    }, 10_000);
    const gaps = rechecks.slice(0, 2).map((j) => new Date(j.run_at).getTime() - new Date(j.created_at).getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(1_900);
    expect(gaps[0]).toBeLessThan(5_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(14_900);
    const stats = await admin.request('GET', `/api/v1/queues/${queue.id}/stats`);
    expect(stats.body).toMatchObject({ waiting: 1, agentsOnline: 0, estimatedWaitSec: null });
    const availability = await admin.request('GET', `/api/v1/routing/availability?channelId=${channel.id}`);
    expect(availability.body).toMatchObject({ queueId: queue.id, open: true, chatAvailable: false, offerCallback: true });

    expect((await zoe.api.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).body.presence).toBe('online');
    await waitFor(async () => ((await conversation(id)).handler.id === zoe.id ? true : null));
    const away = await zoe.api.request('PUT', '/api/v1/agents/me/presence', { presence: 'away', reason: 'pause' });
    expect(away.body).toMatchObject({ presence: 'away', presenceReason: 'pause' });
    // An agent may not set someone else's presence.
    const other = await newAgent('Other', { skills: {} }, false);
    expect((await other.api.request('PUT', `/api/v1/agents/${zoe.id}/presence`, { presence: 'online' })).status).toBe(403);

    // Transfer with a note to another queue, then to an advisor.
    const sales = (await newQueue({ name: 'Ventes', requiredSkills: [{ skill: 'sales', minLevel: 1 }] })).body;
    const toQueue = await zoe.api.request('POST', `/api/v1/conversations/${id}/transfer`, { toQueueId: sales.id, note: 'question de devis' });
    expect(toQueue.status).toBe(200);
    expect((await conversation(id)).handler).toEqual({ kind: 'queue', id: sales.id });
    const toAgent = await admin.request('POST', `/api/v1/conversations/${id}/transfer`, { toAgentId: other.id, note: 'à toi' });
    expect(toAgent.body).toMatchObject({ agentId: other.id });
    expect(toAgent.body.explanation.en).toContain('transferred to Other by Admin (note: à toi)');
    expect((await conversation(id)).handler).toEqual({ kind: 'agent', id: other.id });
    const types = (await timeline(id)).map((e) => e.type);
    expect(types.filter((t) => t === 'conversation.transferred')).toHaveLength(2);
  });

  it('offers with an accept timeout: decline goes to the next advisor, accept assigns', async () => {
    expect(
      (
        await newQueue({
          name: 'Offres',
          channelIds: [channel.id],
          requiredSkills: [{ skill: 'offers', minLevel: 1 }],
          offerTimeoutSec: 60,
        })
      ).status,
    ).toBe(201);
    const first = await newAgent('Premier', { skills: { offers: 5 } });
    const second = await newAgent('Second', { skills: { offers: 3 } });
    const id = await inbound('Une offre ?');
    const offer = await waitFor(async () => (await first.api.request('GET', '/api/v1/agents/me/routing')).body.offers[0]);
    expect(offer.explanation.text.en).toContain('offered to Premier');
    expect((await first.api.request('POST', `/api/v1/offers/${offer.id}/decline`, { reason: 'busy' })).status).toBe(204);
    const next = await waitFor(async () => (await second.api.request('GET', '/api/v1/agents/me/routing')).body.offers[0]);
    expect((await first.api.request('POST', `/api/v1/offers/${next.id}/accept`)).status).toBe(404);
    const accepted = await second.api.request('POST', `/api/v1/offers/${next.id}/accept`);
    expect(accepted.body.status).toBe('active');
    expect((await conversation(id)).handler).toEqual({ kind: 'agent', id: second.id });
  });

  it('sends conversations outside business hours to the after-hours action', async () => {
    // A queue open one minute a week on a date in the past: closed now.
    expect(
      (
        await newQueue({
          name: 'Nuit',
          channelIds: [channel.id],
          businessHours: { timeZone: 'Europe/Paris', windows: [], holidays: [] },
          afterHours: 'callback',
        })
      ).status,
    ).toBe(201);
    const id = await inbound('Il y a quelqu’un ?');
    const events = await waitFor(async () => {
      const items = await timeline(id);
      return items.some((e) => e.type === 'conversation.after_hours') ? items : null;
    });
    expect(events.find((e) => e.type === 'conversation.after_hours')?.payload).toMatchObject({ action: 'callback', nextOpenAt: null });
    expect((await admin.request('GET', `/api/v1/routing/availability?channelId=${channel.id}`)).body).toMatchObject({
      open: false,
      chatAvailable: false,
      offerCallback: true,
    });
  });

  it('pull mode: the advisor takes from the queue', async () => {
    const queue = (await newQueue({ name: 'Libre-service', channelIds: [channel.id], mode: 'pull' })).body;
    const puller = await newAgent('Puller', { skills: {} });
    const id = await inbound('Pull me');
    await waitFor(async () => ((await conversation(id)).handler.kind === 'queue' ? true : null));
    const taken = await puller.api.request('POST', `/api/v1/queues/${queue.id}/pull`);
    expect(taken.body).toMatchObject({ conversationId: id });
    expect(taken.body.explanation.en).toContain('taken by Puller from Libre-service');
    expect((await puller.api.request('POST', `/api/v1/queues/${queue.id}/pull`)).status).toBe(204);
  });
});
