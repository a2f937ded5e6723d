import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { pino } from 'pino';
import { generateKeyringEntry, loadConfig } from '@parley/kernel';
import { createTestDatabase } from '@parley/storage-pg/testing';
import { composeServer } from '../src/compose.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, postInbound, startTestServer, startWebhookReceiver } from './support/test-server.js';
import { startLlmServer } from './support/llm-server.js';

const API_KEY = 'sk-test-llm-key-0123456789';

// The optional LLM against a local server speaking the OpenAI chat-completions protocol: settings
// (sealed, write-only key), the grounded draft with its citations, the wrap-up summary and its
// fallback, the audit log, and who may do what.
describe('assist: optional LLM', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let llm: Awaited<ReturnType<typeof startLlmServer>>;
  let admin: ApiClient;
  let agent: ApiClient;
  let editor: ApiClient;
  let adminId: string;
  let conversationId: string;
  let n = 0;

  const user = async (role: string) => {
    const account = { email: `${role}-llm@test.parley`, name: `User ${role}`, password: 'a long enough password', role };
    expect((await admin.request('POST', '/api/v1/users', account)).status).toBe(201);
    const client = new ApiClient(server.url);
    await client.login(account.email, account.password);
    return client;
  };
  const wrapup = async () => (await agent.request('GET', `/api/v1/conversations/${conversationId}/wrapup?language=fr`)).body;
  const configure = (body: Record<string, unknown>) =>
    admin.request('PUT', '/api/v1/assist/llm/settings', { baseUrl: llm.url, model: 'mistral-small', ...body });

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startWebhookReceiver();
    llm = await startLlmServer();
    admin = new ApiClient(server.url);
    adminId = String(((await admin.login()) as { user: { id: string } }).user.id);
    agent = await user('agent');
    editor = await user('knowledge_editor');
    const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: receiver.url } });
    const res = await postInbound(server.url, created.body.id, created.body.secret, {
      customer: { externalId: 'cust-llm', name: 'Camille Durand' },
      message: { id: `m-${++n}`, text: 'Bonjour, ma lampe est arrivée cassée, le colis est abîmé. Commande CMD-48213.' },
    });
    conversationId = (res.body as { conversationId: string }).conversationId;
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
    await llm?.close();
  });

  it('works without an LLM: no draft (200, available false), an extractive summary, nothing called', async () => {
    expect((await agent.request('GET', '/api/v1/assist/llm')).body).toEqual({ enabled: false });
    const draft = await agent.request('POST', `/api/v1/conversations/${conversationId}/assist/draft`);
    expect(draft.status).toBe(200);
    expect(draft.body).toEqual({ available: false, reason: 'not_configured' });
    expect((await wrapup()).source).toBe('extractive');
    expect(llm.requests).toHaveLength(0);
  });

  it('validates the settings, keeps them admin-only and never returns the API key', async () => {
    expect((await configure({ baseUrl: 'ftp://llm.example/v1', enabled: true })).status).toBe(422);
    expect((await configure({ model: '  ', enabled: true })).status).toBe(422);
    expect((await configure({ timeoutMs: 10, enabled: true })).status).toBe(422);
    expect((await agent.request('PUT', '/api/v1/assist/llm/settings', { baseUrl: llm.url, model: 'm', enabled: true })).status).toBe(403);
    expect((await agent.request('GET', '/api/v1/assist/llm/settings')).status).toBe(403);

    const saved = await configure({ apiKey: API_KEY, enabled: true, timeoutMs: 1_000 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ configured: true, enabled: true, baseUrl: llm.url, model: 'mistral-small', timeoutMs: 1_000, apiKeySet: true });
    const read = await admin.request('GET', '/api/v1/assist/llm/settings');
    expect(JSON.stringify(saved.body) + JSON.stringify(read.body)).not.toContain(API_KEY);
    // Sealed at rest: the row holds no plain key.
    const { rows } = await sql<{ row: string }>`select row_to_json(s)::text as row from assist_llm_settings s`.execute(
      server.database.db as unknown as Kysely<unknown>,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).not.toContain(API_KEY);
    // Leaving the key out keeps it.
    expect((await configure({ enabled: true, timeoutMs: 1_000 })).body.apiKeySet).toBe(true);
    expect((await agent.request('GET', '/api/v1/assist/llm')).body).toEqual({ enabled: true });
  });

  it('drafts a reply grounded on the knowledge base, keeping only citations of the articles given', async () => {
    const before = llm.requests.length;
    const draft = await agent.request('POST', `/api/v1/conversations/${conversationId}/assist/draft`);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ available: true, source: 'llm', language: 'fr' });
    const request = llm.requests[before];
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body.model).toBe('mistral-small');
    const prompt = request?.body.messages.map((m) => m.content).join('\n') ?? '';
    expect(prompt).toContain('Customer: Bonjour, ma lampe est arrivée cassée');
    expect(prompt).toContain('Write in French');
    // The canned model names the numbered sources it was given and cites [1] and a [9] it was not given.
    const given = [...prompt.matchAll(/^\[(\d+)\] (.+)$/gm)].map((m) => m[2]);
    expect(given.length).toBeGreaterThan(0);
    expect(draft.body.text).toContain(`1=${given[0]}`);
    expect(draft.body.text).toContain('See [1] and.');
    expect(draft.body.text).not.toContain('[9]');
    expect(draft.body.citations).toHaveLength(1);
    expect(draft.body.citations[0]).toMatchObject({ n: 1, title: given[0] });
    // The cited article is one the knowledge base suggests for this conversation.
    const suggestions = await agent.request('GET', `/api/v1/conversations/${conversationId}/suggestions`);
    expect(suggestions.body.items.map((s: { articleId: string }) => s.articleId)).toContain(draft.body.citations[0].articleId);
  });

  it('refuses a draft to a role that cannot reply, and a conversation that does not exist', async () => {
    expect((await editor.request('POST', `/api/v1/conversations/${conversationId}/assist/draft`)).status).toBe(403);
    expect((await agent.request('POST', '/api/v1/conversations/0190a1b2-0000-7000-8000-000000000000/assist/draft')).status).toBe(404);
  });

  it('summarises the wrap-up with the LLM, and falls back to the extractive summary when it fails, times out or answers nothing', async () => {
    const generated = await wrapup();
    expect(generated.source).toBe('llm');
    expect(generated.summary).toBe('Summary: Customer: Bonjour, ma lampe est arrivée cassée, le colis est abîmé. Commande CMD-48213.');
    expect(generated.references).toContain('CMD-48213');

    for (const mode of ['fail', 'hang', 'empty'] as const) {
      llm.mode = mode;
      const started = Date.now();
      const fallback = await wrapup();
      expect(fallback.source, mode).toBe('extractive');
      expect(fallback.summary).toContain('CMD-48213');
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    llm.mode = 'fail';
    expect((await agent.request('POST', `/api/v1/conversations/${conversationId}/assist/draft`)).body).toEqual({ available: false, reason: 'failed' });
    llm.mode = 'ok';
  });

  it('audits every call for admins, newest first and paginated, with prompt, output or error, and latency', async () => {
    expect((await agent.request('GET', '/api/v1/assist/llm/audit')).status).toBe(403);
    const all = await admin.request('GET', '/api/v1/assist/llm/audit?limit=200');
    expect(all.status).toBe(200);
    const items = all.body.items as Array<Record<string, any>>;
    // draft, summary, then the three failed summaries and the failed draft.
    expect(items.map((i) => i.purpose)).toEqual(['draft', 'summary', 'summary', 'summary', 'summary', 'draft']);
    const [failedDraft, empty, hang, fail, summary, draft] = items;
    expect(draft).toMatchObject({ purpose: 'draft', conversationId, model: 'mistral-small', error: null, actor: { kind: 'user' } });
    expect(draft?.output).toContain('[9]');
    expect(draft?.prompt[1].content).toContain('Customer: Bonjour, ma lampe est arrivée cassée');
    expect(summary?.output).toMatch(/^Summary: /);
    expect(fail).toMatchObject({ output: null, error: 'status 500' });
    expect(hang?.error).toMatch(/^timeout/);
    expect(hang?.latencyMs).toBeGreaterThanOrEqual(900);
    expect(empty?.error).toContain('choices');
    expect(failedDraft?.error).toBe('status 500');
    expect(items.every((i) => i.actor.id !== adminId)).toBe(true);
    expect(JSON.stringify(all.body)).not.toContain(API_KEY);

    const first = await admin.request('GET', '/api/v1/assist/llm/audit?limit=4');
    expect(first.body.items).toHaveLength(4);
    const second = await admin.request('GET', `/api/v1/assist/llm/audit?limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((i: { id: string }) => i.id)).toEqual(items.map((i) => i.id));
  });

  it('stops calling once an admin disables the LLM', async () => {
    const before = llm.requests.length;
    expect((await configure({ enabled: false })).body).toMatchObject({ enabled: false, apiKeySet: true });
    expect((await agent.request('POST', `/api/v1/conversations/${conversationId}/assist/draft`)).body).toEqual({ available: false, reason: 'not_configured' });
    expect((await wrapup()).source).toBe('extractive');
    expect(llm.requests.length).toBe(before);
  });
});

describe('assist: LLM API key and secret key rotation', () => {
  it('re-wraps the sealed API key under a new key at start, and the endpoint still gets it', async () => {
    const database = await createTestDatabase();
    const llm = await startLlmServer();
    const oldKey = generateKeyringEntry('old');
    const newKey = generateKeyringEntry('new');
    const start = async (key: string) => {
      const config = loadConfig({
        PORT: '0',
        PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-llm-rot-')),
        PARLEY_SECRET_KEY: key,
        PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
        PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
        LOG_LEVEL: 'silent',
        PARLEY_WORKERS: 'false',
        PARLEY_OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
      });
      const s = await composeServer(config, { database: { ...database, close: async () => undefined }, logger: pino({ level: 'silent' }) });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      return { s, url: `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}` };
    };
    const sealedKid = async () => {
      const { rows } = await sql<{ kid: string }>`select api_key_sealed->>'kid' as kid from assist_llm_settings`.execute(
        database.db as unknown as Kysely<unknown>,
      );
      return rows[0]?.kid;
    };
    try {
      let { s, url } = await start(oldKey);
      let admin = new ApiClient(url);
      await admin.login();
      expect((await admin.request('PUT', '/api/v1/assist/llm/settings', { baseUrl: llm.url, model: 'm', apiKey: API_KEY, enabled: true })).status).toBe(200);
      expect(await sealedKid()).toBe('old');
      await s.close();

      ({ s, url } = await start(`${newKey},${oldKey}`));
      try {
        expect(await sealedKid()).toBe('new');
        admin = new ApiClient(url);
        await admin.login();
        const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Rot', config: { webhookUrl: 'http://127.0.0.1:9/h' } });
        const inbound = await postInbound(url, created.body.id, created.body.secret, {
          customer: { externalId: 'rot' },
          message: { id: 'rot-1', text: 'Bonjour, mon colis est arrivé abîmé.' },
        });
        const { conversationId } = inbound.body as { conversationId: string };
        expect((await admin.request('POST', `/api/v1/conversations/${conversationId}/assist/draft`)).body.available).toBe(true);
        expect(llm.requests.at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      } finally {
        await s.close();
      }
    } finally {
      await llm.close();
      await database.close();
    }
  });
});

describe('assist: server-wide default LLM', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let llm: Awaited<ReturnType<typeof startLlmServer>>;
  let admin: ApiClient;
  let conversationId: string;

  beforeAll(async () => {
    llm = await startLlmServer();
    server = await startTestServer({
      env: { PARLEY_LLM_URL: llm.url, PARLEY_LLM_MODEL: 'server-model', PARLEY_LLM_API_KEY: 'sk-server-default', PARLEY_LLM_TIMEOUT_MS: '2000' },
    });
    receiver = await startWebhookReceiver();
    admin = new ApiClient(server.url);
    await admin.login();
    const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: receiver.url } });
    const res = await postInbound(server.url, created.body.id, created.body.secret, {
      customer: { externalId: 'cust-default' },
      message: { id: 'default-1', text: 'Bonjour, mon colis est arrivé abîmé.' },
    });
    conversationId = (res.body as { conversationId: string }).conversationId;
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
    await llm?.close();
  });

  it('refuses a URL without a model at start', () => {
    expect(() => loadConfig({ PARLEY_LLM_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/PARLEY_LLM_MODEL/);
  });

  it('is what a workspace without its own settings uses, until the workspace sets its own or turns it off', async () => {
    const settings = await admin.request('GET', '/api/v1/assist/llm/settings');
    expect(settings.body).toMatchObject({ configured: false, enabled: true, source: 'server', serverDefault: { baseUrl: llm.url, model: 'server-model' } });
    expect(JSON.stringify(settings.body)).not.toContain('sk-server-default');
    const draft = await admin.request('POST', `/api/v1/conversations/${conversationId}/assist/draft`);
    expect(draft.body.available).toBe(true);
    expect(llm.requests.at(-1)?.body.model).toBe('server-model');
    expect(llm.requests.at(-1)?.headers.authorization).toBe('Bearer sk-server-default');

    // The workspace's own endpoint wins, here switched off: no call at all.
    const off = await admin.request('PUT', '/api/v1/assist/llm/settings', { baseUrl: llm.url, model: 'own-model', enabled: false });
    expect(off.body).toMatchObject({ configured: true, enabled: false, source: 'workspace' });
    const calls = llm.requests.length;
    expect((await admin.request('POST', `/api/v1/conversations/${conversationId}/assist/draft`)).body).toEqual({ available: false, reason: 'not_configured' });
    expect(llm.requests.length).toBe(calls);

    // Removing its settings brings the server default back; the audit names the model used.
    expect((await admin.request('DELETE', '/api/v1/assist/llm/settings')).body).toMatchObject({ configured: false, enabled: true, source: 'server' });
    expect((await admin.request('GET', `/api/v1/conversations/${conversationId}/wrapup`)).body.source).toBe('llm');
    const audit = await admin.request('GET', '/api/v1/assist/llm/audit');
    expect(audit.body.items.map((i: { purpose: string; model: string }) => [i.purpose, i.model])).toEqual([
      ['summary', 'server-model'],
      ['draft', 'server-model'],
    ]);
  });
});
