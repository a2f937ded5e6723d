import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer, waitFor } from './support/test-server.js';

// The virtual agent through the HTTP API: the demo bot Lumi attached to an API channel tracks
// an order through the demo back-office, then hands off with a summary on the timeline.
describe('virtual agent (bots API and bot turns)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let channel: { id: string; secret: string };

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
    const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: 'http://127.0.0.1:9/parley-hook' } });
    channel = { id: created.body.id, secret: created.body.secret };
  });
  afterAll(async () => {
    await server?.close();
  });

  const botTexts = async (conversationId: string): Promise<string[]> => {
    const res = await admin.request('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`);
    return res.body.items.filter((m: { author: { kind: string } }) => m.author.kind === 'bot').map((m: { text: string }) => m.text);
  };

  it('lists the demo bot, exports it and re-imports it; a channel gets it with PATCH', async () => {
    const list = await admin.request('GET', '/api/v1/bots');
    expect(list.status).toBe(200);
    const lumi = list.body.items.find((b: { name: string }) => b.name === 'Lumi');
    expect(lumi.publishedVersion).toBe(1);
    const exported = await admin.request('GET', `/api/v1/bots/${lumi.id}/export`);
    expect(exported.body.format).toBe('parley-bot/1');
    const imported = await admin.request('POST', '/api/v1/bots?publish=true', { ...exported.body, name: 'Lumi copy' });
    expect(imported.status).toBe(201);
    const invalid = await admin.request('POST', '/api/v1/bots', { name: 'x' });
    expect(invalid.status).toBe(422);
    const looping = structuredClone(exported.body);
    const tracking = looping.scenarios.find((s: { id: string }) => s.id === 'order_tracking');
    tracking.steps.find((s: { id: string }) => s.id === 'not_found').next = 'lookup';
    const loop = await admin.request('POST', '/api/v1/bots?publish=true', { ...looping, name: 'Lumi loop' });
    expect(loop.status).toBe(422);
    expect(loop.body.error.details.issues).toEqual([expect.stringContaining('steps lookup → not_found → lookup form a loop')]);
    const attached = await admin.request('PATCH', `/api/v1/channels/${channel.id}`, { botId: imported.body.id });
    expect(attached.status).toBe(200);
  });

  it('tracks an order in French through the demo back-office, then hands off with a summary', async () => {
    const first = await postInbound(server.url, channel.id, channel.secret, {
      customer: { externalId: 'b-1' },
      message: { id: 'b-1', text: 'Bonjour, où en est ma commande ?' },
    });
    const conversationId = first.body.conversationId as string;
    await waitFor(async () => (await botTexts(conversationId)).some((t) => t.includes('numéro de commande')));
    expect((await botTexts(conversationId))[0]).toContain('Je suis Lumi');
    await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'b-1' }, message: { id: 'b-2', text: 'CMD-10042' } });
    await waitFor(async () => (await botTexts(conversationId)).some((t) => t.includes('Votre commande CMD-10042 est expédiée')));
    await postInbound(server.url, channel.id, channel.secret, {
      customer: { externalId: 'b-1' },
      message: { id: 'b-3', text: 'je veux parler à un conseiller' },
    });
    const handoff = await waitFor(async () => {
      const { customerId } = (await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body;
      const timeline = await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=100`);
      return (timeline.body.items ?? []).find((e: { type?: string }) => e.type === 'bot.handoff');
    });
    expect(handoff.payload).toMatchObject({ reason: 'customer_request', summary: { intent: 'track_order', slots: { orderRef: 'CMD-10042' } } });
    const conversation = await admin.request('GET', `/api/v1/conversations/${conversationId}`);
    expect(conversation.body.handler.kind).not.toBe('bot');
  });
  it('an agent public reply takes over from the bot, which stops answering; a note does not', async () => {
    const say = (id: string, text: string) =>
      postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'b-take' }, message: { id, text } });
    const conversationId = (await say('t-1', 'Bonjour')).body.conversationId as string;
    await waitFor(async () => (await botTexts(conversationId)).length > 0);
    const note = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Client fidèle', visibility: 'note' });
    expect(note.status).toBe(201);
    expect((await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body.handler.kind).toBe('bot');
    const before = (await botTexts(conversationId)).length;
    await say('t-2', 'où en est ma commande ?');
    await waitFor(async () => (await botTexts(conversationId)).length > before);

    const reply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Bonjour, je suis Camille, je prends le relais.' });
    expect(reply.status).toBe(201);
    const conversation = (await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body;
    const me = (await admin.request('GET', '/api/v1/auth/me')).body;
    expect(conversation.handler).toEqual({ kind: 'agent', id: me.user.id });
    const timeline = await admin.request('GET', `/api/v1/customers/${conversation.customerId}/timeline?limit=100`);
    const handoff = timeline.body.items.find(
      (e: { type?: string; conversationId?: string }) => e.type === 'bot.handoff' && e.conversationId === conversationId,
    );
    expect(handoff.payload).toMatchObject({ reason: 'agent_took_over', summary: { intent: 'track_order' } });

    const answered = (await botTexts(conversationId)).length;
    await say('t-3', 'CMD-10042');
    await say('t-4', 'Je n’ai pas compris votre message');
    const messages = await waitFor(async () => {
      const res = await admin.request('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`);
      return res.body.items.some((m: { text: string }) => m.text === 'Je n’ai pas compris votre message') && res.body.items;
    });
    expect(messages.length).toBeGreaterThan(answered);
    // Long enough for a bot turn to run (jobs poll every 100 ms in tests): the bot stays silent.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await botTexts(conversationId)).length).toBe(answered);
  });
});
