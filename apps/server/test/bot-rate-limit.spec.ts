import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer, waitFor } from './support/test-server.js';

// A customer flooding the bot: at most PARLEY_BOT_RATE_LIMIT answered messages per conversation
// per window; the rest are stored, the bot asks once to slow down, and a human request still works.
describe('bot rate limit per conversation', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let channel: { id: string; secret: string };
  let botId: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { PARLEY_BOT_RATE_LIMIT: '3', PARLEY_BOT_RATE_WINDOW_SEC: '3600' } });
    admin = new ApiClient(server.url);
    await admin.login();
    const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Flood', config: { webhookUrl: 'http://127.0.0.1:9/parley-hook' } });
    channel = { id: created.body.id, secret: created.body.secret };
    botId = (await admin.request('GET', '/api/v1/bots')).body.items.find((b: { name: string }) => b.name === 'Lumi').id;
    await admin.request('PATCH', `/api/v1/channels/${channel.id}`, { botId });
  });
  afterAll(async () => {
    await server?.close();
  });

  const messagesOf = async (conversationId: string): Promise<Array<{ author: { kind: string }; text: string }>> =>
    (await admin.request('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`)).body.items;

  it('answers the first messages, stores every one, says once to slow down, and still hands off on request', async () => {
    const say = (id: string, text: string) =>
      postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'flooder' }, message: { id, text } });
    const flood = ['Bonjour', 'merci', 'allô ?', 'vous êtes là ?', 'hé', 'répondez', 'svp', 'allô allô'];
    let conversationId = '';
    for (const [i, text] of flood.entries()) {
      const res = await say(`f-${i}`, text);
      expect(res.status).toBe(202);
      conversationId = res.body.conversationId as string;
    }
    const slowDown = 'Vous m’envoyez beaucoup de messages à la fois. Patientez un instant, puis renvoyez-moi votre question.';
    await waitFor(async () => (await messagesOf(conversationId)).some((m) => m.text === slowDown));
    // Every turn of the flood has run once the slow-down is out plus a little: nothing more comes.
    await new Promise((r) => setTimeout(r, 1000));
    const messages = await messagesOf(conversationId);
    expect(messages.filter((m) => m.author.kind === 'customer').map((m) => m.text)).toEqual(flood);
    expect(messages.filter((m) => m.text === slowDown)).toHaveLength(1);
    const stats = (await admin.request('GET', `/api/v1/bots/${botId}/stats`)).body;
    expect(stats.turns).toBe(3);

    const { customerId } = (await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body;
    const timeline = async () =>
      (await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=100`)).body.items as Array<{ type?: string; payload?: unknown }>;
    expect((await timeline()).filter((e) => e.type === 'bot.rate_limited')).toEqual([
      expect.objectContaining({ payload: { botId, limit: 3, windowSec: 3600 } }),
    ]);

    await say('f-human', 'je veux parler à un conseiller');
    const handoff = await waitFor(async () => (await timeline()).find((e) => e.type === 'bot.handoff'));
    expect(handoff.payload).toMatchObject({ reason: 'customer_request' });
  });
});
