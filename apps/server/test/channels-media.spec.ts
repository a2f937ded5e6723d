import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, waitFor } from './support/test-server.js';
import { messengerPayloads, postMetaWebhook, startMetaEmulator, whatsappPayloads, type MetaEmulator } from './support/emulators/meta-emulator.js';
import { startTelegramEmulator } from './support/emulators/telegram-emulator.js';
import { fetchInboundMedia, QUEUES } from '@parley/use-cases';

// Inbound media: the webhook stores the message at once; a job then fetches the bytes from the
// provider (WhatsApp media API, Messenger CDN URL, Telegram getFile), checks them with the
// attachment policy and stores them, so agents download them like web chat files.
const TOKEN = 'EAAGmedia-access-token';
const APP_SECRET = 'meta-app-secret-media';
const PHONE_NUMBER_ID = '106540352249999';
const PAGE_ID = '5566778899';
const BOT_TOKEN = '7650001:AAH-emulated-bot-token_media0123';
const SECRET_TOKEN = 'telegram-secret-token-media-0123';
const MAX_BYTES = 4096;

const png = (size: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 7)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 1)]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type Block = { type: string; attachmentId?: string; unavailable?: string; contentType?: string; sizeBytes?: number; fileName?: string };

describe('Inbound media from WhatsApp, Messenger and Telegram', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let graph: MetaEmulator;
  let telegram: Awaited<ReturnType<typeof startTelegramEmulator>>;
  let whatsappId: string;
  let messengerId: string;
  let telegramId: string;

  const stored = (channelId: string, providerMessageId: string) =>
    server.context.store.read.conversations.findMessageByProviderId(channelId, providerMessageId);
  const attachmentOf = async (channelId: string, providerMessageId: string): Promise<Block | undefined> =>
    (await stored(channelId, providerMessageId))?.content.blocks.find((b) => b.type === 'attachment') as Block | undefined;
  /** Waits until the job has decided: the file is stored or marked unavailable. */
  const settled = (channelId: string, providerMessageId: string, timeoutMs = 20_000) =>
    waitFor(async () => {
      const block = await attachmentOf(channelId, providerMessageId);
      return block && (block.attachmentId || block.unavailable) ? block : null;
    }, timeoutMs);
  const download = async (id: string) => {
    const res = await admin.fetchRaw(`/api/v1/attachments/${id}`);
    return { status: res.status, contentType: res.headers.get('content-type'), data: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { PARLEY_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
    graph = await startMetaEmulator({ accessToken: TOKEN });
    telegram = await startTelegramEmulator({ botToken: BOT_TOKEN, secretToken: SECRET_TOKEN, route: (url) => url });
    admin = new ApiClient(server.url);
    await admin.login();
    const secrets = { accessToken: TOKEN, appSecret: APP_SECRET, verifyToken: 'verify-token-media' };
    const wa = await admin.request('POST', '/api/v1/channels', {
      type: 'whatsapp',
      name: 'WA',
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
    const tg = await admin.request('POST', '/api/v1/channels', {
      type: 'telegram',
      name: 'TG',
      config: { botToken: BOT_TOKEN, secretToken: SECRET_TOKEN, apiBaseUrl: telegram.url },
    });
    expect(tg.status, JSON.stringify(tg.body)).toBe(201);
    telegramId = tg.body.id;
  }, 60_000);
  afterAll(async () => {
    await telegram?.close();
    await graph?.close();
    await server?.close();
  });

  it('WhatsApp: fetches the image through the media API with the token, stores it, and serves it to the agent with its type', async () => {
    const image = png(1200);
    graph.addMedia('wa-photo-1', image, 'image/png');
    const res = await postMetaWebhook(
      `${server.url}/webhooks/whatsapp/${whatsappId}`,
      whatsappPayloads.image(PHONE_NUMBER_ID, '33611110001', 'wamid.media1', 'wa-photo-1', 'le colis'),
      APP_SECRET,
    );
    expect(res.status, res.text).toBe(200);
    // The webhook's answer never waited for the download: the message is there, the file may not be yet.
    expect((await stored(whatsappId, 'wamid.media1'))?.text).toContain('le colis');

    const block = await settled(whatsappId, 'wamid.media1');
    expect(block).toMatchObject({ type: 'attachment', contentType: 'image/png', sizeBytes: image.length });
    expect(block.unavailable).toBeUndefined();
    const file = await download(block.attachmentId!);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('image/png');
    expect(file.data.equals(image)).toBe(true);
    // Metadata, then the bytes from the URL it named (both answered 200: the token went with them).
    expect(graph.mediaCalls.filter((c) => c.path.endsWith('wa-photo-1')).map((c) => [c.path.split('/')[1], c.status])).toEqual([
      ['v21.0', 200],
      ['lookaside', 200],
    ]);
  });

  it('refuses an oversize file before downloading it and a disallowed type, marking them unavailable; the messages stay', async () => {
    graph.addMedia('wa-big', png(MAX_BYTES + 1), 'image/png');
    graph.addMedia('wa-html', Buffer.from('<html><script>alert(1)</script></html>'), 'text/html');
    graph.addMedia('wa-fake-pdf', Buffer.from('MZ not a pdf at all'), 'application/pdf');
    const hook = `${server.url}/webhooks/whatsapp/${whatsappId}`;
    for (const body of [
      whatsappPayloads.image(PHONE_NUMBER_ID, '33611110002', 'wamid.big', 'wa-big', 'trop gros'),
      whatsappPayloads.document(PHONE_NUMBER_ID, '33611110002', 'wamid.html', 'wa-html', 'page.html'),
      whatsappPayloads.document(PHONE_NUMBER_ID, '33611110002', 'wamid.fake', 'wa-fake-pdf', 'facture.pdf'),
    ]) {
      const res = await postMetaWebhook(hook, body, APP_SECRET);
      expect(res.status, res.text).toBe(200);
    }
    const big = await settled(whatsappId, 'wamid.big');
    expect(big.attachmentId).toBeUndefined();
    expect(big.unavailable).toContain(`larger than ${MAX_BYTES} bytes`);
    expect(graph.mediaCalls.some((c) => c.path === '/lookaside/wa-big')).toBe(false);
    expect((await stored(whatsappId, 'wamid.big'))?.text).toContain('trop gros');

    const html = await settled(whatsappId, 'wamid.html');
    expect(html.attachmentId).toBeUndefined();
    expect(html.unavailable).toMatch(/not allowed/);
    const fake = await settled(whatsappId, 'wamid.fake');
    expect(fake.attachmentId).toBeUndefined();
    expect(fake.unavailable).toBe('the bytes are not a application/pdf file');

    // The agent's REST view carries the marker.
    const message = await stored(whatsappId, 'wamid.html');
    const page = await admin.request('GET', `/api/v1/conversations/${message!.conversationId}/messages`);
    const listed = page.body.items.find((m: { id: string }) => m.id === message!.id);
    expect(listed.content.blocks[0]).toMatchObject({ type: 'attachment', fileName: 'page.html', unavailable: expect.stringMatching(/not allowed/) });
  });

  it('retries a provider 5xx with backoff and stores the file once the provider recovers', async () => {
    graph.addMedia('wa-retry', pdf, 'application/pdf');
    graph.failMediaNext(2);
    const res = await postMetaWebhook(
      `${server.url}/webhooks/whatsapp/${whatsappId}`,
      whatsappPayloads.document(PHONE_NUMBER_ID, '33611110003', 'wamid.retry', 'wa-retry', 'facture.pdf'),
      APP_SECRET,
    );
    expect(res.status, res.text).toBe(200);
    const block = await settled(whatsappId, 'wamid.retry');
    expect(block.unavailable).toBeUndefined();
    expect(block).toMatchObject({ contentType: 'application/pdf', fileName: 'facture.pdf', sizeBytes: pdf.length });
    expect(graph.mediaCalls.filter((c) => c.status === 500)).toHaveLength(2);
    const file = await download(block.attachmentId!);
    expect(file.contentType).toBe('application/pdf');
    expect(file.data.equals(pdf)).toBe(true);
  });

  it('a provider still failing at the last attempt leaves the file marked unavailable, and the message kept', async () => {
    graph.addMedia('wa-down', png(500), 'image/png');
    graph.failMediaNext(1000);
    try {
      const res = await postMetaWebhook(
        `${server.url}/webhooks/whatsapp/${whatsappId}`,
        whatsappPayloads.image(PHONE_NUMBER_ID, '33611110004', 'wamid.down', 'wa-down', 'panne'),
        APP_SECRET,
      );
      expect(res.status, res.text).toBe(200);
      const message = (await stored(whatsappId, 'wamid.down'))!;
      // The queued job is retrying in the background; run its last attempt now, as the worker would.
      const outcome = await fetchInboundMedia(server.context.useCases, {
        id: 'last-attempt',
        queue: QUEUES.inboundMediaFetch,
        workspaceId: server.workspaceId,
        payload: { messageId: message.id },
        attempt: 10,
        maxAttempts: 10,
        orderingKey: null,
        idempotencyKey: null,
        createdAt: new Date(),
      });
      expect(outcome).toEqual({ kind: 'done' });
      const block = await attachmentOf(whatsappId, 'wamid.down');
      expect(block?.attachmentId).toBeUndefined();
      expect(block?.unavailable).toBe('WhatsApp media lookup answered HTTP 500 (gave up after 10 attempts)');
      expect((await stored(whatsappId, 'wamid.down'))?.text).toContain('panne');
    } finally {
      graph.failMediaNext(0);
    }
  });

  it('Messenger: downloads the attachment from its CDN URL', async () => {
    graph.addMedia('fb-photo', jpeg, 'image/jpeg');
    const res = await postMetaWebhook(
      `${server.url}/webhooks/messenger/${messengerId}`,
      messengerPayloads.attachment('page', PAGE_ID, '7001002003', 'm_media1', 'image', graph.cdnUrl('fb-photo')),
      APP_SECRET,
    );
    expect(res.status, res.text).toBe(200);
    const block = await settled(messengerId, 'm_media1');
    expect(block).toMatchObject({ contentType: 'image/jpeg', sizeBytes: jpeg.length });
    const file = await download(block.attachmentId!);
    expect(file.contentType).toBe('image/jpeg');
    expect(file.data.equals(jpeg)).toBe(true);
  });

  it('Telegram: getFile, then the file path; a file_id Telegram does not know is marked unavailable', async () => {
    telegram.addFile('BQACAgQAAxkBAAIBdoc', pdf);
    const hook = `${server.url}/webhooks/telegram/${telegramId}`;
    expect((await telegram.document(hook, 4242, 'BQACAgQAAxkBAAIBdoc', 'devis.pdf', 'application/pdf', pdf.length)).status).toBe(200);
    expect((await telegram.document(hook, 4242, 'BQACAgQAAxkBAAIBgone', 'perdu.pdf', 'application/pdf', 100)).status).toBe(200);
    const messages = async () => {
      const all = await server.context.store.read.conversations.list(server.workspaceId, {}, null, 100);
      const conversation = all.items.find((c) => c.channelId === telegramId);
      return conversation ? (await server.context.store.read.conversations.listMessages(server.workspaceId, conversation.id, null, 50)).items : [];
    };
    const blockNamed = (name: string) =>
      waitFor(async () => {
        const block = (await messages()).flatMap((m) => m.content.blocks).find((b) => b.type === 'attachment' && b.fileName === name) as Block | undefined;
        return block && (block.attachmentId || block.unavailable) ? block : null;
      }, 20_000);
    const good = await blockNamed('devis.pdf');
    expect(good).toMatchObject({ contentType: 'application/pdf', sizeBytes: pdf.length });
    const file = await download(good.attachmentId!);
    expect(file.contentType).toBe('application/pdf');
    expect(file.data.equals(pdf)).toBe(true);
    const gone = await blockNamed('perdu.pdf');
    expect(gone.attachmentId).toBeUndefined();
    expect(gone.unavailable).toBe('Telegram getFile answered HTTP 400: Bad Request: invalid file_id');
    // The bot token is part of Telegram's file URLs: it never lands in a stored reason.
    expect(JSON.stringify(gone)).not.toContain(BOT_TOKEN);
  });
});
