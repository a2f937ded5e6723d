import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { generateKeyringEntry, loadConfig, signBody, type Clock } from '@parley/kernel';
import { createTestDatabase, type TestBackend } from '@parley/storage-pg/testing';
import { composeServer, type ParleyServer } from '../../src/compose.js';

export const ADMIN_EMAIL = 'admin@test.parley';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/**
 * A composed server on a fresh migrated database, listening on a free loopback port. `clock`
 * replaces the system clock (session expiry, SLA timers).
 */
export async function startTestServer(
  options: { backend?: TestBackend; env?: Record<string, string>; clock?: Clock } = {},
): Promise<ParleyServer & { url: string }> {
  // The integration run sets PARLEY_TEST_BACKEND=postgres: the same suites then run on
  // PostgreSQL with the Redis bus.
  const backend = options.backend ?? (process.env.PARLEY_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite');
  const database = await createTestDatabase(backend);
  const redisUrl = backend === 'postgres' ? process.env.PARLEY_TEST_REDIS_URL : undefined;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-test-')),
    PARLEY_SECRET_KEY: generateKeyringEntry('test'),
    PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
    PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PARLEY_OUTBOUND_ALLOW_HOSTS: '127.0.0.1,localhost',
    PARLEY_JOB_POLL_MS: '100',
    PARLEY_LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...options.env,
  });
  const server = await composeServer(config, { database, logger: pino({ level: 'silent' }), ...(options.clock ? { clock: options.clock } : {}) });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  return { ...server, url: `http://127.0.0.1:${port}` };
}

/** A tiny HTTP client keeping the session cookie and CSRF token, or sending a Bearer token. */
export class ApiClient {
  private cookie = '';
  private csrf = '';
  constructor(
    readonly baseUrl: string,
    private bearer: string | null = null,
  ) {}

  async login(email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
    this.cookie = (res.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
    this.csrf = String(body.csrfToken);
    return body;
  }

  /** A GET whose body is kept as bytes (attachment downloads), with this client's credentials. */
  async fetchRaw(path: string): Promise<Response> {
    const headers: Record<string, string> = this.bearer ? { authorization: `Bearer ${this.bearer}` } : this.cookie ? { cookie: this.cookie } : {};
    return fetch(`${this.baseUrl}${path}`, { headers });
  }

  /** Sends a raw body (a file upload) with this client's credentials; the answer is JSON. */
  async requestRaw<T = any>(method: string, path: string, body: Uint8Array | string, contentType: string): Promise<{ status: number; body: T }> {
    const h: Record<string, string> = { 'content-type': contentType };
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    else if (this.cookie) Object.assign(h, { cookie: this.cookie, 'x-csrf-token': this.csrf });
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: h, body });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    else if (this.cookie) {
      h.cookie = this.cookie;
      if (method !== 'GET') h['x-csrf-token'] = this.csrf;
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: h, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }
}

/** Posts a signed inbound message to an API channel, the way an integrator's server would. */
export async function postInbound(
  baseUrl: string,
  channelId: string,
  secret: string,
  body: unknown,
  signatureOverride?: string,
): Promise<{ status: number; body: any }> {
  const raw = JSON.stringify(body);
  const res = await fetch(`${baseUrl}/api/v1/channels/${channelId}/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-parley-signature': signatureOverride ?? signBody(secret, raw) },
    body: raw,
  });
  return { status: res.status, body: await res.json() };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: any;
}

/** A local webhook receiver whose answers the test scripts (e.g. fail twice with 500, then 200). */
export async function startWebhookReceiver(
  answer: (hit: ReceivedWebhook, index: number) => number | Promise<number> = () => 200,
): Promise<{ url: string; hits: ReceivedWebhook[]; close(): Promise<void>; server: Server }> {
  const hits: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const hit = { headers: req.headers, rawBody, body: rawBody ? JSON.parse(rawBody) : null };
      hits.push(hit);
      const status = await answer(hit, hits.length - 1);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, hits, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 15_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
