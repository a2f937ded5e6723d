import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, waitFor } from './support/test-server.js';
import { reroute } from './support/emulators/emulator-http.js';
import { startTwilioEmulator } from './support/emulators/twilio-emulator.js';

// The virtual agent over SMS, through the Twilio emulator: a bot's choice leaves as a numbered
// list, the customer answers with a number, and the order-tracking scenario runs to its answer
// as plain SMS text. Then the bot's stats count the conversation as contained once resolved.
const PUBLIC_URL = 'https://parley.example.test';
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abc0b1';
const AUTH_TOKEN = 'twilio-auth-token-bot-sms-0123456789';
const FROM_NUMBER = '+33757000042';
const PHONE = '+33612340042';

describe('virtual agent over SMS (Twilio emulator)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let twilio: Awaited<ReturnType<typeof startTwilioEmulator>>;
  let channelId: string;
  let botId: string;
  let hook: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL } });
    admin = new ApiClient(server.url);
    await admin.login();
    twilio = await startTwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, route: reroute(PUBLIC_URL, server.url) });
    const created = await admin.request('POST', '/api/v1/channels', {
      type: 'twilio_sms',
      name: 'SMS bot',
      config: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: FROM_NUMBER, apiBaseUrl: twilio.url },
    });
    expect(created.status).toBe(201);
    channelId = created.body.id;
    hook = `${PUBLIC_URL}/webhooks/twilio/${channelId}`;

    // Lumi, with a choice in front of its order-tracking scenario: "how do you want to track it?"
    const lumi = (await admin.request('GET', '/api/v1/bots')).body.items.find((b: { name: string }) => b.name === 'Lumi');
    const definition = structuredClone(lumi.definition);
    const scenario = definition.scenarios.find((s: { id: string }) => s.id === 'order_tracking');
    scenario.steps.unshift({
      id: 'how',
      type: 'choice',
      slot: 'trackBy',
      prompt: { fr: 'Comment souhaitez-vous suivre votre commande ?', en: 'How would you like to track your order?' },
      options: [
        { id: 'by_email', label: { fr: 'Recevoir le lien de suivi par e-mail', en: 'Get the tracking link by email' }, next: 'email_link' },
        { id: 'by_number', label: { fr: 'Avec mon numéro de commande', en: 'With my order number' }, next: 'ask_ref' },
      ],
    });
    scenario.steps.push({ id: 'email_link', type: 'message', variants: [{ fr: 'Le lien de suivi vous a été envoyé par e-mail.', en: 'The tracking link was sent by email.' }] });
    const imported = await admin.request('POST', '/api/v1/bots?publish=true', { ...definition, name: 'Lumi SMS' });
    expect(imported.status).toBe(201);
    botId = imported.body.id;
    expect((await admin.request('PATCH', `/api/v1/channels/${channelId}`, { botId })).status).toBe(200);
  });

  afterAll(async () => {
    await twilio?.close();
    await server?.close();
  });

  const smsTo = (phone: string) => twilio.sent.filter((s) => s.to === phone).map((s) => s.body);

  it('sends the choice as a numbered list, takes "2" as the second option, then tracks CMD-10042 by SMS', async () => {
    await twilio.inbound(hook, { from: PHONE, to: FROM_NUMBER, body: 'Bonjour, où en est ma commande ?', messageSid: 'SMbot0001' });
    const menu = await waitFor(() => smsTo(PHONE).find((b) => b.startsWith('Comment souhaitez-vous suivre')));
    expect(menu).toBe('Comment souhaitez-vous suivre votre commande ?\n1. Recevoir le lien de suivi par e-mail\n2. Avec mon numéro de commande');
    expect(smsTo(PHONE)[0]).toContain('Je suis Lumi');

    // "2" is the second button: the scenario goes on to the order number, not the e-mail link.
    await twilio.inbound(hook, { from: PHONE, to: FROM_NUMBER, body: '2', messageSid: 'SMbot0002' });
    const asked = await waitFor(() => smsTo(PHONE).find((b) => b.includes('numéro de commande ?')));
    expect(asked).toContain('CMD-10042');
    expect(smsTo(PHONE).some((b) => b.includes('lien de suivi vous a été envoyé'))).toBe(false);

    await twilio.inbound(hook, { from: PHONE, to: FROM_NUMBER, body: 'CMD-10042', messageSid: 'SMbot0003' });
    const status = await waitFor(() => smsTo(PHONE).find((b) => b.includes('CMD-10042 est expédiée')));
    expect(status).toBe('Votre commande CMD-10042 est expédiée. Livraison prévue le 2025-06-12 (Colissimo).');
    // Plain SMS text: no markup, no menu numbers.
    expect(status).not.toMatch(/<|\n1\./);
  });

  it('counts the conversation: contained once resolved without a handoff, no fallback turn', async () => {
    const before = (await admin.request('GET', `/api/v1/bots/${botId}/stats`)).body;
    expect(before).toMatchObject({ botId, conversations: 1, handedOff: 0, contained: 0, turns: 3, fallbackTurns: 0, containmentRate: 0, fallbackRate: 0 });
    expect(before.outcomes).toEqual({ understood: 3 });
    expect(before.channels).toEqual([{ id: channelId, name: 'SMS bot', type: 'twilio_sms' }]);

    const conversations = (await admin.request('GET', '/api/v1/conversations?limit=100')).body.items as Array<{ id: string; channelId: string }>;
    const conversation = conversations.find((c) => c.channelId === channelId);
    expect(conversation).toBeDefined();
    expect((await admin.request('POST', `/api/v1/conversations/${conversation!.id}/status`, { status: 'resolved' })).status).toBe(200);
    const after = await waitFor(async () => {
      const body = (await admin.request('GET', `/api/v1/bots/${botId}/stats`)).body;
      return body.contained === 1 ? body : null;
    });
    expect(after).toMatchObject({ containmentRate: 1, handoffRate: 0 });
    expect((await admin.request('GET', '/api/v1/bots/00000000-0000-4000-8000-000000000000/stats')).status).toBe(404);
  });
});
