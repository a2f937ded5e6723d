import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signBody } from '@parley/kernel';
import { ApiClient, startTestServer } from './support/test-server.js';

// Whatever a provider (or anyone) posts to a webhook route, the answer is a 4xx or a 2xx, never a
// 5xx (providers retry those for days) and never a crash. Bodies are arbitrary bytes, arbitrary
// JSON, and Meta-shaped JSON with arbitrary leaves, signed with the right secret or not.
const APP_SECRET = 'fuzz-app-secret-123';
const PHONE_NUMBER_ID = '1000000001';
const PAGE_ID = '2000000002';
const IG_ID = '3000000003';

describe('webhook routes under fuzzing', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const channelIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const admin = new ApiClient(server.url);
    await admin.login();
    const secrets = { accessToken: 'EAAG-fuzz-token', appSecret: APP_SECRET, verifyToken: 'fuzz-verify-token' };
    for (const [type, config] of [
      ['whatsapp', { phoneNumberId: PHONE_NUMBER_ID, ...secrets, apiBaseUrl: 'http://127.0.0.1:9' }],
      ['messenger', { pageId: PAGE_ID, ...secrets, apiBaseUrl: 'http://127.0.0.1:9' }],
      ['instagram', { instagramAccountId: IG_ID, ...secrets, apiBaseUrl: 'http://127.0.0.1:9' }],
    ] as const) {
      const res = await admin.request('POST', '/api/v1/channels', { type, name: type, config });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      channelIds.push(res.body.id);
    }
  }, 60_000);
  afterAll(async () => server?.close());

  const leaf = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.stringMatching(/^\d{5,15}$/));
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
  const body = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    whatsappBody.map((v) => Buffer.from(JSON.stringify(v))),
    messagingBody.map((v) => Buffer.from(JSON.stringify(v))),
  );
  const signature = fc.constantFrom('valid', 'none', 'garbage', 'other-secret');
  const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream', null);
  const route = fc.oneof(
    fc.constantFrom(0, 1, 2).map((i) => ['whatsapp', 'messenger', 'instagram'][i] + `/${channelIds[i]}`),
    fc.constantFrom('whatsapp', 'messenger', 'instagram', 'twilio', 'telegram', 'google', 'api', 'webchat', 'nope'),
    fc.tuple(fc.stringMatching(/^[a-z_]{1,12}$/), fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }))).map(([p, id]) => `${p}/${encodeURIComponent(id)}`),
  );

  it('never answers a POST with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(route, body, signature, contentType, async (path, raw, sig, type) => {
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        if (sig === 'valid') headers['x-hub-signature-256'] = signBody(APP_SECRET, raw);
        else if (sig === 'garbage') headers['x-hub-signature-256'] = 'sha256=zz';
        else if (sig === 'other-secret') headers['x-hub-signature-256'] = signBody('other', raw);
        const res = await fetch(`${server.url}/webhooks/${path}`, { method: 'POST', headers, body: raw });
        await res.arrayBuffer();
        expect(res.status, `${path} ${raw.toString('utf8').slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 120_000);

  it('never answers a correctly signed Meta-shaped body with a 5xx, on the channel and app-level routes', async () => {
    const target = fc.oneof(
      whatsappBody.map((v) => ({ paths: [`whatsapp/${channelIds[0]}`, 'whatsapp'], v })),
      messagingBody.map((v) => ({ paths: [`messenger/${channelIds[1]}`, `instagram/${channelIds[2]}`, 'messenger'], v })),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(target, fc.nat(), async ({ paths, v }, pick) => {
        const raw = Buffer.from(JSON.stringify(v));
        const path = paths[pick % paths.length]!;
        const res = await fetch(`${server.url}/webhooks/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(APP_SECRET, raw) },
          body: raw,
        });
        const text = await res.text();
        if (res.status === 200) accepted++;
        expect(res.status, `${path} ${raw.toString('utf8').slice(0, 300)} → ${text}`).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
    // The signed bodies reached the parsers (not all stopped at a 4xx).
    expect(accepted).toBeGreaterThan(10);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 120_000);

  it('never answers a GET handshake with a 5xx', async () => {
    const query = fc.dictionary(fc.constantFrom('hub.mode', 'hub.verify_token', 'hub.challenge', 'x', 'hub.mode[]'), fc.string({ maxLength: 300 }), {
      maxKeys: 4,
    });
    await fc.assert(
      fc.asyncProperty(route, query, async (path, q) => {
        const res = await fetch(`${server.url}/webhooks/${path}?${new URLSearchParams(q).toString()}`);
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 60_000);
});
