import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  it('a back-office that times out or answers garbage with a 200 takes the error branch, and the conversation goes on', async () => {
    // A local back-office: CMD-1001 answers after 3 s, CMD-1002 an HTML page with a 200, CMD-1003 JSON of another shape.
    const backOffice = createServer((req, res) => {
      const ref = (req.url ?? '').split('/').pop();
      if (ref === 'CMD-1001') setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"statusLabel":"trop tard"}'), 3000).unref();
      else if (ref === 'CMD-1002') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"unexpected":true}');
    });
    await new Promise<void>((resolve) => backOffice.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(backOffice.address() as AddressInfo).port}/orders/{{slots.orderRef}}`;
      const lumi = (await admin.request('GET', '/api/v1/bots')).body.items.find((b: { name: string }) => b.name === 'Lumi');
      const definition = (await admin.request('GET', `/api/v1/bots/${lumi.id}/export`)).body;
      const tracking = definition.scenarios.find((s: { id: string }) => s.id === 'order_tracking');
      Object.assign(
        tracking.steps.find((s: { id: string }) => s.id === 'lookup'),
        { url, timeoutMs: 500 },
      );
      const bot = await admin.request('POST', '/api/v1/bots?publish=true', { ...definition, name: 'Lumi flaky back-office' });
      expect(bot.status).toBe(201);
      const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Flaky', config: { webhookUrl: 'http://127.0.0.1:9/parley-hook' } });
      await admin.request('PATCH', `/api/v1/channels/${created.body.id}`, { botId: bot.body.id });

      for (const ref of ['CMD-1001', 'CMD-1002', 'CMD-1003']) {
        const say = (id: string, text: string) =>
          postInbound(server.url, created.body.id, created.body.secret, { customer: { externalId: `flaky-${ref}` }, message: { id, text } });
        const conversationId = (await say(`${ref}-1`, `Bonjour, où en est ma commande ${ref} ?`)).body.conversationId as string;
        const texts = await waitFor(async () => {
          const said = await botTexts(conversationId);
          return said.some((t) => t.includes(`Je ne trouve pas la commande ${ref}`)) && said;
        });
        expect(texts.join('\n')).not.toContain('Votre commande');
        // Not stuck: the next message gets an answer.
        await say(`${ref}-2`, 'merci');
        await waitFor(async () => (await botTexts(conversationId)).length > texts.length);
      }
    } finally {
      await new Promise((resolve) => backOffice.close(resolve));
    }
  });
});
