import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIdentity } from '@parley/channel-webchat';
import { ApiClient, startTestServer, waitFor } from './support/test-server.js';
import { connectWidget, type WidgetClient } from './support/realtime-clients.js';
import { deliverToListener, mxPass, startProviderSmtp } from './support/mail-servers.js';
import { postMetaWebhook, startMetaEmulator, whatsappPayloads } from './support/emulators/meta-emulator.js';
import { startTwilioEmulator } from './support/emulators/twilio-emulator.js';
import { reroute } from './support/emulators/emulator-http.js';

// The story: Camille writes on web chat (signed identification with her email and phone),
// then by email, then on WhatsApp. One customer, one story with three channels; the advisor answers
// on each channel, then continues the conversation by SMS. Her email is proven the way the channel
// proves one: the brand's MX (authserv-id MX) records DMARC and DKIM passes in Authentication-Results.
const MX = 'mx.shop.test';
const PUBLIC_URL = 'https://parley.example.test';
const EMAIL = 'camille.martin@client.test';
const PHONE = '+33612345678';
const WA_ID = '33612345678';
const PHONE_NUMBER_ID = '106540352242922';
const META = { accessToken: 'EAAG-emulated-token', appSecret: 'meta-app-secret-0123456789', verifyToken: 'verify-token-0123456789' };
const TWILIO = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-auth-token-0123456789', fromNumber: '+33757000001' };

interface Msg {
  id: string;
  text: string;
  channelId: string;
  direction: string;
  deliveryStatus: string;
}

describe('one customer, one story across web chat, email, WhatsApp and SMS', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let smtpProvider: Awaited<ReturnType<typeof startProviderSmtp>>;
  let graph: Awaited<ReturnType<typeof startMetaEmulator>>;
  let twilio: Awaited<ReturnType<typeof startTwilioEmulator>>;
  let widget: WidgetClient | null = null;
  const channels: Record<'webchat' | 'email' | 'whatsapp' | 'sms', { id: string; secret?: string }> = {} as never;

  beforeAll(async () => {
    smtpProvider = await startProviderSmtp();
    graph = await startMetaEmulator({ accessToken: META.accessToken });
    server = await startTestServer({ env: { PUBLIC_URL, PARLEY_SMTP_PORT: '0' } });
    twilio = await startTwilioEmulator({ ...TWILIO, route: reroute(PUBLIC_URL, server.url) });
    admin = new ApiClient(server.url);
    await admin.login();
    const create = async (body: unknown) => {
      const res = await admin.request('POST', '/api/v1/channels', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { id: (res.body.channel?.id ?? res.body.id) as string, secret: res.body.secret as string | undefined };
    };
    channels.webchat = await create({ type: 'webchat', name: 'Site', config: { brandName: 'Maison Lumière' } });
    channels.email = await create({
      type: 'email',
      name: 'Support',
      config: {
        address: 'support@shop.test',
        displayName: 'Maison Lumière',
        inbound: { mode: 'smtp', authservId: MX },
        outbound: { host: '127.0.0.1', port: smtpProvider.port, secure: false, user: 'parley', password: 's3cret' },
      },
    });
    channels.whatsapp = await create({ type: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: PHONE_NUMBER_ID, ...META, apiBaseUrl: graph.url } });
    channels.sms = await create({ type: 'twilio_sms', name: 'SMS', config: { ...TWILIO, apiBaseUrl: twilio.url } });
  });

  afterAll(async () => {
    widget?.close();
    await server?.close();
    await Promise.all([smtpProvider?.close(), graph?.close(), twilio?.close()]);
  });

  const messagesOf = async (conversationId: string) =>
    (await admin.request('GET', `/api/v1/conversations/${conversationId}/messages?limit=200`)).body.items as Msg[];
  const reply = async (conversationId: string, text: string) => {
    const res = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.messageId as string;
  };
  const sentOk = (conversationId: string, messageId: string) =>
    waitFor(async () => (await messagesOf(conversationId)).find((m) => m.id === messageId && m.deliveryStatus === 'sent'), 20_000);

  let customerId = '';
  let webchatConversation = '';

  it('web chat: a signed identification makes the email and phone verified', async () => {
    widget = await connectWidget(server.url, { channelId: channels.webchat.id });
    const signature = signIdentity(channels.webchat.secret as string, 'cust-camille', EMAIL, PHONE);
    const identified = await widget.ask<{ ok: boolean; verified: boolean }>('identify', {
      externalId: 'cust-camille',
      email: EMAIL,
      phone: PHONE,
      name: 'Camille Martin',
      signature,
    });
    expect(identified).toMatchObject({ ok: true, verified: true });
    const sent = await widget.ask<{ ok: boolean; message: { conversationId: string } }>('message:send', {
      clientMessageId: 'c-1',
      text: 'Bonjour, je voudrais changer ma lampe Aurore.',
    });
    expect(sent.ok).toBe(true);
    webchatConversation = sent.message.conversationId;
    customerId = (await admin.request('GET', `/api/v1/conversations/${webchatConversation}`)).body.customerId;
    const answer = await reply(webchatConversation, 'Bonjour Camille, bien sûr : quel modèle souhaitez-vous ?');
    await widget.next('message', (m: { id: string }) => m.id === answer);
  });

  it('email from the same address joins the same customer, and the reply goes out by email', async () => {
    await deliverToListener(
      server.email.smtpPort ?? 0,
      {
        from: `Camille Martin <${EMAIL}>`,
        to: 'support@shop.test',
        subject: 'Échange lampe',
        messageId: '<story-1@client.test>',
        text: 'Je vous envoie la facture par mail.',
      },
      mxPass(MX, 'client.test'),
    );
    const conversations = (await admin.request('GET', `/api/v1/conversations?customerId=${customerId}&limit=50`)).body.items as Array<{
      id: string;
      channelId: string;
    }>;
    const withEmail = await waitFor(async () => {
      for (const c of conversations) if ((await messagesOf(c.id)).some((m) => m.channelId === channels.email.id)) return c.id;
      return null;
    });
    const answer = await reply(withEmail, 'Merci, facture bien reçue.');
    await sentOk(withEmail, answer);
    await waitFor(() => smtpProvider.accepted.find((m) => m.rcptTo.includes(EMAIL)));
  });

  it('a forged email from her address (MAIL FROM = From, no pass from the MX) neither becomes her nor joins her story', async () => {
    const ourReply = smtpProvider.accepted.find((m) => m.rcptTo.includes(EMAIL))?.parsed.messageId;
    expect(ourReply).toBeTruthy();
    // Straight to the listener, envelope and header both saying Camille, answering in her thread.
    await deliverToListener(
      server.email.smtpPort ?? 0,
      {
        from: `Camille Martin <${EMAIL}>`,
        to: 'support@shop.test',
        subject: 'Re: Échange lampe',
        messageId: '<forged-1@evil.test>',
        inReplyTo: ourReply,
        references: [ourReply ?? ''],
        text: 'Changement d’adresse de livraison : 1 rue du Faussaire.',
      },
      null,
      { from: EMAIL, to: ['support@shop.test'] },
    );
    const forged = await waitFor(async () => {
      for (const c of (await admin.request('GET', '/api/v1/conversations?limit=50')).body.items as Array<{ id: string; customerId: string }>) {
        if ((await messagesOf(c.id)).some((m) => m.text.includes('rue du Faussaire'))) return c;
      }
      return null;
    });
    expect(forged.customerId).not.toBe(customerId);
    const impostor = (await admin.request('GET', `/api/v1/customers/${forged.customerId}`)).body;
    expect(impostor.identities.some((i: { kind: string; value: string; verified: boolean }) => i.kind === 'email' && i.verified)).toBe(false);
    const story = JSON.stringify((await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=200`)).body.items);
    expect(story).not.toContain('rue du Faussaire');
  });

  it('WhatsApp from the same phone joins the same customer, and the reply goes out on WhatsApp', async () => {
    const hook = `${server.url}/webhooks/whatsapp/${channels.whatsapp.id}`;
    expect(
      (await postMetaWebhook(hook, whatsappPayloads.text(PHONE_NUMBER_ID, WA_ID, 'wamid.story1', 'Et la livraison, c’est pour quand ?'), META.appSecret))
        .status,
    ).toBe(200);
    const found = await waitFor(async () => {
      for (const c of (await admin.request('GET', '/api/v1/conversations?limit=50')).body.items as Array<{ id: string; customerId: string }>) {
        if ((await messagesOf(c.id)).some((m) => m.text === 'Et la livraison, c’est pour quand ?')) return c;
      }
      return null;
    });
    expect((await admin.request('GET', `/api/v1/customers/${found.customerId}`)).body.id).toBe(customerId);
    const answer = await reply(found.id, 'Livraison jeudi entre 9 h et 13 h.');
    await sentOk(found.id, answer);
    expect(graph.sent().some((c) => c.body?.to === WA_ID && c.body?.text?.body === 'Livraison jeudi entre 9 h et 13 h.')).toBe(true);
  });

  it('one story shows the three channels', async () => {
    const customer = (await admin.request('GET', `/api/v1/customers/${customerId}`)).body;
    const kinds = customer.identities.filter((i: { verified: boolean }) => i.verified).map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`);
    expect(kinds).toEqual(expect.arrayContaining([`email:${EMAIL}`, `phone:${PHONE}`]));
    const timeline = (await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=200`)).body.items as Array<{
      kind: string;
      channelId?: string;
      direction?: string;
    }>;
    const inboundChannels = new Set(timeline.filter((e) => e.kind === 'message' && e.direction === 'inbound').map((e) => e.channelId));
    expect(inboundChannels).toEqual(new Set([channels.webchat.id, channels.email.id, channels.whatsapp.id]));
  });

  it('the advisor continues the web chat conversation by SMS', async () => {
    const switched = await admin.request('POST', `/api/v1/conversations/${webchatConversation}/switch-channel`, { channelId: channels.sms.id });
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    const answer = await reply(webchatConversation, 'Je vous confirme l’échange par SMS : votre nouvelle lampe part demain.');
    await sentOk(webchatConversation, answer);
    expect(twilio.sent.some((s) => s.to === PHONE && s.body.includes('votre nouvelle lampe part demain'))).toBe(true);
    const timeline = (await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=200`)).body.items as Array<{
      type?: string;
      payload?: Record<string, unknown>;
    }>;
    expect(timeline.some((e) => e.type === 'conversation.channel_switched' && e.payload?.to === channels.sms.id)).toBe(true);
  });
});
