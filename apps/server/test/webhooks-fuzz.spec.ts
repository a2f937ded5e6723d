import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signBody } from '@parley/kernel';
import { twilioSignature } from '@parley/channel-twilio-sms';
import { ApiClient, startTestServer } from './support/test-server.js';

// Whatever a provider (or anyone) posts to a webhook route, the answer is a 4xx or a 2xx, never a
// 5xx (providers retry those for days) and never a crash. Bodies are arbitrary bytes, arbitrary
// JSON, and provider-shaped bodies (Meta JSON, Twilio forms, Telegram updates, API channel
// messages) with arbitrary leaves, signed the way each provider signs, or not.
const PUBLIC_URL = 'https://parley.fuzz.test';
// Replies the fuzzed messages cause (an SMS HELP answer, a bot turn) go to a closed port, fast.
const DEAD = 'http://127.0.0.1:9';
const APP_SECRET = 'fuzz-app-secret-123';
const PHONE_NUMBER_ID = '1000000001';
const PAGE_ID = '2000000002';
const IG_ID = '3000000003';
const TWILIO = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'fuzz-twilio-auth-token', fromNumber: '+33757000009' };
const TELEGRAM = { botToken: '7654321:AAH-fuzz-bot-token_0123456789abcdef', secretToken: 'fuzz-telegram-secret-0123456789' };
const PROVIDERS = ['whatsapp', 'messenger', 'instagram', 'twilio', 'telegram', 'api', 'google'] as const;
type Provider = (typeof PROVIDERS)[number];

describe('webhook routes under fuzzing', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const ids = {} as Record<Provider, string>;
  let apiSecret = '';

  beforeAll(async () => {
    server = await startTestServer({ env: { PUBLIC_URL } });
    const admin = new ApiClient(server.url);
    await admin.login();
    const meta = { accessToken: 'EAAG-fuzz-token', appSecret: APP_SECRET, verifyToken: 'fuzz-verify-token', apiBaseUrl: DEAD };
    const channels: Array<[Provider, string, Record<string, unknown>]> = [
      ['whatsapp', 'whatsapp', { phoneNumberId: PHONE_NUMBER_ID, ...meta }],
      ['messenger', 'messenger', { pageId: PAGE_ID, ...meta }],
      ['instagram', 'instagram', { instagramAccountId: IG_ID, ...meta }],
      ['twilio', 'twilio_sms', { ...TWILIO, apiBaseUrl: DEAD }],
      ['telegram', 'telegram', { ...TELEGRAM, apiBaseUrl: DEAD }],
      ['api', 'api', { webhookUrl: `${DEAD}/hook` }],
      ['google', 'google_reviews', { accountId: '1001', locationId: '2002', accessToken: 'ya29.fuzz-google-token', apiBaseUrl: DEAD }],
    ];
    for (const [provider, type, config] of channels) {
      const res = await admin.request('POST', '/api/v1/channels', { type, name: provider, config });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[provider] = res.body.id;
      if (type === 'api') apiSecret = res.body.secret;
    }
    expect(apiSecret.length).toBeGreaterThan(0);
  }, 60_000);
  afterAll(async () => server?.close());

  /** Every proof a provider could attach, each right for this body and URL: each adapter reads its own header. */
  const validProofs = (path: string, raw: Buffer): Record<string, string> => ({
    'x-hub-signature-256': signBody(APP_SECRET, raw),
    'x-parley-signature': signBody(apiSecret, raw),
    'x-telegram-bot-api-secret-token': TELEGRAM.secretToken,
    'x-twilio-signature': twilioSignature(TWILIO.authToken, `${PUBLIC_URL}${path}`, new URLSearchParams(raw.toString('utf8'))),
  });
  const forgedProofs = (mode: 'garbage' | 'other-secret', path: string, raw: Buffer): Record<string, string> =>
    mode === 'garbage'
      ? {
          'x-hub-signature-256': 'sha256=zz',
          'x-parley-signature': 'sha256=',
          'x-telegram-bot-api-secret-token': '',
          'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl',
        }
      : {
          'x-hub-signature-256': signBody('other', raw),
          'x-parley-signature': signBody('other', raw),
          'x-telegram-bot-api-secret-token': 'fuzz-telegram-secret-0123456780',
          'x-twilio-signature': twilioSignature('other-auth-token', `${PUBLIC_URL}${path}`, new URLSearchParams(raw.toString('utf8'))),
        };

  const leaf = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.stringMatching(/^\d{5,15}$/));
  /** Mostly a well-formed value, sometimes anything: bodies get past the first checks and reach deep. */
  const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: leaf, weight: 1 });

  const waMessage = fc.record(
    {
      from: fc.oneof(fc.stringMatching(/^336\d{8}$/), leaf),
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), leaf),
      type: fc.constantFrom('text', 'interactive', 'image', 'location', 'button', 'reaction', 'unsupported'),
      timestamp: fc.oneof(fc.stringMatching(/^\d{1,12}$/), leaf),
      text: fc.oneof(fc.record({ body: fc.oneof(fc.string({ maxLength: 50 }), leaf) }), leaf),
      interactive: fc.oneof(fc.record({ type: fc.constant('button_reply'), button_reply: fc.record({ id: leaf, title: leaf }) }), leaf),
      image: fc.oneof(fc.record({ id: leaf, mime_type: leaf, caption: leaf }), leaf),
      location: fc.oneof(fc.record({ latitude: fc.double(), longitude: fc.double(), name: leaf }), leaf),
    },
    { requiredKeys: [] },
  );
  const whatsappBody = fc.record({
    object: fc.constantFrom('whatsapp_business_account', 'page'),
    entry: fc.array(
      fc.record({
        id: leaf,
        changes: fc.array(
          fc.record({
            field: fc.constant('messages'),
            value: fc.record(
              {
                metadata: fc.record({ phone_number_id: fc.oneof(fc.constant(PHONE_NUMBER_ID), leaf) }),
                contacts: fc.array(fc.record({ wa_id: leaf, profile: fc.record({ name: leaf }) }), { maxLength: 2 }),
                messages: fc.array(waMessage, { maxLength: 3 }),
                statuses: fc.array(
                  fc.record({
                    id: leaf,
                    status: fc.constantFrom('sent', 'delivered', 'read', 'failed', 'x'),
                    errors: fc.array(fc.record({ code: leaf, title: leaf }), { maxLength: 2 }),
                  }),
                  { maxLength: 2 },
                ),
              },
              { requiredKeys: [] },
            ),
          }),
          { maxLength: 2 },
        ),
      }),
      { maxLength: 2 },
    ),
  });
  const messagingBody = fc.record({
    object: fc.constantFrom('page', 'instagram', 'x'),
    entry: fc.array(
      fc.record({
        id: fc.oneof(fc.constantFrom(PAGE_ID, IG_ID), leaf),
        messaging: fc.array(
          fc.record(
            {
              sender: fc.record({ id: fc.oneof(fc.stringMatching(/^\d{1,16}$/), leaf) }),
              recipient: fc.record({ id: leaf }),
              timestamp: fc.oneof(fc.integer(), leaf),
              message: fc.oneof(
                fc.record(
                  {
                    mid: leaf,
                    text: leaf,
                    quick_reply: fc.record({ payload: leaf }),
                    attachments: fc.array(fc.record({ type: leaf, payload: fc.record({ url: fc.oneof(fc.webUrl(), leaf) }) }), { maxLength: 2 }),
                  },
                  { requiredKeys: [] },
                ),
                leaf,
              ),
              postback: fc.oneof(fc.record({ title: leaf, payload: leaf, mid: leaf }, { requiredKeys: [] }), leaf),
              delivery: fc.oneof(fc.record({ mids: fc.array(leaf, { maxLength: 2 }) }), leaf),
            },
            { requiredKeys: ['sender'] },
          ),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 2 },
    ),
  });
  // Twilio's messaging webhook and status callbacks: form-encoded parameters.
  const twilioBody = fc
    .record(
      {
        MessageSid: mostly(fc.stringMatching(/^SM[0-9a-f]{32}$/)),
        AccountSid: fc.constant(TWILIO.accountSid),
        From: mostly(fc.constantFrom('+33612345678', '+33698765432', '+447700900123')),
        To: fc.constant(TWILIO.fromNumber),
        Body: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('STOP', 'START', 'AIDE', 'HELP', '2', ' Arrêt. ', '0')),
        NumMedia: fc.oneof(fc.constantFrom('0', '1', '2'), fc.string({ maxLength: 5 })),
        MediaUrl0: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })),
        MediaContentType0: fc.oneof(fc.constantFrom('image/jpeg', 'application/pdf'), fc.string({ maxLength: 20 })),
        MessageStatus: fc.constantFrom('queued', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'x'),
        ErrorCode: fc.oneof(fc.constantFrom('30003', '21610'), fc.string({ maxLength: 6 })),
      },
      { requiredKeys: ['MessageSid', 'From', 'Body'] },
    )
    .map((params) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])))
    .map((params) => new URLSearchParams(params).toString());
  // Telegram Bot API updates.
  const telegramUser = fc.record(
    {
      id: mostly(fc.integer({ min: 1, max: 2_000_000_000 })),
      is_bot: fc.boolean(),
      first_name: mostly(fc.string({ minLength: 1, maxLength: 20 })),
      username: mostly(fc.string({ maxLength: 20 })),
    },
    { requiredKeys: ['id', 'first_name'] },
  );
  const telegramChat = fc.record({ id: mostly(fc.integer({ min: 1, max: 2_000_000_000 })), type: fc.constantFrom('private', 'group') });
  const telegramMessage = fc.record(
    {
      message_id: mostly(fc.nat()),
      from: telegramUser,
      chat: telegramChat,
      date: mostly(fc.integer({ min: 0, max: 2_000_000_000 })),
      text: mostly(fc.string({ maxLength: 50 })),
      caption: mostly(fc.string({ maxLength: 30 })),
      photo: fc.array(
        fc.record({ file_id: mostly(fc.string({ minLength: 1, maxLength: 30 })), file_unique_id: fc.string(), width: fc.nat(), height: fc.nat() }),
        { maxLength: 2 },
      ),
      document: fc.record(
        {
          file_id: mostly(fc.string({ minLength: 1, maxLength: 30 })),
          file_unique_id: fc.string(),
          file_name: mostly(fc.string({ minLength: 1, maxLength: 30 })),
          mime_type: mostly(fc.constantFrom('application/pdf', 'image/png', 'nope')),
        },
        { requiredKeys: ['file_id', 'file_unique_id'] },
      ),
    },
    { requiredKeys: ['message_id', 'chat', 'date'] },
  );
  const telegramBody = fc.oneof(
    fc.record({ update_id: mostly(fc.nat()), message: telegramMessage }),
    fc.record({ update_id: mostly(fc.nat()), edited_message: telegramMessage }),
    fc.record({
      update_id: mostly(fc.nat()),
      callback_query: fc.record(
        {
          id: mostly(fc.string({ minLength: 1, maxLength: 20 })),
          from: telegramUser,
          data: fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('#1', '#2', 'YES')),
        },
        { requiredKeys: ['id', 'from'] },
      ),
    }),
  );
  // The API channel's inbound contract.
  const apiBody = fc.record({
    customer: fc.record(
      {
        externalId: mostly(fc.string({ minLength: 1, maxLength: 20 })),
        name: mostly(fc.string({ minLength: 1, maxLength: 20 })),
        email: mostly(fc.emailAddress()),
        phone: mostly(fc.constantFrom('+33612345678', '06 12 34 56 78', 'not a phone')),
      },
      { requiredKeys: ['externalId'] },
    ),
    message: fc.record(
      {
        id: mostly(fc.string({ minLength: 1, maxLength: 20 })),
        text: mostly(fc.string({ minLength: 1, maxLength: 50 })),
        timestamp: mostly(
          fc.oneof(
            fc.date({ noInvalidDate: true, min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z') }).map((d) => d.toISOString()),
            fc.integer({ min: 1 }),
          ),
        ),
        payload: mostly(fc.string({ maxLength: 20 })),
        attachments: fc.array(
          fc.record({
            url: mostly(fc.webUrl()),
            fileName: mostly(fc.string({ minLength: 1, maxLength: 20 })),
            contentType: mostly(fc.constantFrom('image/png', 'application/pdf')),
          }),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['id', 'text'] },
    ),
  });

  const providerBody = fc.oneof(
    whatsappBody.map((v) => JSON.stringify(v)),
    messagingBody.map((v) => JSON.stringify(v)),
    telegramBody.map((v) => JSON.stringify(v)),
    apiBody.map((v) => JSON.stringify(v)),
    twilioBody,
  );
  const body = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    providerBody.map((v) => Buffer.from(v)),
  );
  const signature = fc.constantFrom('valid', 'none', 'garbage', 'other-secret');
  const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream', null);
  const route = fc.oneof(
    fc.constantFrom(...PROVIDERS).map((p) => `/webhooks/${p}/${ids[p]}`),
    fc.constant(`/webhooks/instagram/${IG_ID}`),
    fc.constantFrom(...PROVIDERS).map((p) => `/api/v1/channels/${ids[p]}/inbound`),
    fc.constantFrom(...PROVIDERS, 'webchat', 'nope').map((p) => `/webhooks/${p}`),
    fc
      .tuple(fc.stringMatching(/^[a-z_]{1,12}$/), fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })))
      .map(([p, id]) => `/webhooks/${p}/${encodeURIComponent(id)}`),
  );

  it('never answers a POST with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(route, body, signature, contentType, async (path, raw, sig, type) => {
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        if (sig === 'valid') Object.assign(headers, validProofs(path, raw));
        else if (sig !== 'none') Object.assign(headers, forgedProofs(sig, path, raw));
        const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: raw });
        await res.arrayBuffer();
        expect(res.status, `${path} ${raw.toString('utf8').slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 120_000);

  it('never answers a correctly signed provider body with a 5xx, and the signed bodies reach every parser', async () => {
    const target = fc.oneof(
      whatsappBody.map((v) => ({
        provider: 'whatsapp' as const,
        paths: [`/webhooks/whatsapp/${ids.whatsapp}`, '/webhooks/whatsapp'],
        raw: JSON.stringify(v),
        type: 'application/json',
      })),
      messagingBody.map((v) => ({
        provider: 'messenger' as const,
        paths: [`/webhooks/messenger/${ids.messenger}`, `/webhooks/instagram/${ids.instagram}`, '/webhooks/messenger'],
        raw: JSON.stringify(v),
        type: 'application/json',
      })),
      twilioBody.map((raw) => ({ provider: 'twilio' as const, paths: [`/webhooks/twilio/${ids.twilio}`], raw, type: 'application/x-www-form-urlencoded' })),
      telegramBody.map((v) => ({
        provider: 'telegram' as const,
        paths: [`/webhooks/telegram/${ids.telegram}`],
        raw: JSON.stringify(v),
        type: 'application/json',
      })),
      apiBody.map((v) => ({
        provider: 'api' as const,
        paths: [`/webhooks/api/${ids.api}`, `/api/v1/channels/${ids.api}/inbound`],
        raw: JSON.stringify(v),
        type: 'application/json',
      })),
      fc
        .oneof(telegramBody, apiBody)
        .map((v) => ({ provider: 'google' as const, paths: [`/webhooks/google/${ids.google}`], raw: JSON.stringify(v), type: 'application/json' })),
    );
    const accepted: Record<Provider, number> = { whatsapp: 0, messenger: 0, instagram: 0, twilio: 0, telegram: 0, api: 0, google: 0 };
    await fc.assert(
      fc.asyncProperty(target, fc.nat(), async ({ provider, paths, raw, type }, pick) => {
        const path = paths[pick % paths.length]!;
        const bytes = Buffer.from(raw);
        const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type, ...validProofs(path, bytes) }, body: bytes });
        const text = await res.text();
        if (res.status === 200 || res.status === 202) accepted[path.startsWith('/webhooks/instagram/') ? 'instagram' : provider]++;
        expect(res.status, `${path} ${raw.slice(0, 300)} → ${text}`).toBeLessThan(500);
        // Google pushes nothing: its route refuses every body, signed or not.
        if (provider === 'google') expect(res.status, text).toBe(401);
      }),
      { numRuns: 180 },
    );
    // The signed bodies got past the signature checks into each provider's parser and were stored.
    for (const provider of ['whatsapp', 'messenger', 'instagram', 'twilio', 'telegram', 'api'] as const)
      expect(accepted[provider], provider).toBeGreaterThan(1);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 120_000);

  it('never answers a GET handshake with a 5xx', async () => {
    const query = fc.dictionary(fc.constantFrom('hub.mode', 'hub.verify_token', 'hub.challenge', 'x', 'hub.mode[]'), fc.string({ maxLength: 300 }), {
      maxKeys: 4,
    });
    await fc.assert(
      fc.asyncProperty(route, query, async (path, q) => {
        const res = await fetch(`${server.url}${path}?${new URLSearchParams(q).toString()}`);
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 60_000);
});
