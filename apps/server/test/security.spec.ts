import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@parley/kernel';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

async function login(
  url: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; code: string | undefined; headers: Headers }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: ADMIN_EMAIL, password }),
  });
  const body = (await res.json()) as { error?: { code?: string } };
  return { status: res.status, code: body.error?.code, headers: res.headers };
}

describe('login rate limit', () => {
  let server: TestServer;
  // Always the in-memory limiter: on the integration run the Redis one is shared by every suite's
  // logins from 127.0.0.1, so a small budget would already be spent.
  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', env: { PARLEY_LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(async () => server?.close());

  it('answers 429 rate_limited with Retry-After after N failed logins, even for the right password', async () => {
    for (let i = 0; i < 3; i++) expect(await login(server.url, 'wrong password')).toMatchObject({ status: 401, code: 'invalid_credentials' });
    const limited = await login(server.url, 'wrong password');
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await login(server.url, ADMIN_PASSWORD)).toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('a forged X-Forwarded-For does not buy a fresh budget', async () => {
    // The budget of the previous test is spent; a client must not get another by naming another address.
    expect(await login(server.url, 'wrong password', { 'x-forwarded-for': '203.0.113.7' })).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(await login(server.url, ADMIN_PASSWORD, { 'x-forwarded-for': '198.51.100.9, 203.0.113.8' })).toMatchObject({ status: 429, code: 'rate_limited' });
  });
});

describe('login rate limit behind a reverse proxy (PARLEY_TRUST_PROXY)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite', env: { PARLEY_LOGIN_RATE_LIMIT: '2', PARLEY_TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => server?.close());

  it('keys on the client the trusted proxy names, so one client cannot spend another one’s budget', async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let i = 0; i < 2; i++) expect(await login(server.url, 'wrong password', from('203.0.113.7'))).toMatchObject({ status: 401 });
    expect(await login(server.url, 'wrong password', from('203.0.113.7'))).toMatchObject({ status: 429, code: 'rate_limited' });
    // Another client behind the same proxy still logs in.
    expect(await login(server.url, ADMIN_PASSWORD, from('198.51.100.9'))).toMatchObject({ status: 200 });
  });
});

describe('sessions expire', () => {
  const clock = new ManualClock(new Date());
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock, env: { PARLEY_SESSION_TTL_HOURS: '2' } });
  });
  afterAll(async () => server?.close());

  it('a session works until PARLEY_SESSION_TTL_HOURS, then answers 401 unauthenticated', async () => {
    const admin = new ApiClient(server.url);
    const body = await admin.login();
    expect(new Date(String(body.expiresAt)).getTime()).toBe(clock.now().getTime() + 2 * 3600_000);
    expect((await admin.request('GET', '/api/v1/auth/me')).status).toBe(200);

    clock.advance(2 * 3600_000 - 1000);
    expect((await admin.request('GET', '/api/v1/auth/me')).status).toBe(200);

    clock.advance(1000);
    const expired = await admin.request('GET', '/api/v1/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthenticated');
    // A write with the expired cookie and its CSRF token is refused the same way.
    const write = await admin.request('POST', '/api/v1/api-tokens', { name: 'late' });
    expect(write.status).toBe(401);
    expect(write.body.error.code).toBe('unauthenticated');
  });
});

describe('security headers and CORS', () => {
  let server: TestServer;
  let withCors: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    withCors = await startTestServer({ env: { PARLEY_CORS_ORIGINS: 'https://console.example.com' } });
  });
  afterAll(async () => {
    await server?.close();
    await withCors?.close();
  });

  function expectHelmet(headers: Headers, what: string): void {
    expect(headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
    expect(headers.get('strict-transport-security'), what).toMatch(/max-age=\d+/);
    expect(headers.get('referrer-policy'), what).toBe('no-referrer');
    expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
    expect(headers.get('x-powered-by'), what).toBeNull();
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("script-src 'self'");
    expect(csp, what).toContain("frame-ancestors 'self'");
    expect(csp, what).toContain("object-src 'none'");
  }

  it('helmet headers on API answers, errors included', async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expectHelmet(health.headers, 'GET /health');
    const anonymous = await fetch(`${server.url}/api/v1/conversations`);
    expect(anonymous.status).toBe(401);
    expectHelmet(anonymous.headers, 'GET /api/v1/conversations without credentials');
    const unknown = await fetch(`${server.url}/api/v1/no-such-route`);
    expect(unknown.status).toBe(404);
    expectHelmet(unknown.headers, 'unknown route');
    const admin = new ApiClient(server.url);
    await admin.login();
    const me = await admin.request('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expectHelmet(me.headers, 'GET /api/v1/auth/me');
  });

  it('helmet headers on HTML pages', async () => {
    for (const path of ['/demo', '/app', '/help/parley']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expectHelmet(res.headers, path);
      await res.body?.cancel();
    }
  });

  const preflight = (url: string, origin: string, path = '/api/v1/auth/login') =>
    fetch(`${url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' },
    });

  it('CORS is closed by default: no Access-Control-Allow-Origin for another origin', async () => {
    const res = await preflight(server.url, 'https://evil.example');
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const get = await fetch(`${server.url}/health`, { headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const loginFromElsewhere = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(loginFromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS opens, with credentials, for an origin listed in PARLEY_CORS_ORIGINS, and only for it', async () => {
    const allowed = await preflight(withCors.url, 'https://console.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('vary')).toMatch(/origin/i);

    const get = await fetch(`${withCors.url}/health`, { headers: { origin: 'https://console.example.com' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://console.example.com');

    const other = await preflight(withCors.url, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    // A look-alike is not the listed origin.
    const lookalike = await preflight(withCors.url, 'https://console.example.com.evil.example');
    expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();
  });
});
