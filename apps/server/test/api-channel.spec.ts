import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '@parley/kernel';
import { ApiClient, postInbound, startTestServer, startWebhookReceiver, waitFor } from './support/test-server.js';

describe('API channel: inbound, replies, delivery', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let admin: ApiClient;
  let channel: { id: string; secret: string };
  let failuresLeft = 2;

  beforeAll(async () => {
    server = await startTestServer({ env: { PARLEY_JOB_CONCURRENCY: '2' } });
    // The integrator's endpoint fails twice (HTTP 500) before it recovers.
    receiver = await startWebhookReceiver(() => (failuresLeft-- > 0 ? 500 : 200));
    admin = new ApiClient(server.url);
    await admin.login();
    const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: receiver.url } });
    expect(created.status).toBe(201);
    channel = { id: created.body.id, secret: created.body.secret };
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('stores a signed inbound message and answers 202 with ids', async () => {
    const res = await postInbound(server.url, channel.id, channel.secret, {
      customer: { externalId: 'cust-1', name: 'Camille', email: 'Camille@Example.com', phone: '06 12 34 56 78' },
      message: { id: 'm-1', text: 'Bonjour, où est ma commande ?' },
    });
    expect(res.status).toBe(202);
    expect(res.body.duplicate).toBe(false);
    const conversation = await admin.request('GET', `/api/v1/conversations/${res.body.conversationId}`);
    expect(conversation.body.status).toBe('open');
    const customer = await admin.request('GET', `/api/v1/customers/${conversation.body.customerId}`);
    expect(customer.body.displayName).toBe('Camille');
    const kinds = customer.body.identities.map((i: { kind: string; value: string; verified: boolean }) => `${i.kind}:${i.value}:${i.verified}`);
    expect(kinds).toEqual(expect.arrayContaining([`external_id:cust-1:true`, 'email:camille@example.com:false', 'phone:+33612345678:false']));
  });

  it('treats a replayed provider message id as the same message', async () => {
    const body = { customer: { externalId: 'cust-2' }, message: { id: 'm-replay', text: 'hello' } };
    const first = await postInbound(server.url, channel.id, channel.secret, body);
    const again = await postInbound(server.url, channel.id, channel.secret, body);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ conversationId: first.body.conversationId, messageId: first.body.messageId, duplicate: true });
    const messages = await admin.request('GET', `/api/v1/conversations/${first.body.conversationId}/messages`);
    expect(messages.body.items).toHaveLength(1);
  });

  it('rejects a bad signature with 401 and stores nothing', async () => {
    const before = await admin.request('GET', '/api/v1/conversations?limit=200');
    const res = await postInbound(
      server.url,
      channel.id,
      channel.secret,
      { customer: { externalId: 'intruder' }, message: { id: 'x-1', text: 'hi' } },
      'sha256=' + '0'.repeat(64),
    );
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_signature');
    const after = await admin.request('GET', '/api/v1/conversations?limit=200');
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('answers bad input with a 4xx and a catalogue code', async () => {
    const missingText = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'c' }, message: { id: 'x' } });
    expect(missingText.status).toBe(422);
    expect(missingText.body.error.code).toBe('validation_failed');
    const unknownField = await postInbound(server.url, channel.id, channel.secret, {
      customer: { externalId: 'c' },
      message: { id: 'x', text: 'a' },
      extra: 1,
    });
    expect(unknownField.status).toBe(422);
    const unknownChannel = await postInbound(server.url, '00000000-0000-7000-8000-000000000000', channel.secret, {
      customer: { externalId: 'c' },
      message: { id: 'x', text: 'a' },
    });
    expect(unknownChannel.status).toBe(404);
    const malformed = await fetch(`${server.url}/api/v1/channels/${channel.id}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"customer":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
    const huge = await fetch(`${server.url}/api/v1/channels/${channel.id}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(2_000_000) }),
    });
    expect(huge.status).toBe(413);
    const badId = await admin.request('GET', '/api/v1/conversations/not-a-uuid');
    expect(badId.status).toBe(422);
  });

  it('answers a NUL character (U+0000) in any JSON string with 422, not a database error, and stores nothing', async () => {
    const before = await admin.request('GET', '/api/v1/conversations?limit=200');
    const cases: Array<[unknown, string]> = [
      [{ customer: { externalId: 'nul-1' }, message: { id: 'nul-m1', text: 'a\u0000b' } }, '/message/text'],
      [{ customer: { externalId: 'nul-2', name: 'Zoé\u0000' }, message: { id: 'nul-m2', text: 'hi' } }, '/customer/name'],
      [{ customer: { externalId: 'nul-3\u0000' }, message: { id: 'nul-m3', text: 'hi' } }, '/customer/externalId'],
      [{ customer: { externalId: 'nul-4' }, message: { id: '\u0000nul-m4', text: 'hi' } }, '/message/id'],
    ];
    for (const [body, path] of cases) {
      const res = await postInbound(server.url, channel.id, channel.secret, body);
      expect(res.status, path).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path }] });
    }
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin\u0000@test.parley', password: 'x' }),
    });
    expect(login.status).toBe(422);
    const after = await admin.request('GET', '/api/v1/conversations?limit=200');
    expect(after.body.items.length).toBe(before.body.items.length);
    // In the URL too: a %00 in a query or a path is bad input.
    for (const path of ['/help/parley/search?q=a%00b', '/api/v1/kb/articles?q=%00', '/api/v1/customers/%00']) {
      const res = await admin.fetchRaw(path);
      expect(res.status, path).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('validation_failed');
    }
    // A backslash followed by "u0000" is ordinary text.
    const literal = await postInbound(server.url, channel.id, channel.secret, {
      customer: { externalId: 'nul-5' },
      message: { id: 'nul-m5', text: 'C:\\u0000' },
    });
    expect(literal.status).toBe(202);
  });

  it('delivers an agent reply to the webhook, signed, retried with the same delivery id until 2xx', async () => {
    const inbound = await postInbound(server.url, channel.id, channel.secret, {
      customer: { externalId: 'cust-3' },
      message: { id: 'm-3', text: 'Can I get a refund?' },
    });
    const reply = await admin.request(
      'POST',
      `/api/v1/conversations/${inbound.body.conversationId}/messages`,
      { text: 'Of course, here is how.' },
      { 'idempotency-key': 'reply-1' },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.deliveryStatus).toBe('pending');
    const retried = await admin.request(
      'POST',
      `/api/v1/conversations/${inbound.body.conversationId}/messages`,
      { text: 'Of course, here is how.' },
      { 'idempotency-key': 'reply-1' },
    );
    expect(retried.body.messageId).toBe(reply.body.messageId);

    // Two failures, then success; backoff starts at 1 s.
    await waitFor(() => receiver.hits.length >= 3, 30_000);
    const deliveries = receiver.hits.filter((h) => h.body.message.id === reply.body.messageId);
    expect(deliveries).toHaveLength(3);
    expect(new Set(deliveries.map((d) => d.headers['x-parley-delivery'])).size).toBe(1);
    for (const d of deliveries) expect(verifySignature(channel.secret, d.rawBody, d.headers['x-parley-signature'] as string)).toBe(true);
    expect(deliveries[0]?.body).toMatchObject({
      event: 'message.created',
      conversationId: inbound.body.conversationId,
      customer: { externalId: 'cust-3' },
      message: { text: 'Of course, here is how.', author: { kind: 'agent', name: 'Admin' } },
    });

    const sent = await waitFor(async () => {
      const msgs = await admin.request('GET', `/api/v1/conversations/${inbound.body.conversationId}/messages`);
      const m = msgs.body.items.find((x: { id: string }) => x.id === reply.body.messageId);
      return m?.deliveryStatus === 'sent' ? m : null;
    });
    expect(sent.deliveryStatus).toBe('sent');
    const timeline = await admin.request(
      'GET',
      `/api/v1/customers/${(await admin.request('GET', `/api/v1/conversations/${inbound.body.conversationId}`)).body.customerId}/timeline`,
    );
    const updates = timeline.body.items
      .filter((e: { kind: string; type?: string }) => e.type === 'message.delivery_updated')
      .map((e: { payload: { status: string } }) => e.payload.status);
    expect(updates).toEqual(['pending', 'pending', 'sent']);
  });

  it('never delivers internal notes', async () => {
    const inbound = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'cust-4' }, message: { id: 'm-4', text: 'hi' } });
    const hitsBefore = receiver.hits.length;
    const note = await admin.request('POST', `/api/v1/conversations/${inbound.body.conversationId}/messages`, { text: 'VIP, be nice', visibility: 'note' });
    expect(note.status).toBe(201);
    expect(note.body.deliveryStatus).toBe('not_applicable');
    await server.worker?.drain({ timeoutMs: 5000 });
    expect(receiver.hits.length).toBe(hitsBefore);
  });

  it('joins the active conversation, and starts a new one after resolution', async () => {
    const a = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'cust-5' }, message: { id: 'm-5a', text: 'one' } });
    const b = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'cust-5' }, message: { id: 'm-5b', text: 'two' } });
    expect(b.body.conversationId).toBe(a.body.conversationId);
    const resolved = await admin.request('POST', `/api/v1/conversations/${a.body.conversationId}/status`, { status: 'resolved' });
    expect(resolved.body.status).toBe('resolved');
    const c = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'cust-5' }, message: { id: 'm-5c', text: 'three' } });
    expect(c.body.conversationId).not.toBe(a.body.conversationId);
    const bad = await admin.request('POST', `/api/v1/conversations/${a.body.conversationId}/status`, { status: 'snoozed' });
    expect(bad.status).toBe(422);
  });

  it('requires the CSRF token for cookie-authenticated writes', async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@test.parley', password: 'correct horse battery staple' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(login.headers.getSetCookie().find((c) => c.startsWith('parley_session'))).toMatch(/HttpOnly/i);
    const res = await fetch(`${server.url}/api/v1/api-tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(res.status).toBe(403);
  });

  it('accepts API tokens and forgets revoked ones', async () => {
    const created = await admin.request('POST', '/api/v1/api-tokens', { name: 'crm' });
    expect(created.status).toBe(201);
    const viaToken = admin.withToken(created.body.token);
    expect((await viaToken.request('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await admin.request('DELETE', `/api/v1/api-tokens/${created.body.id}`)).status).toBe(204);
    expect((await viaToken.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('rejects a wrong password with 401', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@test.parley', password: 'nope' }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
  });
});
