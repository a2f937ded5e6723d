import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, waitFor } from './support/test-server.js';
import { messengerPayloads, postMetaWebhook, startMetaEmulator, whatsappPayloads, type MetaEmulator } from './support/emulators/meta-emulator.js';

// WhatsApp Cloud API, Messenger and Instagram against a local Graph API emulator: signed webhooks
// with the documented payloads in, Graph sends out, over HTTP exactly as with Meta.
const TOKEN = 'EAAGtest-access-token';
const APP_SECRET = 'meta-app-secret-123';
const VERIFY_TOKEN = 'verify-token-abc';
const PHONE_NUMBER_ID = '106540352242922';
const PAGE_ID = '1122334455';
const IG_ACCOUNT_ID = '17841400000000001';

describe('Meta channels (WhatsApp, Messenger, Instagram)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let graph: MetaEmulator;
  let whatsappId: string;
  let messengerId: string;
  let instagramId: string;

  const store = () => server.context.store.read;
  const waHook = () => `${server.url}/webhooks/whatsapp/${whatsappId}`;
  const stored = (channelId: string, providerMessageId: string) => store().conversations.findMessageByProviderId(channelId, providerMessageId);
  const secrets = { accessToken: TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN };

  beforeAll(async () => {
    server = await startTestServer();
    graph = await startMetaEmulator({ accessToken: TOKEN });
    admin = new ApiClient(server.url);
    await admin.login();
    const wa = await admin.request('POST', '/api/v1/channels', {
      type: 'whatsapp',
      name: 'WhatsApp FR',
      config: { phoneNumberId: PHONE_NUMBER_ID, ...secrets, apiBaseUrl: graph.url },
    });
    expect(wa.status, JSON.stringify(wa.body)).toBe(201);
    whatsappId = wa.body.id;
    const fb = await admin.request('POST', '/api/v1/channels', {
      type: 'messenger',
      name: 'Page',
      config: { pageId: PAGE_ID, ...secrets, apiBaseUrl: graph.url },
    });
    expect(fb.status, JSON.stringify(fb.body)).toBe(201);
    messengerId = fb.body.id;
    const ig = await admin.request('POST', '/api/v1/channels', {
      type: 'instagram',
      name: 'IG',
      config: { instagramAccountId: IG_ACCOUNT_ID, ...secrets, apiBaseUrl: graph.url },
    });
    expect(ig.status, JSON.stringify(ig.body)).toBe(201);
    instagramId = ig.body.id;
  }, 60_000);
  afterAll(async () => {
    await graph?.close();
    await server?.close();
  });

  it('keeps credentials out of the public config and refuses an apiBaseUrl host the operator did not allow', async () => {
    const channel = await admin.request('GET', `/api/v1/channels/${whatsappId}`);
    expect(channel.body.config).toEqual({ phoneNumberId: PHONE_NUMBER_ID, apiBaseUrl: graph.url });
    expect(JSON.stringify(channel.body)).not.toContain(TOKEN);
    const evil = await admin.request('POST', '/api/v1/channels', {
      type: 'whatsapp',
      name: 'x',
      config: { phoneNumberId: '1', ...secrets, apiBaseUrl: 'https://attacker.example' },
    });
    expect(evil.status).toBe(422);
    expect(evil.body.error.code).toBe('invalid_channel_config');
    const missing = await admin.request('POST', '/api/v1/channels', { type: 'whatsapp', name: 'x', config: { phoneNumberId: '1' } });
    expect(missing.status).toBe(422);
  });

  it('answers the verification handshake with the challenge, per channel and app-level, and 403 on a wrong token', async () => {
    const query = (token: string) => `?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
    const ok = await fetch(`${waHook()}${query(VERIFY_TOKEN)}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${waHook()}${query('nope-nope-nope')}`)).status).toBe(403);
    const app = await fetch(`${server.url}/webhooks/whatsapp${query(VERIFY_TOKEN)}`);
    expect(app.status).toBe(200);
    expect(await app.text()).toBe('1158201444');
    expect((await fetch(`${server.url}/webhooks/messenger/${messengerId}${query(VERIFY_TOKEN)}`)).status).toBe(200);
  });

  it('keeps a signed message with a NUL (U+0000) in its text or sender name, with U+FFFD in its place (200, never a 5xx)', async () => {
    const body = whatsappPayloads.message(PHONE_NUMBER_ID, '33612345609', { id: 'wamid.nul1', type: 'text', text: { body: 'commande\u0000 42' } }, 'Zoé\u0000');
    const res = await postMetaWebhook(waHook(), body, APP_SECRET);
    expect(res.status, res.text).toBe(200);
    const message = await stored(whatsappId, 'wamid.nul1');
    expect(message?.text).toBe('commande\uFFFD 42');
    const conversation = await store().conversations.get(server.workspaceId, message!.conversationId);
    expect((await admin.request('GET', `/api/v1/customers/${conversation!.customerId}`)).body.displayName).toBe('Zoé\uFFFD');
  });

  it('stores every documented inbound WhatsApp type, with the number as verified whatsapp and phone identities', async () => {
    const from = '33612345601';
    const bodies = [
      whatsappPayloads.text(PHONE_NUMBER_ID, from, 'wamid.text1', 'Bonjour, ma commande ?'),
      whatsappPayloads.buttonReply(PHONE_NUMBER_ID, from, 'wamid.btn1', 'track', 'Suivre'),
      whatsappPayloads.listReply(PHONE_NUMBER_ID, from, 'wamid.list1', 'row-2', 'Retour'),
      whatsappPayloads.image(PHONE_NUMBER_ID, from, 'wamid.img1', 'media-123', 'voici'),
      whatsappPayloads.document(PHONE_NUMBER_ID, from, 'wamid.doc1', 'media-456', 'facture.pdf'),
      whatsappPayloads.location(PHONE_NUMBER_ID, from, 'wamid.loc1', 48.8606, 2.3376, 'Louvre'),
    ];
    for (const body of bodies) {
      const res = await postMetaWebhook(waHook(), body, APP_SECRET);
      expect(res.status, res.text).toBe(200);
    }
    expect((await stored(whatsappId, 'wamid.text1'))?.text).toBe('Bonjour, ma commande ?');
    expect((await stored(whatsappId, 'wamid.btn1'))?.content.blocks).toEqual([
      { type: 'payload', payload: 'track' },
      { type: 'text', text: 'Suivre' },
    ]);
    expect((await stored(whatsappId, 'wamid.list1'))?.content.blocks[0]).toEqual({ type: 'payload', payload: 'row-2' });
    // The media job may already have marked the file (unknown to the emulator) unavailable.
    expect((await stored(whatsappId, 'wamid.img1'))?.content.blocks).toEqual([
      { type: 'text', text: 'voici' },
      expect.objectContaining({ type: 'attachment', fileName: 'image-media-123.jpeg', contentType: 'image/jpeg', providerMediaId: 'media-123' }),
    ]);
    expect((await stored(whatsappId, 'wamid.doc1'))?.content.blocks[0]).toMatchObject({
      type: 'attachment',
      fileName: 'facture.pdf',
      providerMediaId: 'media-456',
    });
    const location = await stored(whatsappId, 'wamid.loc1');
    expect(location?.text).toContain('48.8606, 2.3376');
    expect(location?.text).toContain('https://www.google.com/maps/search/?api=1&query=48.8606,2.3376');
    const conversation = await store().conversations.get(server.workspaceId, location!.conversationId);
    const customer = await admin.request('GET', `/api/v1/customers/${conversation!.customerId}`);
    const identities = customer.body.identities.map((i: { kind: string; value: string; verified: boolean }) => `${i.kind}:${i.value}:${i.verified}`);
    expect(identities).toEqual(expect.arrayContaining([`whatsapp:+${from}:true`, `phone:+${from}:true`]));
    expect(customer.body.displayName).toBe('Sheena Nelson');
  });

  it('rejects a bad signature with 401 and stores nothing; a replay stores nothing new', async () => {
    const body = whatsappPayloads.text(PHONE_NUMBER_ID, '33612345602', 'wamid.sig1', 'forged');
    const forged = await postMetaWebhook(waHook(), body, 'not-the-app-secret');
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text).error.code).toBe('invalid_signature');
    expect((await postMetaWebhook(waHook(), body, APP_SECRET, { signature: 'sha256=' })).status).toBe(401);
    expect(await stored(whatsappId, 'wamid.sig1')).toBeNull();

    const first = await postMetaWebhook(waHook(), body, APP_SECRET);
    expect(JSON.parse(first.text)).toMatchObject({ stored: 1, duplicates: 0 });
    const message = await stored(whatsappId, 'wamid.sig1');
    const before = (await store().conversations.get(server.workspaceId, message!.conversationId))!.lastSeq;
    const replay = await postMetaWebhook(waHook(), body, APP_SECRET);
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.text)).toMatchObject({ stored: 0, duplicates: 1 });
    expect((await store().conversations.get(server.workspaceId, message!.conversationId))!.lastSeq).toBe(before);
  });

  it('Messenger: rejects a bad signature with 401 and stores nothing; a replayed message or postback stores nothing new', async () => {
    const hook = `${server.url}/webhooks/messenger/${messengerId}`;
    const psid = '6660010';
    const body = messengerPayloads.text('page', PAGE_ID, psid, 'm.replay1', 'Bonjour, encore moi');
    const forged = await postMetaWebhook(hook, body, 'not-the-app-secret');
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text).error.code).toBe('invalid_signature');
    expect((await postMetaWebhook(hook, body, APP_SECRET, { signature: 'sha256=' })).status).toBe(401);
    expect((await postMetaWebhook(`${server.url}/webhooks/messenger`, body, 'not-the-app-secret')).status).toBe(401);
    expect(await stored(messengerId, 'm.replay1')).toBeNull();

    const first = await postMetaWebhook(hook, body, APP_SECRET);
    expect(JSON.parse(first.text)).toMatchObject({ stored: 1, duplicates: 0 });
    const message = await stored(messengerId, 'm.replay1');
    const lastSeq = async () => (await store().conversations.get(server.workspaceId, message!.conversationId))!.lastSeq;
    const before = await lastSeq();
    const replay = await postMetaWebhook(hook, body, APP_SECRET);
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.text)).toMatchObject({ stored: 0, duplicates: 1 });
    // Meta may redeliver through the app-level URL: the same provider id is the same message.
    const viaApp = await postMetaWebhook(`${server.url}/webhooks/messenger`, body, APP_SECRET);
    expect(JSON.parse(viaApp.text)).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await lastSeq()).toBe(before);

    // A postback without a mid is keyed on sender, timestamp and payload, so its replay is a duplicate too.
    const tap = messengerPayloads.envelope('page', PAGE_ID, [
      { sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: 1_768_471_200_000, postback: { title: 'Commencer', payload: 'GET_STARTED' } },
    ]);
    expect(JSON.parse((await postMetaWebhook(hook, tap, APP_SECRET)).text)).toMatchObject({ stored: 1, duplicates: 0 });
    const tapped = await stored(messengerId, `postback:${psid}:1768471200000:GET_STARTED`);
    expect(tapped?.content.blocks).toEqual([
      { type: 'payload', payload: 'GET_STARTED' },
      { type: 'text', text: 'Commencer' },
    ]);
    const beforeTapReplay = await lastSeq();
    expect(JSON.parse((await postMetaWebhook(hook, tap, APP_SECRET)).text)).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await lastSeq()).toBe(beforeTapReplay);
  });

  it('Instagram: rejects a bad signature with 401 and stores nothing; a replay, on the channel or the app-level route, stores nothing new', async () => {
    const hook = `${server.url}/webhooks/instagram/${instagramId}`;
    const body = messengerPayloads.text('instagram', IG_ACCOUNT_ID, '5550010', 'ig.replay1', 'Coucou, ma commande ?');
    const forged = await postMetaWebhook(hook, body, 'not-the-app-secret');
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text).error.code).toBe('invalid_signature');
    expect((await postMetaWebhook(hook, body, APP_SECRET, { signature: 'sha256=' })).status).toBe(401);
    expect((await postMetaWebhook(`${server.url}/webhooks/messenger`, body, 'not-the-app-secret')).status).toBe(401);
    expect(await stored(instagramId, 'ig.replay1')).toBeNull();

    const first = await postMetaWebhook(hook, body, APP_SECRET);
    expect(JSON.parse(first.text)).toMatchObject({ stored: 1, duplicates: 0 });
    const message = await stored(instagramId, 'ig.replay1');
    expect(message?.text).toBe('Coucou, ma commande ?');
    const lastSeq = async () => (await store().conversations.get(server.workspaceId, message!.conversationId))!.lastSeq;
    const before = await lastSeq();
    const replay = await postMetaWebhook(hook, body, APP_SECRET);
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.text)).toMatchObject({ stored: 0, duplicates: 1 });
    const viaApp = await postMetaWebhook(`${server.url}/webhooks/messenger`, body, APP_SECRET);
    expect(viaApp.status).toBe(200);
    expect(JSON.parse(viaApp.text)).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await lastSeq()).toBe(before);
  });

  it('delivers a reply through the Graph API, retries a 503 until Meta recovers, and records provider statuses on the timeline', async () => {
    const from = '33612345603';
    await postMetaWebhook(waHook(), whatsappPayloads.text(PHONE_NUMBER_ID, from, 'wamid.in3', 'Allô ?'), APP_SECRET);
    const conversationId = (await stored(whatsappId, 'wamid.in3'))!.conversationId;
    graph.failNext(2);
    const reply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Bonjour, je regarde.' });
    expect(reply.status).toBe(201);
    const sent = await waitFor(async () => {
      const m = await store().conversations.getMessage(server.workspaceId, reply.body.messageId);
      return m?.deliveryStatus === 'sent' && m.providerMessageId ? m : null;
    }, 30_000);
    const attempts = graph.calls.filter((c) => c.body?.to === from);
    expect(attempts.map((c) => c.status)).toEqual([503, 503, 200]);
    // One delivery id across the retries; one message reached the customer.
    expect(new Set(attempts.map((c) => c.body.biz_opaque_callback_data)).size).toBe(1);
    expect(graph.sent().filter((c) => c.body.to === from)).toHaveLength(1);
    const call = attempts[2]!;
    expect(call.path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(call.body).toMatchObject({ messaging_product: 'whatsapp', to: from, type: 'text', text: { body: 'Bonjour, je regarde.' } });
    expect(sent.providerMessageId).toBe(call.messageId);

    for (const status of ['delivered', 'read', 'delivered'] as const) {
      expect((await postMetaWebhook(waHook(), whatsappPayloads.status(PHONE_NUMBER_ID, sent.providerMessageId!, from, status), APP_SECRET)).status).toBe(200);
    }
    expect((await store().conversations.getMessage(server.workspaceId, sent.id))?.deliveryStatus).toBe('read');

    const second = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Encore moi' });
    const secondSent = await waitFor(async () => {
      const m = await store().conversations.getMessage(server.workspaceId, second.body.messageId);
      return m?.providerMessageId ? m : null;
    }, 30_000);
    const failure = { code: 131026, title: 'Message undeliverable', details: 'Receiver is incapable of receiving this message' };
    await postMetaWebhook(waHook(), whatsappPayloads.status(PHONE_NUMBER_ID, secondSent.providerMessageId!, from, 'failed', failure), APP_SECRET);
    const failed = await admin.request('GET', `/api/v1/conversations/${conversationId}/messages`);
    const failedDto = failed.body.items.find((m: { id: string }) => m.id === secondSent.id);
    expect(failedDto.deliveryStatus).toBe('failed');
    expect(failedDto.deliveryError).toContain('131026 Message undeliverable: Receiver is incapable');

    const customerId = (await store().conversations.get(server.workspaceId, conversationId))!.customerId;
    const timeline = await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=200`);
    const fromProvider = timeline.body.items.filter(
      (e: { type?: string; payload?: { source?: string } }) => e.type === 'message.delivery_updated' && e.payload?.source === 'provider',
    );
    expect(fromProvider.map((e: { payload: { status: string } }) => e.payload.status)).toEqual(['delivered', 'read', 'failed']);
  }, 60_000);

  it('enforces the 24-hour window: free-form refused with 409, approved template sent, and the window exposed for the agent app', async () => {
    const from = '33612345604';
    await postMetaWebhook(waHook(), whatsappPayloads.text(PHONE_NUMBER_ID, from, 'wamid.in4', 'Hello'), APP_SECRET);
    const conversationId = (await stored(whatsappId, 'wamid.in4'))!.conversationId;
    const open = await admin.request('GET', `/api/v1/conversations/${conversationId}`);
    expect(open.body.window).toMatchObject({ open: true, hours: 24, templates: true });

    // The customer wrote 25 hours ago.
    await server.database.db
      .updateTable('messages')
      .set({ created_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('conversation_id', '=', conversationId)
      .execute();
    const closed = await admin.request('GET', `/api/v1/conversations/${conversationId}`);
    expect(closed.body.window.open).toBe(false);
    const refused = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Vous êtes là ?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'invalid_state', message: 'outside the 24-hour window: send an approved template' });
    const note = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'note interne', visibility: 'note' });
    expect(note.status).toBe(201);

    const template = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, {
      template: { name: 'order_update', language: 'fr', variables: ['Sheena', 'A-1042'] },
    });
    expect(template.status, JSON.stringify(template.body)).toBe(201);
    const call = await waitFor(() => graph.sent().find((c) => c.body.to === from && c.body.type === 'template'), 30_000);
    expect(call.body.template).toEqual({
      name: 'order_update',
      language: { code: 'fr' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Sheena' },
            { type: 'text', text: 'A-1042' },
          ],
        },
      ],
    });
  }, 60_000);

  it('dispatches app-level webhooks on phone_number_id and entry[].id', async () => {
    const res = await postMetaWebhook(
      `${server.url}/webhooks/whatsapp`,
      whatsappPayloads.text(PHONE_NUMBER_ID, '33612345605', 'wamid.app1', 'via app'),
      APP_SECRET,
    );
    expect(res.status, res.text).toBe(200);
    expect((await stored(whatsappId, 'wamid.app1'))?.text).toBe('via app');
    const unknown = await postMetaWebhook(`${server.url}/webhooks/whatsapp`, whatsappPayloads.text('999999', '33612345605', 'wamid.app2', 'x'), APP_SECRET);
    expect(unknown.status).toBe(404);
    const forged = await postMetaWebhook(
      `${server.url}/webhooks/whatsapp`,
      whatsappPayloads.text(PHONE_NUMBER_ID, '33612345605', 'wamid.app3', 'x'),
      'wrong-secret',
    );
    expect(forged.status).toBe(401);
    expect(await stored(whatsappId, 'wamid.app3')).toBeNull();

    const ig = await postMetaWebhook(
      `${server.url}/webhooks/messenger`,
      messengerPayloads.text('instagram', IG_ACCOUNT_ID, '5550001', 'ig.mid.1', 'hello from IG'),
      APP_SECRET,
    );
    expect(ig.status, ig.text).toBe(200);
    const igMessage = await stored(instagramId, 'ig.mid.1');
    expect(igMessage?.text).toBe('hello from IG');
    const fb = await postMetaWebhook(
      `${server.url}/webhooks/messenger`,
      messengerPayloads.text('page', PAGE_ID, '6660001', 'm.app.1', 'hello from FB'),
      APP_SECRET,
    );
    expect(fb.status, fb.text).toBe(200);
    expect((await stored(messengerId, 'm.app.1'))?.text).toBe('hello from FB');
  });

  it('Messenger: text, quick reply and postback in; replies through the Send API to the PSID; deliveries recorded', async () => {
    const psid = '6660002';
    const hook = `${server.url}/webhooks/messenger/${messengerId}`;
    expect((await postMetaWebhook(hook, messengerPayloads.text('page', PAGE_ID, psid, 'm.1', 'Salut'), APP_SECRET)).status).toBe(200);
    expect((await postMetaWebhook(hook, messengerPayloads.quickReply(PAGE_ID, psid, 'm.2', 'Oui', 'YES'), APP_SECRET)).status).toBe(200);
    expect((await postMetaWebhook(hook, messengerPayloads.postback(PAGE_ID, psid, 'm.3', 'Commencer', 'GET_STARTED'), APP_SECRET)).status).toBe(200);
    expect((await postMetaWebhook(hook, messengerPayloads.text('page', PAGE_ID, psid, 'm.4', 'x'), 'bad-secret')).status).toBe(401);
    expect((await stored(messengerId, 'm.2'))?.content.blocks).toEqual([
      { type: 'payload', payload: 'YES' },
      { type: 'text', text: 'Oui' },
    ]);
    expect((await stored(messengerId, 'm.3'))?.content.blocks).toEqual([
      { type: 'payload', payload: 'GET_STARTED' },
      { type: 'text', text: 'Commencer' },
    ]);
    const first = (await stored(messengerId, 'm.1'))!;
    const customer = await admin.request('GET', `/api/v1/customers/${(await store().conversations.get(server.workspaceId, first.conversationId))!.customerId}`);
    expect(customer.body.identities).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'messenger_psid', value: psid, scope: PAGE_ID, verified: true })]),
    );

    const reply = await admin.request('POST', `/api/v1/conversations/${first.conversationId}/messages`, { text: 'Bonjour !' });
    const call = await waitFor(() => graph.sent().find((c) => c.body.recipient?.id === psid), 30_000);
    expect(call.path).toBe('/v21.0/me/messages');
    expect(call.body).toEqual({ recipient: { id: psid }, messaging_type: 'RESPONSE', message: { text: 'Bonjour !' } });
    const sent = await waitFor(async () => {
      const m = await store().conversations.getMessage(server.workspaceId, reply.body.messageId);
      return m?.providerMessageId ? m : null;
    }, 30_000);
    await postMetaWebhook(hook, messengerPayloads.delivery(PAGE_ID, psid, [sent.providerMessageId!]), APP_SECRET);
    expect((await store().conversations.getMessage(server.workspaceId, sent.id))?.deliveryStatus).toBe('delivered');
  }, 60_000);
});
