import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer, startWebhookReceiver, waitFor } from './support/test-server.js';
import { useSmsConversations } from './support/sms-conversation.js';

// The augmented agent on the demo knowledge base: the procedure checklist (detected, ticked by a
// covering reply, ticked by hand), the wrap-up (disposition codes, drafted summary, timeline
// event) and suggestions adapted to the persona.
describe('assist: checklist, wrap-up and adapted suggestions', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let admin: ApiClient;
  let adminId: string;
  let channel: { id: string; secret: string };
  let conversationId: string;
  let customerId: string;
  let n = 0;

  const inbound = async (externalId: string, name: string, text: string) => {
    const res = await postInbound(server.url, channel.id, channel.secret, { customer: { externalId, name }, message: { id: `m-${++n}`, text } });
    expect(res.status).toBe(202);
    return res.body as { conversationId: string };
  };
  const reply = async (id: string, text: string) => {
    const res = await admin.request('POST', `/api/v1/conversations/${id}/messages`, { text }, { 'idempotency-key': `reply-${++n}` });
    expect(res.status).toBe(201);
    return res.body as { messageId: string };
  };

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startWebhookReceiver();
    admin = new ApiClient(server.url);
    adminId = String(((await admin.login()) as { user: { id: string } }).user.id);
    const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: receiver.url } });
    channel = { id: created.body.id, secret: created.body.secret };
    const first = await inbound('cust-1', 'Camille Durand', 'Bonjour, ma lampe est arrivée cassée, le colis est abîmé. Commande CMD-48213.');
    conversationId = first.conversationId;
    customerId = (await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body.customerId;
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('greets Camille by first name in the inserted text before the first reply, beside the original text', async () => {
    const res = await admin.request('GET', `/api/v1/conversations/${conversationId}/suggestions`);
    expect(res.status).toBe(200);
    const item = res.body.items[0];
    expect(item.adaptedText).toMatch(/^Bonjour Camille, /);
    expect(item.text).not.toMatch(/^Bonjour Camille/);
    expect(item.adaptation).toEqual({ variant: null, trimmed: false, greeting: true });
  });

  it('detects the damaged-parcel procedure and ticks the step a reply covers, saying which message and words', async () => {
    const detected = await admin.request('GET', `/api/v1/conversations/${conversationId}/checklist`);
    expect(detected.status).toBe(200);
    expect(detected.body.checklist).toMatchObject({ title: 'Procédure : colis reçu endommagé', language: 'fr', stored: false });
    expect(detected.body.checklist.steps.map((s: { checked: boolean }) => s.checked)).toEqual([false, false, false, false, false]);

    // A reply that covers nothing ticks nothing.
    await reply(conversationId, 'Je suis vraiment désolé, je regarde cela tout de suite.');
    const covering = await reply(conversationId, "Pouvez-vous m'envoyer votre numéro de commande et des photos du colis et de la lampe ?");
    const ticked = await waitFor(async () => {
      const c = (await admin.request('GET', `/api/v1/conversations/${conversationId}/checklist`)).body.checklist;
      return c?.steps[0]?.checked ? c : null;
    });
    expect(ticked.stored).toBe(true);
    expect(ticked.steps[0]).toMatchObject({ source: 'auto', messageId: covering.messageId, checkedBy: { kind: 'user', id: adminId } });
    expect(ticked.steps[0].matchedTerms).toEqual(expect.arrayContaining(['commande', 'photos', 'colis', 'lampe']));
    expect(ticked.steps.slice(1).some((s: { checked: boolean }) => s.checked)).toBe(false);

    // Once the agent has written, suggestions no longer greet.
    const after = await admin.request('GET', `/api/v1/conversations/${conversationId}/suggestions`);
    expect(after.body.items[0].adaptation.greeting).toBe(false);
  });

  it('lets the agent tick and untick a step by hand, and refuses a step that does not exist', async () => {
    const on = await admin.request('POST', `/api/v1/conversations/${conversationId}/checklist/steps/3`, { checked: true });
    expect(on.status).toBe(200);
    expect(on.body.checklist.steps[2]).toMatchObject({ checked: true, source: 'manual', checkedBy: { kind: 'user', id: adminId }, messageId: null });
    expect(on.body.checklist.steps[0].checked).toBe(true);
    const off = await admin.request('POST', `/api/v1/conversations/${conversationId}/checklist/steps/3`, { checked: false });
    expect(off.body.checklist.steps[2]).toMatchObject({ checked: false, source: null, checkedBy: null });
    const missing = await admin.request('POST', `/api/v1/conversations/${conversationId}/checklist/steps/9`, { checked: true });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('checklist_step_not_found');
  });

  it('has no checklist when the conversation matches no procedure', async () => {
    const other = await inbound('cust-2', 'Jean', 'Quels moyens de paiement acceptez-vous ?');
    const res = await admin.request('GET', `/api/v1/conversations/${other.conversationId}/checklist`);
    expect(res.body.checklist).toBeNull();
    const tick = await admin.request('POST', `/api/v1/conversations/${other.conversationId}/checklist/steps/1`, { checked: true });
    expect(tick.status).toBe(404);
  });

  it('drafts a wrap-up, saves the edited one to the timeline with the agent, and rejects an unknown code', async () => {
    const draft = await admin.request('GET', `/api/v1/conversations/${conversationId}/wrapup`);
    expect(draft.status).toBe(200);
    expect(draft.body.language).toBe('fr');
    expect(draft.body.source).toBe('extractive');
    expect(draft.body.references).toEqual(['CMD-48213']);
    expect(draft.body.summary).toContain('Client : Bonjour, ma lampe est arrivée cassée, le colis est abîmé.');
    expect(draft.body.summary).toMatch(/^Réponse : .*Pouvez-vous m'envoyer votre numéro de commande/m);
    expect(draft.body.dispositions.map((d: { code: string }) => d.code)).toContain('replacement');
    expect(draft.body.dispositions[0].label).toEqual({ fr: 'Demande résolue', en: 'Request resolved' });
    const en = await admin.request('GET', `/api/v1/conversations/${conversationId}/wrapup?language=en`);
    expect(en.body.summary).toContain('References: CMD-48213');

    const summary = `${draft.body.summary}\nLampe renvoyée le jour même.`;
    const saved = await admin.request('POST', `/api/v1/conversations/${conversationId}/wrapup`, { disposition: 'replacement', summary });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ disposition: { code: 'replacement', label: { fr: 'Renvoi ou échange' } }, summary, by: { kind: 'user', id: adminId } });
    const timeline = await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=200`);
    const event = timeline.body.items.find((e: { type?: string }) => e.type === 'conversation.wrapped_up');
    expect(event).toMatchObject({ conversationId, actor: { kind: 'user', id: adminId }, payload: { disposition: 'replacement', summary } });

    const unknown = await admin.request('POST', `/api/v1/conversations/${conversationId}/wrapup`, { disposition: 'nope', summary: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_disposition');
  });

  it('lets an admin set the codes and the persona, and not an agent', async () => {
    const agent = { email: 'agent@test.parley', name: 'Agent Assist', password: 'a long enough password', role: 'agent' };
    expect((await admin.request('POST', '/api/v1/users', agent)).status).toBe(201);
    const agentClient = new ApiClient(server.url);
    await agentClient.login(agent.email, agent.password);
    const refused = await agentClient.request('PUT', '/api/v1/assist/settings', { persona: { tone: 'tu', greetByFirstName: true } });
    expect(refused.status).toBe(403);

    const codes = [{ code: 'vip', label: { fr: 'Client VIP', en: 'VIP customer' } }];
    const duplicate = await admin.request('PUT', '/api/v1/assist/settings', { dispositions: [...codes, ...codes] });
    expect(duplicate.status).toBe(422);
    const set = await admin.request('PUT', '/api/v1/assist/settings', { dispositions: codes, persona: { tone: 'tu', greetByFirstName: true } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ dispositions: codes, persona: { tone: 'tu' }, customised: { dispositions: true, persona: true } });
    expect((await agentClient.request('GET', `/api/v1/conversations/${conversationId}/wrapup`)).body.dispositions).toEqual(codes);

    const fresh = await inbound('cust-3', 'Léa Martin', 'Quels sont les délais de livraison ?');
    const suggestions = await agentClient.request('GET', `/api/v1/conversations/${fresh.conversationId}/suggestions`);
    expect(suggestions.body.items[0].adaptedText).toMatch(/^Salut Léa, /);

    const reset = await admin.request('PUT', '/api/v1/assist/settings', { dispositions: null });
    expect(reset.body.dispositions).toHaveLength(8);
    expect(reset.body.customised).toEqual({ dispositions: false, persona: true });
  });
});

describe('assist: suggestions on an SMS conversation', () => {
  const sms = useSmsConversations();

  it('inserts the article’s short SMS variant and keeps every suggestion within an SMS-sized text', async () => {
    const admin = sms.admin;
    const conversationId = await sms.conversationFrom('+33612345601', 'Bonjour, quels sont les délais de livraison en Belgique ?', 'SMassist0001');
    const res = await admin.request('GET', `/api/v1/conversations/${conversationId}/suggestions`);
    const top = res.body.items[0];
    expect(top.title).toBe('Quels sont les délais de livraison ?');
    expect(top.adaptedText).toBe('Livraison en 2 à 4 jours ouvrés en France (4 à 6 en Belgique et en Suisse).');
    expect(top.adaptation).toEqual({ variant: 'sms', trimmed: false, greeting: false });
    for (const item of res.body.items) expect(item.adaptedText.length).toBeLessThanOrEqual(320);
  });
});
