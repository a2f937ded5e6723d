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
    const attached = await admin.request('PATCH', `/api/v1/channels/${channel.id}`, { botId: imported.body.id });
    expect(attached.status).toBe(200);
  });

  it('tracks an order in French through the demo back-office, then hands off with a summary', async () => {
    const first = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'b-1' }, message: { id: 'b-1', text: 'Bonjour, où en est ma commande ?' } });
    const conversationId = first.body.conversationId as string;
    await waitFor(async () => (await botTexts(conversationId)).some((t) => t.includes('numéro de commande')));
    expect((await botTexts(conversationId))[0]).toContain('Je suis Lumi');
    await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'b-1' }, message: { id: 'b-2', text: 'CMD-10042' } });
    await waitFor(async () => (await botTexts(conversationId)).some((t) => t.includes('Votre commande CMD-10042 est expédiée')));
    await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'b-1' }, message: { id: 'b-3', text: 'je veux parler à un conseiller' } });
    const handoff = await waitFor(async () => {
      const { customerId } = (await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body;
      const timeline = await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=100`);
      return (timeline.body.items ?? []).find((e: { type?: string }) => e.type === 'bot.handoff');
    });
    expect(handoff.payload).toMatchObject({ reason: 'customer_request', summary: { intent: 'track_order', slots: { orderRef: 'CMD-10042' } } });
    const conversation = await admin.request('GET', `/api/v1/conversations/${conversationId}`);
    expect(conversation.body.handler.kind).not.toBe('bot');
  });
});
