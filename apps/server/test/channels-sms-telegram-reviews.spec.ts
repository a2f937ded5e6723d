import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Job } from '@parley/kernel';
import { importReviews, type ReviewsImportPayload } from '@parley/use-cases';
import { ApiClient, startTestServer, waitFor } from './support/test-server.js';
import { reroute } from './support/emulators/emulator-http.js';
import { startTwilioEmulator } from './support/emulators/twilio-emulator.js';
import { startTelegramEmulator } from './support/emulators/telegram-emulator.js';
import { startGoogleReviewsEmulator } from './support/emulators/google-reviews-emulator.js';

// The public URL providers call and sign; the emulators reroute it to the test server.
const PUBLIC_URL = 'https://parley.example.test';
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'twilio-auth-token-0123456789';
const FROM_NUMBER = '+33757000001';
const BOT_TOKEN = '7654321:AAH-emulated-bot-token_0123456789';
const SECRET_TOKEN = 'telegram-secret-token-0123456789';
const GOOGLE_TOKEN = 'ya29.emulated-google-access-token';

describe('SMS (Twilio), Telegram and Google reviews', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let twilio: Awaited<ReturnType<typeof startTwilioEmulator>>;
  let telegram: Awaited<ReturnType<typeof startTelegramEmulator>>;
  let google: Awaited<ReturnType<typeof startGoogleReviewsEmulator>>;

  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL } });
    admin = new ApiClient(server.url);
    await admin.login();
    const route = reroute(PUBLIC_URL, server.url);
    twilio = await startTwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, route });
    telegram = await startTelegramEmulator({ botToken: BOT_TOKEN, secretToken: SECRET_TOKEN, route });
    google = await startGoogleReviewsEmulator({ accountId: '1001', locationId: '2002', accessToken: GOOGLE_TOKEN });
  });

  afterAll(async () => {
    await Promise.all([twilio?.close(), telegram?.close(), google?.close()]);
    await server?.close();
  });

  const messagesOf = async (conversationId: string) => (await admin.request('GET', `/api/v1/conversations/${conversationId}/messages`)).body.items as any[];
  const timelineOf = async (customerId: string) => (await admin.request('GET', `/api/v1/customers/${customerId}/timeline?limit=200`)).body.items as any[];
  const conversationOf = async (id: string) => (await admin.request('GET', `/api/v1/conversations/${id}`)).body;
  /** The conversation holding a stored message with this provider id. */
  const findByText = async (text: string) =>
    waitFor(async () => {
      for (const c of (await admin.request('GET', '/api/v1/conversations?limit=100')).body.items as any[]) {
        const hit = (await messagesOf(c.id)).find((m) => m.text === text);
        if (hit) return { conversationId: c.id as string, customerId: c.customerId as string, message: hit };
      }
      return null;
    });

  describe('SMS through Twilio', () => {
    let channelId: string;
    let hook: string;

    beforeAll(async () => {
      const created = await admin.request('POST', '/api/v1/channels', {
        type: 'twilio_sms',
        name: 'SMS',
        config: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: FROM_NUMBER, apiBaseUrl: twilio.url },
      });
      expect(created.status).toBe(201);
      channelId = created.body.id;
      hook = `${PUBLIC_URL}/webhooks/twilio/${channelId}`;
    });

    it('keeps the auth token out of the public config', async () => {
      const channel = await admin.request('GET', `/api/v1/channels/${channelId}`);
      expect(channel.body.config).toMatchObject({ accountSid: ACCOUNT_SID, fromNumber: FROM_NUMBER });
      expect(JSON.stringify(channel.body)).not.toContain(AUTH_TOKEN);
    });

    it('stores a signed SMS, answers TwiML, refuses a bad signature and ignores a replay', async () => {
      const sms = { from: '+33612345601', to: FROM_NUMBER, body: 'Bonjour, ma commande ?', messageSid: 'SMinbound0001' };
      const first = await twilio.inbound(hook, sms);
      expect(first.status).toBe(200);
      expect(first.contentType).toContain('xml');
      expect(first.body).toContain('<Response>');
      const stored = await findByText('Bonjour, ma commande ?');
      const customer = (await admin.request('GET', `/api/v1/customers/${stored.customerId}`)).body;
      expect(customer.identities).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'phone', value: '+33612345601', verified: true })]));

      const forged = await twilio.inbound(hook, { ...sms, body: 'forged', messageSid: 'SMforged' }, 'bm90IGEgc2lnbmF0dXJl');
      expect(forged.status).toBe(401);
      const replay = await twilio.inbound(hook, sms);
      expect(replay.status).toBe(200);
      const messages = await messagesOf(stored.conversationId);
      expect(messages.filter((m) => m.text === 'Bonjour, ma commande ?')).toHaveLength(1);
      expect(messages.some((m) => m.text === 'forged')).toBe(false);
    });

    it('delivers a reply through the REST API, retries a 503 twice, and records the status callbacks', async () => {
      await twilio.inbound(hook, { from: '+33612345602', to: FROM_NUMBER, body: 'Retry test' });
      const { conversationId } = await findByText('Retry test');
      twilio.failNext(2, 503);
      const before = twilio.sent.length;
      const reply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Elle part demain.' });
      expect(reply.status).toBe(201);
      const message = await waitFor(
        async () => (await messagesOf(conversationId)).find((m) => m.id === reply.body.messageId && m.deliveryStatus === 'sent'),
        30_000,
      );
      expect(message.deliveryStatus).toBe('sent');
      const sent = twilio.sent.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        to: '+33612345602',
        from: FROM_NUMBER,
        body: 'Elle part demain.',
        statusCallback: `${PUBLIC_URL}/webhooks/twilio/${channelId}`,
      });

      expect((await twilio.status(sent[0]!.sid, 'delivered')).status).toBe(200);
      await waitFor(async () => (await messagesOf(conversationId)).find((m) => m.id === reply.body.messageId && m.deliveryStatus === 'delivered'));
      const failedReply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Un autre message' });
      await waitFor(async () => (await messagesOf(conversationId)).find((m) => m.id === failedReply.body.messageId && m.deliveryStatus === 'sent'));
      const sid = twilio.sent.at(-1)!.sid;
      await twilio.status(sid, 'undelivered', { code: '30003' });
      const failed = await waitFor(async () =>
        (await messagesOf(conversationId)).find((m) => m.id === failedReply.body.messageId && m.deliveryStatus === 'failed'),
      );
      expect(failed.deliveryError).toContain('30003');
      expect(failed.deliveryError).toContain('unreachable');
    });

    it('STOP revokes SMS consent on the ledger and the timeline, and a later reply fails with the reason; START grants it back', async () => {
      const phone = '+33612345603';
      await twilio.inbound(hook, { from: phone, to: FROM_NUMBER, body: 'Question avant' });
      const { conversationId, customerId } = await findByText('Question avant');
      await twilio.inbound(hook, { from: phone, to: FROM_NUMBER, body: 'STOP' });
      const consents = await waitFor(async () => {
        const body = (await admin.request('GET', `/api/v1/customers/${customerId}/consents`)).body;
        return body.current?.find((c: any) => c.purpose === 'sms' && c.status === 'revoked') ? body : null;
      });
      expect(consents.current).toEqual(
        expect.arrayContaining([expect.objectContaining({ address: phone, purpose: 'sms', status: 'revoked', source: 'keyword:STOP' })]),
      );
      const timeline = await timelineOf(customerId);
      expect(timeline.some((e) => e.type === 'consent.changed' && e.payload.status === 'revoked')).toBe(true);
      expect(timeline.some((e) => e.kind === 'message' && e.text === 'STOP')).toBe(true);

      const sentBefore = twilio.sent.length;
      const reply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Vous êtes là ?' });
      const refused = await waitFor(async () => (await messagesOf(conversationId)).find((m) => m.id === reply.body.messageId && m.deliveryStatus === 'failed'));
      expect(refused.deliveryError).toMatch(/revoked consent for "sms"/);
      expect(refused.deliveryError).toContain('keyword:STOP');
      expect(twilio.sent.length).toBe(sentBefore);

      await twilio.inbound(hook, { from: phone, to: FROM_NUMBER, body: 'Start' });
      await waitFor(async () => {
        const body = (await admin.request('GET', `/api/v1/customers/${customerId}/consents`)).body;
        return body.current?.find((c: any) => c.purpose === 'sms' && c.status === 'granted' && c.source === 'keyword:START');
      });
      const again = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'De retour !' });
      await waitFor(async () => (await messagesOf(conversationId)).find((m) => m.id === again.body.messageId && m.deliveryStatus === 'sent'));
    });

    it('AIDE gets the French help answer automatically, once, with no routing', async () => {
      const phone = '+33612345604';
      const sms = { from: phone, to: FROM_NUMBER, body: 'Aide', messageSid: 'SMhelp0001' };
      await twilio.inbound(hook, sms);
      await twilio.inbound(hook, sms);
      const { conversationId } = await findByText('Aide');
      const help = await waitFor(() => twilio.sent.find((s) => s.to === phone));
      expect(help.body).toContain('STOP');
      expect(help.body).toMatch(/Service client/);
      const messages = await messagesOf(conversationId);
      expect(messages.filter((m) => m.author.kind === 'system' && m.direction === 'outbound')).toHaveLength(1);
      expect(twilio.sent.filter((s) => s.to === phone)).toHaveLength(1);
      // A keyword is nobody's work: no routing job for it.
      const routeJobs = await sql<{
        n: number;
      }>`select count(*)::int as n from jobs where queue = 'conversation.route' and payload->>'conversationId' = ${conversationId}`.execute(server.database.db);
      expect(routeJobs.rows[0]?.n).toBe(0);
    });

    it('shows buttons as a numbered menu and maps a numeric answer back to the button payload', async () => {
      const phone = '+33612345605';
      await twilio.inbound(hook, { from: phone, to: FROM_NUMBER, body: 'Menu svp' });
      const { conversationId } = await findByText('Menu svp');
      const conversation = await conversationOf(conversationId);
      // A bot's menu, as the bot module will store it: an outbound public message with buttons.
      const menuId = crypto.randomUUID();
      const before = twilio.sent.length;
      await server.context.store.transaction(async (tx) => {
        await tx.conversations.lock(server.workspaceId, conversationId);
        await tx.conversations.appendMessage({
          id: menuId,
          workspaceId: server.workspaceId,
          conversationId,
          channelId: conversation.channelId,
          providerMessageId: null,
          direction: 'outbound',
          author: { kind: 'bot', id: null },
          visibility: 'public',
          content: {
            v: 1,
            blocks: [
              {
                type: 'buttons',
                text: 'Que souhaitez-vous ?',
                buttons: [
                  { id: 'b1', label: 'Suivre ma commande', payload: 'TRACK_ORDER' },
                  { id: 'b2', label: 'Parler à un conseiller', payload: 'HUMAN' },
                ],
              },
            ],
          },
          text: 'Que souhaitez-vous ?',
          deliveryStatus: 'pending',
          createdAt: new Date(),
        });
        await tx.enqueue({
          queue: 'outbound.deliver',
          workspaceId: server.workspaceId,
          payload: { messageId: menuId },
          orderingKey: `conversation:${conversationId}`,
          idempotencyKey: menuId,
          maxAttempts: 3,
        });
      });
      // Buttons leave as a numbered list.
      const menu = await waitFor(() => twilio.sent.slice(before).find((s) => s.to === phone));
      expect(menu.body).toBe('Que souhaitez-vous ?\n1. Suivre ma commande\n2. Parler à un conseiller');
      await twilio.inbound(hook, { from: phone, to: FROM_NUMBER, body: '2' });
      const answer = await waitFor(async () => (await messagesOf(conversationId)).find((m) => m.text === '2'));
      expect(answer.content.blocks).toEqual(expect.arrayContaining([{ type: 'payload', payload: 'HUMAN' }]));
    });
  });

  describe('Telegram', () => {
    let channelId: string;
    let hook: string;
    const userId = 55_501;

    beforeAll(async () => {
      const created = await admin.request('POST', '/api/v1/channels', {
        type: 'telegram',
        name: 'Telegram',
        config: { botToken: BOT_TOKEN, secretToken: SECRET_TOKEN, apiBaseUrl: telegram.url },
      });
      expect(created.status).toBe(201);
      channelId = created.body.id;
      hook = `${PUBLIC_URL}/webhooks/telegram/${channelId}`;
      expect(JSON.stringify(created.body)).not.toContain(BOT_TOKEN.split(':')[1]);
    });

    it('stores an update with the secret token, refuses a wrong one, dedupes a redelivery, and keeps photos as file ids', async () => {
      const first = await telegram.message(hook, userId, 'Salut depuis Telegram', { updateId: 9001, messageId: 77 });
      expect(first.status).toBe(200);
      const stored = await findByText('Salut depuis Telegram');
      const customer = (await admin.request('GET', `/api/v1/customers/${stored.customerId}`)).body;
      expect(customer.identities).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'telegram_id', value: String(userId), scope: 'telegram:7654321' })]),
      );
      expect((await telegram.message(hook, userId, 'forged', { secret: 'wrong-secret-token-000000' })).status).toBe(401);
      await telegram.message(hook, userId, 'Salut depuis Telegram', { updateId: 9001, messageId: 77 });
      const messages = await messagesOf(stored.conversationId);
      expect(messages.filter((m) => m.text === 'Salut depuis Telegram')).toHaveLength(1);
      expect(messages.some((m) => m.text === 'forged')).toBe(false);

      await telegram.photo(hook, userId, 'Le colis abîmé');
      const photo = await waitFor(async () => (await messagesOf(stored.conversationId)).find((m) => m.text === 'Le colis abîmé'));
      expect(photo.content.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'attachment', contentType: 'image/jpeg' })]));
    });

    it('sends replies with sendMessage, buttons as an inline keyboard, and a press comes back as the payload and is answered', async () => {
      const { conversationId } = await findByText('Salut depuis Telegram');
      const reply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Bonjour Chloé !' });
      await waitFor(async () => (await messagesOf(conversationId)).find((m) => m.id === reply.body.messageId && m.deliveryStatus === 'sent'));
      expect(telegram.calls.find((c) => c.method === 'sendMessage' && c.params.text === 'Bonjour Chloé !')?.params.chat_id).toBe(String(userId));

      // A bot menu with one long payload (over Telegram's 64-byte callback_data).
      const conversation = await conversationOf(conversationId);
      const longPayload = `ORDER_STATUS:${'x'.repeat(80)}`;
      const menuId = crypto.randomUUID();
      await server.context.store.transaction(async (tx) => {
        await tx.conversations.lock(server.workspaceId, conversationId);
        await tx.conversations.appendMessage({
          id: menuId,
          workspaceId: server.workspaceId,
          conversationId,
          channelId: conversation.channelId,
          providerMessageId: null,
          direction: 'outbound',
          author: { kind: 'bot', id: null },
          visibility: 'public',
          content: {
            v: 1,
            blocks: [
              {
                type: 'buttons',
                text: 'Votre choix ?',
                buttons: [
                  { id: 'a', label: 'Oui', payload: 'YES' },
                  { id: 'b', label: 'Statut', payload: longPayload },
                ],
              },
            ],
          },
          text: 'Votre choix ?',
          deliveryStatus: 'pending',
          createdAt: new Date(),
        });
        await tx.enqueue({
          queue: 'outbound.deliver',
          workspaceId: server.workspaceId,
          payload: { messageId: menuId },
          orderingKey: `conversation:${conversationId}`,
          idempotencyKey: menuId,
          maxAttempts: 3,
        });
      });
      const keyboardCall = await waitFor(() => telegram.calls.find((c) => c.method === 'sendMessage' && c.params.text === 'Votre choix ?'));
      expect(keyboardCall.params.reply_markup).toEqual({
        inline_keyboard: [[{ text: 'Oui', callback_data: 'YES' }], [{ text: 'Statut', callback_data: '#2' }]],
      });

      await telegram.press(hook, userId, 'YES', 1001);
      await telegram.press(hook, userId, '#2', 1001);
      const presses = await waitFor(async () => {
        const payloads = (await messagesOf(conversationId)).flatMap((m) =>
          m.content.blocks.filter((b: any) => b.type === 'payload').map((b: any) => b.payload),
        );
        return payloads.includes('YES') && payloads.includes(longPayload) ? payloads : null;
      });
      expect(presses).toEqual(expect.arrayContaining(['YES', longPayload]));
      expect(telegram.calls.filter((c) => c.method === 'answerCallbackQuery' && c.viaWebhookResponse)).toHaveLength(2);
    });
  });

  describe('Google reviews', () => {
    let channelId: string;
    let agent: ApiClient;

    const runImport = (id: string) =>
      importReviews(server.context.useCases, {
        id: crypto.randomUUID(),
        queue: 'reviews.import',
        workspaceId: server.workspaceId,
        payload: { channelId: id },
        attempt: 1,
        maxAttempts: 3,
        orderingKey: null,
        idempotencyKey: null,
        createdAt: new Date(),
      } satisfies Job<ReviewsImportPayload>);

    beforeAll(async () => {
      google.add({ reviewId: 'rev-1', displayName: 'Jean Dupont', stars: 'TWO', comment: 'Livraison en retard.', at: '2026-11-01T10:00:00Z' });
      google.add({ reviewId: 'rev-2', displayName: 'Ana Lima', stars: 'FIVE', comment: 'Parfait !', at: '2026-11-02T10:00:00Z' });
      const created = await admin.request('POST', '/api/v1/channels', {
        type: 'google_reviews',
        name: 'Avis Google',
        config: { accountId: '1001', locationId: '2002', accessToken: GOOGLE_TOKEN, apiBaseUrl: google.url, requireApproval: true },
      });
      expect(created.status).toBe(201);
      channelId = created.body.id;
      expect(JSON.stringify(created.body)).not.toContain(GOOGLE_TOKEN);
      const email = 'agent.reviews@test.parley';
      await admin.request('POST', '/api/v1/users', { email, name: 'Agent Avis', password: 'a long enough password', role: 'agent' });
      agent = new ApiClient(server.url);
      await agent.login(email, 'a long enough password');
    });

    it('imports each review once as a conversation (the job enqueued at creation), and an edit as a new message', async () => {
      const first = await findByText('★★☆☆☆ 2/5\nLivraison en retard.');
      await findByText('★★★★★ 5/5\nParfait !');
      const customer = (await admin.request('GET', `/api/v1/customers/${first.customerId}`)).body;
      expect(customer.displayName).toBe('Jean Dupont');
      expect(first.message.content.blocks).toEqual(expect.arrayContaining([{ type: 'payload', payload: 'review:stars=2' }]));

      await runImport(channelId);
      await runImport(channelId);
      expect((await messagesOf(first.conversationId)).filter((m) => m.direction === 'inbound')).toHaveLength(1);

      google.edit('rev-1', { stars: 'THREE', comment: 'Livraison en retard, mais bon service.', at: '2026-11-03T10:00:00Z' });
      await runImport(channelId);
      const inbound = (await messagesOf(first.conversationId)).filter((m) => m.direction === 'inbound');
      expect(inbound.map((m) => m.text)).toEqual(['★★☆☆☆ 2/5\nLivraison en retard.', '★★★☆☆ 3/5\nLivraison en retard, mais bon service.']);
    });

    it('holds a public reply for approval: an agent cannot approve, a supervisor approves, then it is published', async () => {
      const { conversationId, customerId } = await findByText('★★★★★ 5/5\nParfait !');
      const reply = await agent.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Merci beaucoup Ana !' });
      expect(reply.status).toBe(201);
      expect(reply.body.deliveryStatus).toBe('pending_approval');
      await new Promise((r) => setTimeout(r, 500));
      expect(google.replies).toHaveLength(0);

      expect((await agent.request('POST', `/api/v1/messages/${reply.body.messageId}/approve`, {})).status).toBe(403);
      const approved = await admin.request('POST', `/api/v1/messages/${reply.body.messageId}/approve`, {});
      expect(approved.status).toBe(200);
      expect(approved.body.deliveryStatus).toBe('pending');
      expect((await admin.request('POST', `/api/v1/messages/${reply.body.messageId}/approve`, {})).status).toBe(409);
      await waitFor(async () => (await messagesOf(conversationId)).find((m) => m.id === reply.body.messageId && m.deliveryStatus === 'sent'));
      expect(google.replies).toEqual([{ reviewId: 'rev-2', comment: 'Merci beaucoup Ana !' }]);
      const timeline = await timelineOf(customerId);
      expect(timeline.map((e) => e.type).filter(Boolean)).toEqual(
        expect.arrayContaining(['message.approval_requested', 'message.approved', 'message.delivery_updated']),
      );
    });

    it('a rejected reply is never published and keeps the note', async () => {
      const { conversationId } = await findByText('★★★☆☆ 3/5\nLivraison en retard, mais bon service.');
      const reply = await agent.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Ce n’est pas notre faute.' });
      const rejected = await admin.request('POST', `/api/v1/messages/${reply.body.messageId}/reject`, { note: 'Ton à revoir' });
      expect(rejected.status).toBe(200);
      const message = (await messagesOf(conversationId)).find((m) => m.id === reply.body.messageId);
      expect(message).toMatchObject({ deliveryStatus: 'rejected', deliveryError: 'Rejected by a supervisor: Ton à revoir' });
      expect(google.replies.some((r) => r.reviewId === 'rev-1')).toBe(false);
    });
  });
});
