import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityClaim } from '@parley/domain';
import { receiveInboundMessage } from '@parley/use-cases';
import { ApiClient, postInbound, startTestServer, startWebhookReceiver, waitFor } from './support/test-server.js';

// Identity reconciliation over HTTP: merges as reversible records, the deterministic rule on
// verified identities, suggestions for probable matches, and the agent's channel switch.
describe('customer merges and channel switch', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let hooksA: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let hooksB: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let admin: ApiClient;
  let a: { id: string; secret: string };
  let b: { id: string; secret: string };
  let seq = 0;

  beforeAll(async () => {
    server = await startTestServer();
    hooksA = await startWebhookReceiver();
    hooksB = await startWebhookReceiver();
    admin = new ApiClient(server.url);
    await admin.login();
    const ca = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: hooksA.url } });
    const cb = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'App', config: { webhookUrl: hooksB.url } });
    a = { id: ca.body.id, secret: ca.body.secret };
    b = { id: cb.body.id, secret: cb.body.secret };
  });
  afterAll(async () => {
    await server?.close();
    await hooksA?.close();
    await hooksB?.close();
  });

  /** A message as a channel adapter hands it to the core (the SMS, WhatsApp and email adapters verify phones and addresses). */
  const receive = (channelId: string, identities: Array<Omit<IdentityClaim, 'provenance'>>, text: string, displayName: string | null = null) =>
    receiveInboundMessage(server.context.useCases, {
      workspaceId: server.workspaceId,
      channelId,
      providerMessageId: `p-${++seq}`,
      identities: identities.map((i) => ({ ...i, provenance: 'channel' as const })),
      displayName,
      content: { v: 1, blocks: [{ type: 'text', text }] },
      text,
    });
  const unique = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;
  const get = async (path: string) => (await admin.request('GET', path)).body;
  const withoutMergeEvents = (items: Array<{ type?: string }>) => items.filter((e) => e.type !== 'customer.merged' && e.type !== 'customer.unmerged');

  async function everything(customerId: string) {
    return {
      customer: await get(`/api/v1/customers/${customerId}`),
      timeline: withoutMergeEvents((await get(`/api/v1/customers/${customerId}/timeline?limit=200`)).items),
      consents: await get(`/api/v1/customers/${customerId}/consents`),
      conversations: (await get(`/api/v1/conversations?customerId=${customerId}&limit=200`)).items,
    };
  }

  it('undoes a wrong merge: both customers, identities, consents, conversations and timelines come back exactly', async () => {
    const x = await postInbound(server.url, a.id, a.secret, {
      customer: { externalId: `x-${unique()}`, name: 'Xavier', email: `x-${unique()}@example.com` },
      message: { id: `m-${unique()}`, text: 'Bonjour' },
    });
    const y = await postInbound(server.url, b.id, b.secret, {
      customer: { externalId: `y-${unique()}`, name: 'Yasmine', phone: '06 98 76 54 32' },
      message: { id: `m-${unique()}`, text: 'Salut' },
    });
    const xId = (await get(`/api/v1/conversations/${x.body.conversationId}`)).customerId as string;
    const yId = (await get(`/api/v1/conversations/${y.body.conversationId}`)).customerId as string;
    await admin.request('POST', `/api/v1/customers/${yId}/consents`, {
      addressKind: 'phone',
      address: '+33698765432',
      purpose: 'marketing',
      status: 'granted',
      source: 'form',
    });
    const reply = await admin.request('POST', `/api/v1/conversations/${y.body.conversationId}/messages`, { text: 'Bonjour Yasmine' });
    expect(reply.status).toBe(201);
    await waitFor(async () => (await everything(yId)).timeline.some((e: { type?: string }) => e.type === 'message.delivery_updated'));
    const before = { x: await everything(xId), y: await everything(yId) };

    const merged = await admin.request('POST', `/api/v1/customers/${xId}/merge`, { sourceCustomerId: yId, reason: 'Looked alike' });
    expect(merged.status).toBe(201);
    expect(merged.body).toMatchObject({
      provenance: 'agent',
      sourceCustomerId: yId,
      targetCustomerId: xId,
      moved: { conversationIds: [y.body.conversationId] },
    });
    const during = await get(`/api/v1/customers/${yId}`);
    expect(during.id).toBe(xId);
    expect(during.identities.map((i: { value: string }) => i.value)).toContain('+33698765432');
    const story = (await get(`/api/v1/customers/${xId}/timeline?limit=200`)).items;
    expect(story.filter((e: { kind: string }) => e.kind === 'message').map((e: { text: string }) => e.text)).toEqual(
      expect.arrayContaining(['Bonjour', 'Salut', 'Bonjour Yasmine']),
    );
    expect((await get(`/api/v1/customers/${xId}/merges`)).items).toHaveLength(1);

    const undone = await admin.request('POST', `/api/v1/merges/${merged.body.id}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.undoneAt).not.toBeNull();
    const after = { x: await everything(xId), y: await everything(yId) };
    expect(after).toEqual(before);
    // The story still tells what happened, on both sides.
    for (const id of [xId, yId]) {
      const types = (await get(`/api/v1/customers/${id}/timeline?limit=200`)).items.map((e: { type?: string }) => e.type);
      expect(types).toEqual(expect.arrayContaining(['customer.merged', 'customer.unmerged']));
    }
    const again = await admin.request('POST', `/api/v1/merges/${merged.body.id}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('merge_not_reversible');
    expect((await admin.request('POST', `/api/v1/merges/${xId}/undo`)).status).toBe(404);
  });

  it('merges automatically when one message proves identities two profiles hold verified (phone on SMS, email by mail)', async () => {
    const phone = `+336${String(10_000_000 + (Date.now() % 89_999_999)).slice(0, 8)}`;
    const email = `lea-${unique()}@example.com`;
    const sms = await receive(a.id, [{ kind: 'phone', raw: phone, scope: '', verified: true }], 'Par SMS', 'Léa');
    const mail = await receive(b.id, [{ kind: 'email', raw: email, scope: '', verified: true }], 'Par email', 'Léa Martin');
    expect(mail.customerId).not.toBe(sms.customerId);
    const both = await receive(
      b.id,
      [
        { kind: 'whatsapp', raw: phone, scope: '', verified: true },
        { kind: 'email', raw: email, scope: '', verified: true },
      ],
      'Sur WhatsApp',
    );
    expect(both.customerId).toBe(sms.customerId);
    const customer = await get(`/api/v1/customers/${mail.customerId}`);
    expect(customer.id).toBe(sms.customerId);
    expect(customer.identities.map((i: { kind: string }) => i.kind).sort()).toEqual(['email', 'phone', 'whatsapp']);
    const merges = (await get(`/api/v1/customers/${sms.customerId}/merges`)).items;
    expect(merges).toEqual([
      expect.objectContaining({
        provenance: 'rule',
        sourceCustomerId: mail.customerId,
        targetCustomerId: sms.customerId,
        conflicts: [{ field: 'displayName', targetValue: 'Léa', sourceValue: 'Léa Martin' }],
      }),
    ]);
    expect(merges[0].evidence.identities).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'email', value: email, targetVerified: true, sourceVerified: true })]),
    );
    const story = (await get(`/api/v1/customers/${sms.customerId}/timeline?limit=200`)).items;
    expect(story.filter((e: { kind: string }) => e.kind === 'message').map((e: { text: string }) => e.text)).toEqual(['Par SMS', 'Par email', 'Sur WhatsApp']);
    expect(new Set(story.filter((e: { kind: string }) => e.kind === 'message').map((e: { channelId: string }) => e.channelId))).toEqual(new Set([a.id, b.id]));
  });

  it('never merges on unverified matches: it suggests, with the evidence, and an agent accepts or dismisses', async () => {
    const email = `jean-${unique()}@example.com`;
    const first = await postInbound(server.url, a.id, a.secret, {
      customer: { externalId: `j1-${unique()}`, name: 'Jean Dupont', email },
      message: { id: `m-${unique()}`, text: 'Un' },
    });
    const second = await postInbound(server.url, b.id, b.secret, {
      customer: { externalId: `j2-${unique()}`, name: 'jean  DUPONT', email },
      message: { id: `m-${unique()}`, text: 'Deux' },
    });
    const j1 = (await get(`/api/v1/conversations/${first.body.conversationId}`)).customerId as string;
    const j2 = (await get(`/api/v1/conversations/${second.body.conversationId}`)).customerId as string;
    expect(j1).not.toBe(j2);
    expect((await get(`/api/v1/customers/${j2}`)).id).toBe(j2);
    const suggestions = (await get(`/api/v1/customers/${j2}/merge-suggestions`)).items;
    expect(suggestions).toEqual([
      expect.objectContaining({
        customerIds: [j1, j2].sort(),
        status: 'open',
        score: 0.8,
        evidence: expect.objectContaining({
          identities: [{ kind: 'email', value: email, targetVerified: false, sourceVerified: false }],
          sameDisplayName: true,
        }),
      }),
    ]);
    expect((await get(`/api/v1/customers/${j1}/merge-suggestions`)).items).toHaveLength(1);

    const dismissed = await admin.request('POST', `/api/v1/merge-suggestions/${suggestions[0].id}/dismiss`);
    expect(dismissed.body.status).toBe('dismissed');
    await postInbound(server.url, b.id, b.secret, {
      customer: { externalId: `j2b-${unique()}`, name: 'Jean Dupont', email },
      message: { id: `m-${unique()}`, text: 'Trois' },
    });
    expect((await get(`/api/v1/customers/${j2}/merge-suggestions`)).items).toEqual([]);

    // Another pair, accepted: merged into the older profile, with the suggestion's evidence.
    const phone = '07 11 22 33 44';
    const p1 = await postInbound(server.url, a.id, a.secret, {
      customer: { externalId: `p1-${unique()}`, phone },
      message: { id: `m-${unique()}`, text: 'A' },
    });
    const p2 = await postInbound(server.url, b.id, b.secret, {
      customer: { externalId: `p2-${unique()}`, phone },
      message: { id: `m-${unique()}`, text: 'B' },
    });
    const c1 = (await get(`/api/v1/conversations/${p1.body.conversationId}`)).customerId as string;
    const c2 = (await get(`/api/v1/conversations/${p2.body.conversationId}`)).customerId as string;
    const [open] = (await get(`/api/v1/customers/${c2}/merge-suggestions`)).items;
    const accepted = await admin.request('POST', `/api/v1/merge-suggestions/${open.id}/accept`, { reason: 'Same phone, confirmed' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.merge).toMatchObject({ provenance: 'agent', targetCustomerId: c1, sourceCustomerId: c2, reason: 'Same phone, confirmed' });
    expect((await get(`/api/v1/customers/${c2}`)).id).toBe(c1);
  });

  it('switches a conversation to another channel the customer has, honouring consent', async () => {
    const ext = `w-${unique()}`;
    const email = `w-${unique()}@example.com`;
    // The customer once wrote from the app (channel B), then on the site (channel A): one customer by the verified email.
    const onB = await receive(
      b.id,
      [
        { kind: 'external_id', raw: ext, scope: b.id, verified: true },
        { kind: 'email', raw: email, scope: '', verified: true },
      ],
      'Depuis l’app',
    );
    await admin.request('POST', `/api/v1/conversations/${onB.conversationId}/status`, { status: 'resolved' });
    const onA = await receive(
      a.id,
      [
        { kind: 'external_id', raw: ext, scope: a.id, verified: true },
        { kind: 'email', raw: email, scope: '', verified: true },
      ],
      'Depuis le site',
    );
    expect(onA.customerId).toBe(onB.customerId);
    expect(onA.conversationId).not.toBe(onB.conversationId);

    const options = (await get(`/api/v1/conversations/${onA.conversationId}/reachable-channels`)).items;
    expect(options).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channelId: a.id, current: true }),
        expect.objectContaining({ channelId: b.id, current: false, reachable: true, address: ext }),
      ]),
    );

    await admin.request('POST', `/api/v1/customers/${onA.customerId}/consents`, {
      addressKind: 'external_id',
      address: ext,
      purpose: 'api',
      status: 'revoked',
      source: 'app settings',
    });
    const refused = await admin.request('POST', `/api/v1/conversations/${onA.conversationId}/switch-channel`, { channelId: b.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('consent_revoked');
    const typed = await admin.request('POST', `/api/v1/conversations/${onA.conversationId}/switch-channel`, { channelId: b.id, address: '06 00 00 00 00' });
    expect(typed.status).toBe(422);

    await admin.request('POST', `/api/v1/customers/${onA.customerId}/consents`, {
      addressKind: 'external_id',
      address: ext,
      purpose: 'api',
      status: 'granted',
      source: 'app settings',
    });
    const switched = await admin.request('POST', `/api/v1/conversations/${onA.conversationId}/switch-channel`, { channelId: b.id });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ id: onA.conversationId, channelId: b.id });

    const text = `Suite sur l’app ${unique()}`;
    await admin.request('POST', `/api/v1/conversations/${onA.conversationId}/messages`, { text });
    const hit = await waitFor(() => hooksB.hits.find((h) => h.body?.message?.text === text));
    expect(hit.body).toMatchObject({ conversationId: onA.conversationId, customer: { externalId: ext } });
    expect(hooksA.hits.some((h) => h.body?.message?.text === text)).toBe(false);
    const story = (await get(`/api/v1/customers/${onA.customerId}/timeline?limit=200`)).items;
    expect(story.find((e: { type?: string }) => e.type === 'conversation.channel_switched' && e.payload?.by === 'agent')).toMatchObject({
      conversationId: onA.conversationId,
      payload: { from: a.id, to: b.id, by: 'agent' },
      actor: { kind: 'user' },
    });
  });

  it('refuses a switch to a channel that cannot reach the customer, and a merge of a profile into itself', async () => {
    const lone = await receive(a.id, [{ kind: 'external_id', raw: `l-${unique()}`, scope: a.id, verified: true }], 'Seul');
    const unreachable = await admin.request('POST', `/api/v1/conversations/${lone.conversationId}/switch-channel`, { channelId: b.id });
    expect(unreachable.status).toBe(422);
    expect(unreachable.body.error.code).toBe('customer_unreachable');
    expect((await admin.request('POST', `/api/v1/customers/${lone.customerId}/merge`, { sourceCustomerId: lone.customerId, reason: 'x' })).status).toBe(409);
  });
});
