import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIdentity } from '@parley/channel-webchat';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, startTestServer, waitFor } from './support/test-server.js';
import { connectAgent, connectWidget, type RecordingSocket, type WidgetClient } from './support/realtime-clients.js';

// The web chat end to end over real sockets: widget ⇄ server ⇄ agent. Runs on PGlite, and on
// PostgreSQL + Redis (socket.io Redis adapter on) in the integration configuration.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

describe('web chat', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ApiClient;
  let token: string;
  let adminId: string;
  let channelId: string;
  let identitySecret: string;
  const open: RecordingSocket[] = [];

  async function widget(
    auth: { visitorToken?: string } = {},
    options: { transports?: string[]; origin?: string } = {},
    channel = channelId,
  ): Promise<WidgetClient> {
    const client = await connectWidget(server.url, { channelId: channel, ...auth }, options);
    open.push(client);
    return client;
  }
  async function agent(): Promise<RecordingSocket> {
    const client = await connectAgent(server.url, { token });
    open.push(client);
    return client;
  }
  const send = (w: WidgetClient, text: string, clientMessageId = crypto.randomUUID()) => w.ask('message:send', { clientMessageId, text });
  const messages = async (conversationId: string) =>
    (await api.request<{ items: any[] }>('GET', `/api/v1/conversations/${conversationId}/messages`)).body.items;

  beforeAll(async () => {
    server = await startTestServer();
    api = new ApiClient(server.url);
    const me = await api.login();
    adminId = (me.user as { id: string }).id;
    token = (await api.request<{ token: string }>('POST', '/api/v1/api-tokens', { name: 'webchat' })).body.token;
    const created = await api.request<{ id: string; secret: string }>('POST', '/api/v1/channels', {
      type: 'webchat',
      name: 'Site',
      config: { brandName: 'Maison Lumière', prechat: { enabled: true, requireEmail: true } },
    });
    expect(created.status).toBe(201);
    channelId = created.body.id;
    identitySecret = created.body.secret;
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
  });

  it('starts a visitor session, then resumes it with the same token (history restored)', async () => {
    const first = await widget({}, { transports: ['polling'] });
    expect(first.session).toMatchObject({ conversation: null, messages: [], csatPending: null, identity: { name: null, email: null, verified: false } });
    expect(first.session.visitorToken.length).toBeGreaterThanOrEqual(40);
    const ack = await send(first, 'Bonjour, ma lampe clignote', 'c-1');
    expect(ack).toMatchObject({
      ok: true,
      message: { text: 'Bonjour, ma lampe clignote', author: { kind: 'customer' }, status: 'received', clientMessageId: 'c-1', seq: 1 },
    });
    first.close();

    const again = await widget({ visitorToken: first.session.visitorToken });
    expect(again.session.customerId).toBe(first.session.customerId);
    expect(again.session.visitorToken).toBe(first.session.visitorToken);
    expect(again.session.conversation).toEqual({ id: ack.message.conversationId, status: 'open' });
    expect(again.session.messages.map((m) => m.text)).toEqual(['Bonjour, ma lampe clignote']);

    // The token is stored only as its hash.
    const customer = await api.request<{ identities: Array<{ kind: string; value: string; verified: boolean }> }>(
      'GET',
      `/api/v1/customers/${first.session.customerId}`,
    );
    const visitor = customer.body.identities.find((i) => i.kind === 'webchat_visitor');
    expect(visitor).toMatchObject({ verified: true });
    expect(visitor?.value).not.toContain(first.session.visitorToken);

    // An unknown token gets a new visitor.
    const stranger = await widget({ visitorToken: 'x'.repeat(43) });
    expect(stranger.session.visitorToken).not.toBe('x'.repeat(43));
    expect(stranger.session.customerId).not.toBe(first.session.customerId);
  });

  it('treats a resend of the same clientMessageId as the same message', async () => {
    const w = await widget();
    const a = await send(w, 'Une seule fois', 'same-id');
    const b = await send(w, 'Une seule fois', 'same-id');
    expect(b.message.id).toBe(a.message.id);
    expect((await messages(a.message.conversationId)).filter((m) => m.text === 'Une seule fois')).toHaveLength(1);
    const invalid = await w.ask('message:send', { clientMessageId: 'x', text: '   ' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('stores an XSS payload verbatim and never renders it into the demo page', async () => {
    const w = await widget();
    const ack = await send(w, XSS);
    expect(ack.message.text).toBe(XSS);
    expect((await messages(ack.message.conversationId)).at(-1)?.text).toBe(XSS);
    const again = await widget({ visitorToken: w.session.visitorToken });
    expect(again.session.messages.at(-1)?.text).toBe(XSS);
    const demo = await fetch(`${server.url}/demo`);
    expect(await demo.text()).not.toContain('onerror');
  });

  it('delivers an agent reply live through the delivery job; notes and whispers never reach the widget', async () => {
    const team = await agent();
    const w = await widget();
    const ack = await send(w, 'Où en est ma commande ?');
    const conversationId = ack.message.conversationId;
    const seen = await team.next('message:created', (e) => e.message.id === ack.message.id);
    expect(seen).toMatchObject({
      conversationId,
      customerId: w.session.customerId,
      message: { text: 'Où en est ma commande ?', direction: 'inbound', visibility: 'public' },
    });

    await api.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Note: VIP customer', visibility: 'note' });
    await api.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Whisper: check the refund', visibility: 'whisper' });
    const reply = await api.request<{ messageId: string }>('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Elle part demain.' });
    const live = await w.next('message', (m) => m.id === reply.body.messageId);
    expect(live).toMatchObject({
      conversationId,
      text: 'Elle part demain.',
      author: { kind: 'agent', name: 'Admin' },
      status: 'sent',
      blocks: [{ type: 'text', text: 'Elle part demain.' }],
    });
    await team.next('message:created', (e) => e.message.text === 'Note: VIP customer' && e.message.visibility === 'note');
    await team.next('message:status', (e) => e.messageId === reply.body.messageId && e.status === 'sent');
    await waitFor(async () => (await messages(conversationId)).find((m) => m.id === reply.body.messageId)?.deliveryStatus === 'sent');

    await new Promise((r) => setTimeout(r, 300));
    const widgetTexts = w.events.filter((e) => e.name === 'message').map((e) => e.payload.text as string);
    expect(widgetTexts.some((t) => t.startsWith('Note') || t.startsWith('Whisper'))).toBe(false);
    const resumed = await widget({ visitorToken: w.session.visitorToken });
    expect(resumed.session.messages.map((m) => m.text)).toEqual(['Où en est ma commande ?', 'Elle part demain.']);
  });

  it('relays typing both ways and records read receipts', async () => {
    const team = await agent();
    const w = await widget();
    const ack = await send(w, 'Je tape…');
    const conversationId = ack.message.conversationId;
    w.socket.emit('typing', { isTyping: true });
    expect(await team.next('typing', (e) => e.conversationId === conversationId)).toEqual({ conversationId, isTyping: true });
    team.socket.emit('typing', { conversationId, isTyping: true });
    expect(await w.next('typing')).toEqual({ conversationId, author: { kind: 'agent', name: 'Admin' }, isTyping: true });

    // The agent reads the customer's message: the widget hears it and the message becomes read.
    team.socket.emit('read', { conversationId, seq: ack.message.seq });
    expect(await w.next('read')).toEqual({ conversationId, seq: ack.message.seq });
    await waitFor(async () => (await messages(conversationId)).find((m) => m.id === ack.message.id)?.deliveryStatus === 'read');

    // The visitor reads the reply: agents get message:status read.
    const reply = await api.request<{ messageId: string; seq: number }>('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Lu ?' });
    const live = await w.next('message', (m) => m.id === reply.body.messageId);
    w.socket.emit('read', { seq: live.seq });
    expect(await team.next('message:status', (e) => e.messageId === reply.body.messageId && e.status === 'read')).toEqual({
      conversationId,
      messageId: reply.body.messageId,
      status: 'read',
    });
    await waitFor(async () => (await messages(conversationId)).find((m) => m.id === reply.body.messageId)?.deliveryStatus === 'read');
  });

  it('verifies a signed identify, and keeps a forged one unverified without merging', async () => {
    const w = await widget();
    const forged = await w.ask('identify', { externalId: 'cust-forged', email: 'forged@example.com', name: 'Eve', signature: 'ab'.repeat(32) });
    expect(forged).toEqual({ ok: true, verified: false });
    let customer = (await api.request<any>('GET', `/api/v1/customers/${w.session.customerId}`)).body;
    expect(customer.identities.find((i: any) => i.kind === 'external_id')).toBeUndefined();
    expect(customer.identities.find((i: any) => i.kind === 'email')).toMatchObject({ value: 'forged@example.com', verified: false });
    expect(customer.displayName).toBe('Eve');

    const w2 = await widget();
    const signature = signIdentity(identitySecret, 'cust-7', 'camille@example.com');
    expect(await w2.ask('identify', { externalId: 'cust-7', email: 'camille@example.com', name: 'Camille', signature })).toEqual({ ok: true, verified: true });
    customer = (await api.request<any>('GET', `/api/v1/customers/${w2.session.customerId}`)).body;
    expect(customer.identities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'external_id', scope: channelId, value: 'cust-7', verified: true, provenance: 'signed_identify' }),
        expect.objectContaining({ kind: 'email', value: 'camille@example.com', verified: true }),
      ]),
    );
    // A forged claim on that verified identity merges nothing.
    const impostor = await widget();
    await impostor.ask('identify', {
      externalId: 'cust-7',
      email: 'camille@example.com',
      signature: signIdentity('wrong-secret', 'cust-7', 'camille@example.com'),
    });
    const after = (await api.request<any>('GET', `/api/v1/customers/${impostor.session.customerId}`)).body;
    expect(after.id).toBe(impostor.session.customerId);
    expect(after.mergedInto ?? null).toBeNull();
  });

  it('merges a visitor into the known customer behind a signed identity', async () => {
    const known = await widget();
    const signature = signIdentity(identitySecret, 'cust-42');
    await known.ask('identify', { externalId: 'cust-42', signature });
    const knownConversation = (await send(known, 'Première visite')).message.conversationId;
    await api.request('POST', `/api/v1/conversations/${knownConversation}/status`, { status: 'resolved' });

    // The same person on another device.
    const other = await widget();
    const ack = await send(other, 'Depuis mon téléphone');
    expect(await other.ask('identify', { externalId: 'cust-42', signature })).toEqual({ ok: true, verified: true });
    const session = await other.next('session', (s) => s.customerId === known.session.customerId);
    expect(session.conversation?.id).toBe(ack.message.conversationId);
    const conversation = await api.request<{ customerId: string }>('GET', `/api/v1/conversations/${ack.message.conversationId}`);
    expect(conversation.body.customerId).toBe(known.session.customerId);
    const timeline = await api.request<{ items: any[] }>('GET', `/api/v1/customers/${known.session.customerId}/timeline?limit=200`);
    expect(timeline.body.items.find((e) => e.type === 'customer.merged')).toMatchObject({
      payload: { from: other.session.customerId, into: known.session.customerId },
    });
    expect(timeline.body.items.filter((e) => e.kind === 'message').map((e) => e.text)).toEqual(
      expect.arrayContaining(['Première visite', 'Depuis mon téléphone']),
    );
    // The other device's next message continues the same conversation.
    expect((await send(other, 'Encore moi')).message.conversationId).toBe(ack.message.conversationId);
  });

  it('records the pre-chat form as unverified identities', async () => {
    const w = await widget();
    expect(await w.ask('prechat:submit', { name: 'Léa' })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await w.ask('prechat:submit', { name: 'Léa', email: 'Lea@Example.com' })).toEqual({ ok: true });
    const customer = (await api.request<any>('GET', `/api/v1/customers/${w.session.customerId}`)).body;
    expect(customer.displayName).toBe('Léa');
    expect(customer.identities.find((i: any) => i.kind === 'email')).toMatchObject({ value: 'lea@example.com', verified: false, provenance: 'form' });
    w.socket.emit('context:set', { page: '/panier', cartValue: 189 });
    await waitFor(
      async () => (await api.request<any>('GET', `/api/v1/customers/${w.session.customerId}`)).body.attributes['webchat.context']?.cartValue === 189,
    );
  });

  it('asks for CSAT on resolve, accepts one answer, and puts it on the timeline attributed to the agent', async () => {
    const team = await agent();
    const w = await widget();
    const conversationId = (await send(w, 'Merci de votre aide')).message.conversationId;
    const reply = await api.request<{ messageId: string }>('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Avec plaisir !' });
    await w.next('message', (m) => m.id === reply.body.messageId);
    expect(await w.ask('csat:submit', { conversationId, welcome: 'good', waiting: 'good', answer: 'good' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });

    await api.request('POST', `/api/v1/conversations/${conversationId}/status`, { status: 'resolved' });
    expect(await w.next('conversation:status')).toEqual({ conversationId, status: 'resolved' });
    expect(await w.next('csat:request')).toEqual({ conversationId });
    const resumed = await widget({ visitorToken: w.session.visitorToken });
    expect(resumed.session.csatPending).toBe(conversationId);

    // Another visitor cannot rate it.
    const stranger = await widget();
    expect(await stranger.ask('csat:submit', { conversationId, welcome: 'bad', waiting: 'bad', answer: 'bad' })).toMatchObject({
      ok: false,
      error: { code: 'conversation_not_found' },
    });

    expect(await w.ask('csat:submit', { conversationId, welcome: 'good', waiting: 'neutral', answer: 'good', comment: 'Rapide <b>et</b> efficace' })).toEqual({
      ok: true,
    });
    expect(await w.ask('csat:submit', { conversationId, welcome: 'bad', waiting: 'bad', answer: 'bad' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    expect(await team.next('csat:recorded', (e) => e.conversationId === conversationId)).toMatchObject({
      welcome: 'good',
      waiting: 'neutral',
      answer: 'good',
      comment: 'Rapide <b>et</b> efficace',
      handledBy: { kind: 'agent', id: adminId },
    });
    const timeline = await api.request<{ items: any[] }>('GET', `/api/v1/customers/${w.session.customerId}/timeline?limit=200`);
    expect(timeline.body.items.filter((e) => e.type === 'csat.recorded')).toEqual([
      expect.objectContaining({
        conversationId,
        payload: { welcome: 'good', waiting: 'neutral', answer: 'good', comment: 'Rapide <b>et</b> efficace', handledBy: { kind: 'agent', id: adminId } },
      }),
    ]);
    expect((await widget({ visitorToken: w.session.visitorToken })).session.csatPending).toBeNull();
  });

  it('reports availability: nobody online, then an agent online', async () => {
    const config = async () => (await fetch(`${server.url}/api/v1/widget/${channelId}/config`)).json() as Promise<any>;
    for (const s of open.splice(0)) s.close();
    await waitFor(async () => (await config()).available === false, 5_000);
    expect(await config()).toMatchObject({
      channelId,
      brandName: 'Maison Lumière',
      available: false,
      prechat: { enabled: true, requireEmail: true },
      greeting: { fr: expect.any(String), en: expect.any(String) },
    });
    const team = await agent();
    expect(await team.ask('presence:set', { presence: 'online' })).toMatchObject({ ok: true });
    await waitFor(async () => (await config()).available === true, 5_000);
    team.close();
    await waitFor(async () => (await config()).available === false, 5_000);
  });

  it('serves the config only for web chat channels, with CORS for other sites', async () => {
    const apiChannel = await api.request<{ id: string }>('POST', '/api/v1/channels', {
      type: 'api',
      name: 'Api',
      config: { webhookUrl: 'http://127.0.0.1:9/hook' },
    });
    expect((await fetch(`${server.url}/api/v1/widget/${apiChannel.body.id}/config`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/widget/00000000-0000-7000-8000-000000000000/config`)).status).toBe(404);
    const cors = await fetch(`${server.url}/api/v1/widget/${channelId}/config`, { headers: { origin: 'https://shop.example.com' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(cors.headers.get('access-control-allow-credentials')).toBeNull();
    await expect(widget({}, {}, apiChannel.body.id)).rejects.toMatchObject({ code: 'channel_not_found' });

    const closed = await api.request<{ id: string }>('POST', '/api/v1/channels', {
      type: 'webchat',
      name: 'Closed',
      config: { allowedOrigins: ['https://shop.example.com'] },
    });
    expect((await fetch(`${server.url}/api/v1/widget/${closed.body.id}/config`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/v1/widget/${closed.body.id}/config`, { headers: { origin: 'https://shop.example.com' } })).status).toBe(200);
    await expect(widget({}, { origin: 'https://evil.example' }, closed.body.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await widget({}, { origin: 'https://shop.example.com' }, closed.body.id)).session.visitorToken).toEqual(expect.any(String));
  });

  it('accepts an attachment only with a visitor token of that channel, and only its uploader may send it', async () => {
    const w = await widget();
    const upload = (visitorToken: string | null, channel = channelId, body: Buffer = PNG, type = 'image/png') =>
      fetch(`${server.url}/api/v1/widget/${channel}/attachments?fileName=${encodeURIComponent('../photo<1>.png')}`, {
        method: 'POST',
        headers: { 'content-type': type, ...(visitorToken ? { 'x-visitor-token': visitorToken } : {}) },
        body,
      });
    expect((await upload(null)).status).toBe(401);
    const other = await api.request<{ id: string }>('POST', '/api/v1/channels', { type: 'webchat', name: 'Other site', config: {} });
    const otherVisitor = await widget({}, {}, other.body.id);
    expect((await upload(otherVisitor.session.visitorToken)).status).toBe(401);
    expect((await upload(w.session.visitorToken, channelId, Buffer.from('<html>not a png</html>'))).status).toBe(422);
    expect((await upload(w.session.visitorToken, channelId, Buffer.from('hello'), 'text/plain')).status).toBe(422);

    const res = await upload(w.session.visitorToken);
    expect(res.status).toBe(201);
    const file = (await res.json()) as { id: string; fileName: string; url: string };
    expect(file.fileName).toBe('photo_1_.png');
    const ack = await w.ask('message:send', { clientMessageId: 'with-file', attachmentIds: [file.id] });
    expect(ack).toMatchObject({
      ok: true,
      message: { blocks: [{ type: 'attachment', attachmentId: file.id, contentType: 'image/png', url: expect.stringContaining('/signed?') }] },
    });
    // The link is absolute on PUBLIC_URL; the test server listens on another port.
    const link = new URL(ack.message.blocks[0].url);
    const download = await fetch(`${server.url}${link.pathname}${link.search}`);
    expect(download.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);

    const thief = await widget();
    expect(await thief.ask('message:send', { clientMessageId: 'steal', attachmentIds: [file.id] })).toMatchObject({
      ok: false,
      error: { code: 'attachment_rejected' },
    });
  });

  it('keeps a message with U+0000 (which PostgreSQL cannot store) with U+FFFD in its place', async () => {
    const w = await widget();
    const ack = await send(w, 'avant\u0000après');
    expect(ack).toMatchObject({ ok: true, message: { text: 'avant\uFFFDaprès' } });
    expect((await messages(ack.message.conversationId)).map((m) => m.text)).toEqual(['avant\uFFFDaprès']);
  });

  it('limits messages and uploads per visitor, whatever number of sockets they open', async () => {
    const first = await widget();
    const second = await widget({ visitorToken: first.session.visitorToken });
    expect(second.session.customerId).toBe(first.session.customerId);
    // 30 messages per 10 s for the visitor, shared by both sockets.
    const acks = [];
    for (let i = 0; i < 30; i++) acks.push(await send(i % 2 ? second : first, `flot ${i}`));
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(await send(second, 'un de trop')).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await send(first, 'encore un')).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // Every accepted message is stored, nothing refused is; another visitor is not affected.
    const texts = (await messages(acks[0].message.conversationId)).map((m) => m.text);
    expect(texts.filter((t) => t.startsWith('flot '))).toHaveLength(30);
    expect(texts).not.toContain('un de trop');
    expect(await send(await widget(), 'Bonjour')).toMatchObject({ ok: true });

    const upload = (visitorToken: string) =>
      fetch(`${server.url}/api/v1/widget/${channelId}/attachments?fileName=photo.png`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', 'x-visitor-token': visitorToken },
        body: PNG,
      });
    for (let i = 0; i < 10; i++) expect((await upload(first.session.visitorToken)).status).toBe(201);
    const refused = await upload(first.session.visitorToken);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const other = await widget();
    expect((await upload(other.session.visitorToken)).status).toBe(201);
  });

  it('authenticates agent sockets by API token or session cookie from our own origin only', async () => {
    await expect(connectAgent(server.url, {})).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(connectAgent(server.url, { token: 'prly_nope' })).rejects.toMatchObject({ code: 'unauthenticated' });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const viaCookie = await connectAgent(server.url, { cookie, origin: server.url });
    open.push(viaCookie);
    expect(await viaCookie.ask('presence:set', { presence: 'away' })).toMatchObject({ ok: true });
    await expect(connectAgent(server.url, { cookie, origin: 'https://evil.example' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('serves the demo page without inline scripts, and says clearly when a bundle is not built', async () => {
    const demo = await fetch(`${server.url}/demo?lang=en`);
    expect(demo.status).toBe(200);
    const html = await demo.text();
    expect(html).toContain('Maison Lumière');
    expect(html).toMatch(/<script src="\/widget\.js" async data-parley-channel="[0-9a-f-]{36}" data-parley-locale="en"/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const csp = demo.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self' ws: wss:/);
    const demoChannel = /data-parley-channel="([^"]+)"/.exec(html)?.[1];
    expect((await fetch(`${server.url}/api/v1/widget/${demoChannel}/config`)).status).toBe(200);
    for (const path of ['/widget.js', '/app', '/app/conversations/123']) {
      const res = await fetch(`${server.url}${path}`);
      expect([200, 503], path).toContain(res.status);
      if (res.status === 503) expect(await res.text()).toContain('not built yet');
    }
  });
});
