import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer } from './support/test-server.js';

describe('workspace settings, teams and consents', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
  });
  afterAll(async () => server?.close());

  it('updates the time zone and locale, refusing unknown ones', async () => {
    expect((await admin.request('PATCH', '/api/v1/workspace', { timeZone: 'America/Montreal', locale: 'en' })).body).toMatchObject({ timeZone: 'America/Montreal', locale: 'en' });
    expect((await admin.request('PATCH', '/api/v1/workspace', { timeZone: 'Mars/Olympus' })).status).toBe(422);
    expect((await admin.request('PATCH', '/api/v1/workspace', { locale: 'xx' })).status).toBe(422);
  });

  it('creates teams and manages members', async () => {
    const me = (await admin.request('GET', '/api/v1/auth/me')).body;
    const team = await admin.request('POST', '/api/v1/teams', { name: 'Facturation' });
    expect(team.status).toBe(201);
    expect((await admin.request('POST', '/api/v1/teams', { name: 'facturation' })).status).toBe(409);
    const added = await admin.request('PUT', `/api/v1/teams/${team.body.id}/members/${me.user.id}`);
    expect(added.body.memberIds).toEqual([me.user.id]);
    const removed = await admin.request('DELETE', `/api/v1/teams/${team.body.id}/members/${me.user.id}`);
    expect(removed.body.memberIds).toEqual([]);
  });

  it('keeps a consent ledger whose latest record wins, shown on the timeline', async () => {
    const channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Consents', config: { webhookUrl: 'http://127.0.0.1:9/h' } })).body;
    const inbound = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'c-1', phone: '+33 6 12 34 56 78' }, message: { id: 'c-m1', text: 'hello' } });
    const customerId = (await admin.request('GET', `/api/v1/conversations/${inbound.body.conversationId}`)).body.customerId;
    const base = { addressKind: 'phone', address: '06 12 34 56 78', purpose: 'marketing', source: 'web form' };
    expect((await admin.request('POST', `/api/v1/customers/${customerId}/consents`, { ...base, status: 'granted' })).status).toBe(201);
    expect((await admin.request('POST', `/api/v1/customers/${customerId}/consents`, { ...base, status: 'revoked', source: 'SMS STOP' })).status).toBe(201);
    const consents = (await admin.request('GET', `/api/v1/customers/${customerId}/consents`)).body;
    expect(consents.current).toHaveLength(1);
    expect(consents.current[0]).toMatchObject({ address: '+33612345678', status: 'revoked', source: 'SMS STOP' });
    expect(consents.history.map((c: { status: string }) => c.status)).toEqual(['granted', 'revoked']);
    const timeline = (await admin.request('GET', `/api/v1/customers/${customerId}/timeline`)).body.items;
    expect(timeline.filter((e: { type?: string }) => e.type === 'consent.changed')).toHaveLength(2);
    expect((await admin.request('POST', `/api/v1/customers/${customerId}/consents`, { ...base, address: 'not a phone', status: 'granted' })).status).toBe(422);
  });
});

describe('erasure', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
  });
  afterAll(async () => server?.close());

  it('erases what the customer wrote and who they are, keeps the shape of the story', async () => {
    const channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Erase', config: { webhookUrl: 'http://127.0.0.1:9/h' } })).body;
    const inbound = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'e-1', name: 'Camille Martin', email: 'camille@example.fr' }, message: { id: 'e-m1', text: 'Mon IBAN est FR76…' } });
    await admin.request('POST', `/api/v1/conversations/${inbound.body.conversationId}/messages`, { text: 'Merci, bien reçu', visibility: 'note' });
    const customerId = (await admin.request('GET', `/api/v1/conversations/${inbound.body.conversationId}`)).body.customerId;
    const erased = await admin.request('POST', `/api/v1/customers/${customerId}/erase`);
    expect(erased.body).toEqual({ redactedMessages: 1 });
    const customer = (await admin.request('GET', `/api/v1/customers/${customerId}`)).body;
    expect(customer).toMatchObject({ displayName: null, identities: [] });
    const texts = (await admin.request('GET', `/api/v1/conversations/${inbound.body.conversationId}/messages`)).body.items.map((m: { text: string }) => m.text);
    expect(texts).toEqual(['[erased]', 'Merci, bien reçu']);
    const timeline = (await admin.request('GET', `/api/v1/customers/${customerId}/timeline`)).body.items;
    expect(JSON.stringify(timeline)).not.toMatch(/camille|IBAN/i);
    expect(timeline.at(-1)).toMatchObject({ kind: 'event', type: 'customer.erased' });
    // The same external id writing again is a new, unknown person.
    const again = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: 'e-1' }, message: { id: 'e-m2', text: 'hello again' } });
    expect((await admin.request('GET', `/api/v1/conversations/${again.body.conversationId}`)).body.customerId).not.toBe(customerId);
  });
});
