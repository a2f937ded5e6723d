import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, postInbound, startTestServer, startWebhookReceiver, waitFor } from './support/test-server.js';
import { reroute } from './support/emulators/emulator-http.js';
import { startTwilioEmulator } from './support/emulators/twilio-emulator.js';
import { startProviderSmtp } from './support/mail-servers.js';

// The demo bot's address change over SMS, end to end: the one-time code leaves through the SMS
// channel's delivery job to the Twilio emulator, the test reads it there, types a wrong code and
// then the right one; the address reaches the demo back-office, the end step asks for
// satisfaction as a numbered list and the bot's stats count the answer. Then the bot's secrets:
// write-only, filled into an HTTP action's header and body at call time.
const PUBLIC_URL = 'https://parley.example.test';
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abc0b2';
const AUTH_TOKEN = 'twilio-auth-token-bot-otp-0123456789';
const FROM_NUMBER = '+33757000043';
const PHONE = '+33612340043';

describe('virtual agent: address change after a one-time code, CSAT, secrets', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let twilio: Awaited<ReturnType<typeof startTwilioEmulator>>;
  let channelId: string;
  let botId: string;
  let hook: string;
  let conversationId: string;
  let code: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL, PARLEY_SMTP_PORT: '0' } });
    admin = new ApiClient(server.url);
    await admin.login();
    twilio = await startTwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, route: reroute(PUBLIC_URL, server.url) });
    const created = await admin.request('POST', '/api/v1/channels', {
      type: 'twilio_sms',
      name: 'SMS Lumi',
      config: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: FROM_NUMBER, apiBaseUrl: twilio.url },
    });
    expect(created.status).toBe(201);
    channelId = created.body.id;
    hook = `${PUBLIC_URL}/webhooks/twilio/${channelId}`;
    const lumi = (await admin.request('GET', '/api/v1/bots')).body.items.find((b: { name: string }) => b.name === 'Lumi');
    const imported = await admin.request('POST', '/api/v1/bots?publish=true', { ...lumi.definition, name: 'Lumi OTP' });
    expect(imported.status).toBe(201);
    botId = imported.body.id;
    expect((await admin.request('PATCH', `/api/v1/channels/${channelId}`, { botId })).status).toBe(200);
  });

  it('refuses to publish an OTP step whose channel is not an SMS or email channel of the workspace', async () => {
    const lumi = (await admin.request('GET', '/api/v1/bots')).body.items.find((b: { name: string }) => b.name === 'Lumi');
    const definition = structuredClone(lumi.definition);
    const verify = definition.scenarios.find((s: { id: string }) => s.id === 'address_change').steps.find((s: { id: string }) => s.id === 'verify');
    const webchat = (await admin.request('GET', '/api/v1/channels')).body.items.find((c: { type: string }) => c.type === 'webchat');
    verify.channelId = webchat.id;
    const refused = await admin.request('POST', '/api/v1/bots?publish=true', { ...definition, name: 'Lumi wrong channel' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.issues).toEqual([
      `scenarios.address_change.verify: channel ${webchat.id} is not an sms or email channel of this workspace`,
    ]);
    verify.channelId = channelId;
    const draft = await admin.request('POST', '/api/v1/bots', { ...definition, name: 'Lumi right channel' });
    expect((await admin.request('POST', `/api/v1/bots/${draft.body.id}/publish`)).status).toBe(200);
  });

  afterAll(async () => {
    await twilio?.close();
    await server?.close();
  });

  const smsTo = (phone: string) => twilio.sent.filter((s) => s.to === phone).map((s) => s.body);
  const botTexts = async (id: string): Promise<string[]> => {
    const res = await admin.request('GET', `/api/v1/conversations/${id}/messages?limit=100`);
    return res.body.items.filter((m: { author: { kind: string } }) => m.author.kind === 'bot').map((m: { text: string }) => m.text);
  };
  const say = (body: string, sid: string) => twilio.inbound(hook, { from: PHONE, to: FROM_NUMBER, body, messageSid: sid });

  it('sends the code by SMS through the channel, refuses a wrong code and accepts the right one', async () => {
    await say('Bonjour, je voudrais changer mon adresse de livraison', 'SMotp0001');
    const codeSms = await waitFor(() => smsTo(PHONE).find((b) => /code de vérification est \d{6}/.test(b)));
    code = /est (\d{6})/.exec(codeSms)![1]!;
    expect(codeSms).toBe(`Lumi : votre code de vérification est ${code}. Il expire dans 5 min. Ne le communiquez à personne, pas même à un conseiller.`);
    const told = await waitFor(() => smsTo(PHONE).find((b) => b.startsWith('Pour votre sécurité')));
    expect(told).toBe('Pour votre sécurité, je viens d’envoyer un code à 6 chiffres par SMS (•• •• •• •• 43). Tapez-le ici ; il est valable 5 minutes.');

    const conversations = (await admin.request('GET', '/api/v1/conversations?limit=100')).body.items as Array<{ id: string; channelId: string }>;
    conversationId = conversations.find((c) => c.channelId === channelId)!.id;
    // The code is not a message of the conversation: agents never read it in the transcript.
    expect((await botTexts(conversationId)).join('\n')).not.toContain(code);

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await say(wrong, 'SMotp0002');
    await waitFor(() => smsTo(PHONE).find((b) => b === 'Ce code n’est pas le bon. Il vous reste 2 essai(s).'));
    await say(code, 'SMotp0003');
    await waitFor(() => smsTo(PHONE).find((b) => b.startsWith('Quelle est votre nouvelle adresse')));
    expect(smsTo(PHONE)).toContain('Merci, c’est vérifié.');
    // What the customer typed is stored with bullets: the transcript agents read holds no code.
    const all = (await admin.request('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`)).body.items as Array<{
      text: string;
      author: { kind: string };
    }>;
    const typed = all.filter((m) => m.author.kind === 'customer').map((m) => m.text);
    expect(typed).toEqual(['Bonjour, je voudrais changer mon adresse de livraison', '••••••', '••••••']);
    expect(JSON.stringify(all)).not.toContain(code);
    expect(JSON.stringify(all)).not.toContain(wrong);
  });

  it('sends the new address to the demo back-office, confirms, and asks for satisfaction as a numbered list', async () => {
    await say('12 rue des Lilas, 75011 Paris', 'SMotp0004');
    const confirmed = await waitFor(() => smsTo(PHONE).find((b) => b.startsWith('C’est noté')));
    expect(confirmed).toMatch(/^C’est noté : vos prochaines livraisons iront au 12 rue des Lilas, 75011 Paris \(référence ADR-\d{4}\)\.$/);
    const backOffice = (await admin.request('GET', '/demo/api/address-changes')).body.items as Array<{
      address: string;
      verifiedVia: string;
      reference: string;
    }>;
    expect(backOffice).toContainEqual(expect.objectContaining({ address: '12 rue des Lilas, 75011 Paris', verifiedVia: 'sms' }));

    const csat = await waitFor(() => smsTo(PHONE).find((b) => b.startsWith('Êtes-vous satisfait')));
    expect(csat).toBe('Êtes-vous satisfait de cet échange ?\n1. Satisfait\n2. Moyennement\n3. Pas satisfait');
    await say('1', 'SMotp0005');
    await waitFor(() => smsTo(PHONE).find((b) => b === 'Merci pour votre avis !'));

    const stats = await waitFor(async () => {
      const body = (await admin.request('GET', `/api/v1/bots/${botId}/stats`)).body;
      return body.csat?.responses === 1 ? body : null;
    });
    expect(stats.csat).toEqual({ responses: 1, good: 1, neutral: 0, bad: 0, byScenario: { address_change: { responses: 1, good: 1, neutral: 0, bad: 0 } } });
    expect(stats.handedOff).toBe(0);
  });

  it('records the code’s delivery and the rating on the timeline without the code', async () => {
    const { customerId } = (await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body;
    const timeline = (await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=200`)).body.items as Array<{
      type?: string;
      kind: string;
      payload?: unknown;
    }>;
    const sent = timeline.find((e) => e.type === 'bot.otp_sent');
    expect(sent?.payload).toMatchObject({ botId, via: 'sms', channelId, to: '•• •• •• •• 43', status: 'sent' });
    expect(timeline.find((e) => e.type === 'bot.otp_verified')?.payload).toEqual({ botId, via: 'sms', stepId: 'verify' });
    const rated = timeline.find((e) => e.type === 'csat.recorded');
    expect(rated?.payload).toMatchObject({ answer: 'good', handledBy: { kind: 'bot', id: botId }, scenarioId: 'address_change' });
    // Nowhere on the customer's story: neither the events nor the messages.
    expect(JSON.stringify(timeline)).not.toContain(code);
  });

  it('greets the customer back with the date of the previous conversation', async () => {
    expect((await admin.request('POST', `/api/v1/conversations/${conversationId}/status`, { status: 'resolved' })).status).toBe(200);
    await say('Bonjour, où en est ma commande ?', 'SMotp0006');
    const intro = await waitFor(() => smsTo(PHONE).find((b) => b.includes('Ravi de vous revoir')));
    const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    expect(intro).toContain(`Je suis Lumi`);
    expect(intro).toContain(`Ravi de vous revoir ! Notre dernier échange date du ${day}.`);
  });

  it('keeps bot secrets write-only and fills them into an HTTP action at call time', async () => {
    const receiver = await startWebhookReceiver(() => 200);
    try {
      const api = await admin.request('POST', '/api/v1/channels', {
        type: 'api',
        name: 'Site secrets',
        config: { webhookUrl: 'http://127.0.0.1:9/parley-hook' },
      });
      const lumi = (await admin.request('GET', '/api/v1/bots')).body.items.find((b: { name: string }) => b.name === 'Lumi');
      const definition = structuredClone(lumi.definition);
      const tracking = definition.scenarios.find((s: { id: string }) => s.id === 'order_tracking');
      const lookup = tracking.steps.find((s: { id: string }) => s.id === 'lookup');
      Object.assign(lookup, {
        method: 'POST',
        url: receiver.url,
        headers: { authorization: 'Bearer {{secrets.BACKOFFICE_TOKEN}}', 'content-type': 'application/json' },
      });
      lookup.body = '{"ref":"{{slots.orderRef}}","key":"{{secrets.BACKOFFICE_TOKEN}}"}';
      const bot = (await admin.request('POST', '/api/v1/bots?publish=true', { ...definition, name: 'Lumi secrets' })).body;
      const set = await admin.request('PUT', `/api/v1/bots/${bot.id}/secrets`, { secrets: { BACKOFFICE_TOKEN: 'tok-s3cr3t-value', OTHER: 'x' } });
      expect(set.body).toEqual({ names: ['BACKOFFICE_TOKEN', 'OTHER'] });
      expect((await admin.request('PUT', `/api/v1/bots/${bot.id}/secrets`, { secrets: { OTHER: null } })).body).toEqual({ names: ['BACKOFFICE_TOKEN'] });
      expect((await admin.request('PUT', `/api/v1/bots/${bot.id}/secrets`, { secrets: { 'bad name': 'x' } })).status).toBe(422);
      const read = await admin.request('GET', `/api/v1/bots/${bot.id}`);
      expect(read.body.secretNames).toEqual(['BACKOFFICE_TOKEN']);
      expect(JSON.stringify(read.body)).not.toContain('tok-s3cr3t-value');
      expect(JSON.stringify((await admin.request('GET', `/api/v1/bots/${bot.id}/export`)).body)).not.toContain('tok-s3cr3t-value');
      expect((await admin.request('PATCH', `/api/v1/channels/${api.body.id}`, { botId: bot.id })).status).toBe(200);

      const first = await postInbound(server.url, api.body.id, api.body.secret, {
        customer: { externalId: 's-1' },
        message: { id: 's-1', text: 'où en est ma commande CMD-10042 ?' },
      });
      const hit = await waitFor(() => receiver.hits[0]);
      expect(hit.headers.authorization).toBe('Bearer tok-s3cr3t-value');
      expect(hit.body).toEqual({ ref: 'CMD-10042', key: 'tok-s3cr3t-value' });
      await waitFor(async () => (await botTexts(first.body.conversationId)).length >= 2);
      expect((await botTexts(first.body.conversationId)).join('\n')).not.toContain('tok-s3cr3t-value');

      // This customer has no verified phone or email: the bot says so and hands off.
      const second = await postInbound(server.url, api.body.id, api.body.secret, {
        customer: { externalId: 's-2' },
        message: { id: 's-2', text: 'je voudrais changer mon adresse de livraison' },
      });
      const noAddress = second.body.conversationId as string;
      await waitFor(async () => (await botTexts(noAddress)).some((t) => t.includes('ni numéro de téléphone ni adresse e-mail vérifiés')));
      expect((await botTexts(noAddress)).at(-1)).toBe('Un conseiller va vous aider à changer votre adresse.');
    } finally {
      await receiver.close();
    }
  });

  it('sends the code by email through an email channel when the customer has a verified email and no phone', async () => {
    const provider = await startProviderSmtp();
    try {
      const email = await admin.request('POST', '/api/v1/channels', {
        type: 'email',
        name: 'Support mail',
        config: {
          address: 'support@shop.test',
          displayName: 'Maison Lumière',
          inbound: { mode: 'smtp' },
          outbound: { host: '127.0.0.1', port: provider.port, secure: false, user: 'parley', password: 's3cret' },
        },
      });
      expect(email.status).toBe(201);
      const api = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site mail', config: { webhookUrl: 'http://127.0.0.1:9/parley-hook' } });
      expect((await admin.request('PATCH', `/api/v1/channels/${api.body.id}`, { botId })).status).toBe(200);
      const first = await postInbound(server.url, api.body.id, api.body.secret, { customer: { externalId: 'm-1' }, message: { id: 'm-1', text: 'Bonjour' } });
      const id = first.body.conversationId as string;
      const { customerId } = (await admin.request('GET', `/api/v1/conversations/${id}`)).body;
      // An email the customer proved (as a signed web chat identity would): the only address the code may use.
      await server.context.store.transaction((tx) =>
        tx.customers.addIdentity(server.workspaceId, customerId, {
          kind: 'email',
          raw: 'marie@client.test',
          value: 'marie@client.test',
          scope: '',
          verified: true,
          provenance: 'signed_identify',
        }),
      );
      await waitFor(async () => (await botTexts(id)).length >= 1);
      await postInbound(server.url, api.body.id, api.body.secret, {
        customer: { externalId: 'm-1' },
        message: { id: 'm-2', text: 'je voudrais changer mon adresse de livraison' },
      });
      const mail = await waitFor(() => provider.accepted.find((m) => m.rcptTo.includes('marie@client.test')));
      const mailed = /code de vérification est (\d{6})/.exec(mail.parsed.text ?? '')?.[1];
      expect(mailed).toMatch(/^\d{6}$/);
      await waitFor(async () => (await botTexts(id)).some((t) => t.includes('par e-mail (m•••@client.test)')));
      await postInbound(server.url, api.body.id, api.body.secret, { customer: { externalId: 'm-1' }, message: { id: 'm-3', text: mailed } });
      await waitFor(async () => (await botTexts(id)).some((t) => t.startsWith('Quelle est votre nouvelle adresse')));
    } finally {
      await provider.close();
    }
  });
});
