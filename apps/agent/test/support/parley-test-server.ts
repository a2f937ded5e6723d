import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { generateKeyringEntry, loadConfig, signBody } from '@parley/kernel';
import { composeServer, type ParleyServer } from '@parley/server';
import { createTestDatabase } from '@parley/storage-pg/testing';

export const ADMIN_EMAIL = 'admin@agent-app.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** A Parley server in-process on a fresh embedded database (as apps/server's test server). */
export async function startParley(): Promise<ParleyServer & { url: string }> {
  const database = await createTestDatabase('pglite');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-agent-app-')),
    PARLEY_SECRET_KEY: generateKeyringEntry('test'),
    PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
    PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PARLEY_OUTBOUND_ALLOW_HOSTS: '127.0.0.1,localhost',
    PARLEY_JOB_POLL_MS: '100',
    PARLEY_LOGIN_RATE_LIMIT: '1000',
    LOG_LEVEL: 'silent',
  });
  const server = await composeServer(config, { database, logger: pino({ level: 'silent' }) });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  return { ...server, url: `http://127.0.0.1:${port}` };
}

/** Logs in through the API and returns a cookie + CSRF pair for setup calls. */
export async function apiSession(baseUrl: string): Promise<(method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  const login = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async (method, path, body) => {
    const headers: Record<string, string> = { cookie, 'x-csrf-token': login.csrfToken };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}

/** A webhook receiver that accepts every delivery (the API channel's outbound side). */
export async function startWebhookSink(): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const state = { hits: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.hits++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    get hits() {
      return state.hits;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Posts a signed inbound message, as an integrator's server would. */
export async function postInbound(
  baseUrl: string,
  channelId: string,
  secret: string,
  body: unknown,
): Promise<{ status: number; body: { conversationId: string; messageId: string } }> {
  const raw = JSON.stringify(body);
  const res = await fetch(`${baseUrl}/api/v1/channels/${channelId}/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-parley-signature': signBody(secret, raw) },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as { conversationId: string; messageId: string } };
}
