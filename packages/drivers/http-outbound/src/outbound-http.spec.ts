import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundHttp, type OutboundHttpOptions } from './outbound-http.js';
import type { HostResolver } from './resolver.js';
import type { OutboundResponse, OutboundSuccess } from './types.js';

let server: Server;
let base: string;
let port: number;
let hits = 0;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  hits++;
  const url = new URL(req.url ?? '/', 'http://x');
  const redirect = (status: number, location: string): void => {
    res.writeHead(status, { location }).end();
  };
  const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
  if (chain) {
    const left = Number(chain[1]);
    return left === 0 ? void res.end('chain done') : redirect(302, `/chain/${left - 1}`);
  }
  switch (url.pathname) {
    case '/hello':
      res.writeHead(200, { 'content-type': 'text/plain', 'x-multi': ['a', 'b'] }).end('hi');
      return;
    case '/echo': {
      const body = await readBody(req);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, headers: req.headers, body }));
      return;
    }
    case '/to-private':
      return redirect(302, 'http://10.0.0.1/steal');
    case '/to-metadata':
      return redirect(307, 'http://169.254.169.254/latest/meta-data/');
    case '/to-file':
      return redirect(302, 'file:///etc/passwd');
    case '/see-other':
      return redirect(303, '/echo');
    case '/temporary':
      return redirect(307, '/echo');
    case '/cross-origin':
      return redirect(302, `http://localhost:${port}/echo`);
    case '/slow':
      return; // Never answers.
    case '/big':
      res.writeHead(200);
      res.write(Buffer.alloc(600, 97));
      res.end(Buffer.alloc(600, 97));
      return;
    case '/big-declared':
      res.writeHead(200, { 'content-length': String(5000) }).end(Buffer.alloc(5000, 97));
      return;
    case '/exact':
      res.end(Buffer.alloc(1024, 98));
      return;
    default:
      res.writeHead(404).end('no');
  }
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const allowLocal: OutboundHttpOptions = { allowHosts: ['127.0.0.1'] };

function success(res: OutboundResponse): OutboundSuccess {
  if (!res.ok) throw new Error(`expected a response, got ${res.error}: ${res.message}`);
  return res;
}

describe('createOutboundHttp', () => {
  it('blocks the local server when it is not allow-listed, without connecting', async () => {
    const before = hits;
    const res = await createOutboundHttp().request({ url: `${base}/hello` });
    expect(res).toMatchObject({ ok: false, error: 'blocked' });
    expect(hits).toBe(before);
  });

  it('reaches an allow-listed host and returns status, headers and body', async () => {
    const res = success(await createOutboundHttp(allowLocal).request({ url: `${base}/hello` }));
    expect(res.status).toBe(200);
    expect(res.bodyText).toBe('hi');
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['x-multi']).toBe('a, b');
    expect(res.url).toBe(`${base}/hello`);
  });

  it('returns 4xx responses as responses', async () => {
    expect(success(await createOutboundHttp(allowLocal).request({ url: `${base}/missing` })).status).toBe(404);
  });

  it('sends method, headers, body and a user agent', async () => {
    const http = createOutboundHttp({ ...allowLocal, userAgent: 'Parley-Test' });
    const res = success(await http.request({ method: 'post', url: `${base}/echo`, headers: { 'X-Parley-Signature': 'sha256=00' }, body: '{"a":1}' }));
    const echoed = JSON.parse(res.bodyText) as { method: string; headers: Record<string, string>; body: string };
    expect(echoed).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(echoed.headers).toMatchObject({ 'user-agent': 'Parley-Test', 'x-parley-signature': 'sha256=00', 'content-length': '7' });
  });

  it('pins the connection to the vetted address instead of asking DNS again', async () => {
    let lookups = 0;
    // First answer is the local server; a rebinding attacker would switch to another one.
    const resolve: HostResolver = async () => [{ address: lookups++ === 0 ? '127.0.0.1' : '10.9.9.9', family: 4 }];
    const http = createOutboundHttp({ allowHosts: ['pinned.test'], resolve });
    const res = success(await http.request({ url: `http://pinned.test:${port}/echo` }));
    expect((JSON.parse(res.bodyText) as { headers: Record<string, string> }).headers.host).toBe(`pinned.test:${port}`);
    expect(lookups).toBe(1);
  });

  it('blocks a name that resolves to a private address', async () => {
    const resolve: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const res = await createOutboundHttp({ resolve }).request({ url: `http://evil.test:${port}/hello` });
    expect(res).toMatchObject({ ok: false, error: 'blocked', message: 'Host "evil.test" resolves to a loopback address' });
  });

  it('refuses non-http schemes and invalid URLs as blocked', async () => {
    const http = createOutboundHttp(allowLocal);
    expect(await http.request({ url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: 'blocked' });
    expect(await http.request({ url: 'nope' })).toMatchObject({ ok: false, error: 'blocked' });
  });

  describe('redirects', () => {
    it('re-checks every hop: a redirect to a private or metadata address is blocked', async () => {
      const http = createOutboundHttp(allowLocal);
      expect(await http.request({ url: `${base}/to-private` })).toMatchObject({ ok: false, error: 'blocked', message: expect.stringContaining('10.0.0.1') });
      expect(await http.request({ url: `${base}/to-metadata` })).toMatchObject({ ok: false, error: 'blocked', message: expect.stringContaining('link-local') });
      expect(await http.request({ url: `${base}/to-file` })).toMatchObject({ ok: false, error: 'blocked' });
    });

    it('follows up to 3 redirects and stops at the 4th', async () => {
      const http = createOutboundHttp(allowLocal);
      const res = success(await http.request({ url: `${base}/chain/3` }));
      expect(res).toMatchObject({ status: 200, bodyText: 'chain done', url: `${base}/chain/0` });
      expect(await http.request({ url: `${base}/chain/4` })).toMatchObject({ ok: false, error: 'too_many_redirects' });
      const none = createOutboundHttp({ ...allowLocal, maxRedirects: 0 });
      expect(await none.request({ url: `${base}/chain/1` })).toMatchObject({ ok: false, error: 'too_many_redirects' });
    });

    it('turns POST into GET on 303 and keeps it on 307', async () => {
      const http = createOutboundHttp(allowLocal);
      const request = { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } };
      const seeOther = JSON.parse(success(await http.request({ ...request, url: `${base}/see-other` })).bodyText) as Record<string, unknown>;
      expect(seeOther).toMatchObject({ method: 'GET', body: '' });
      expect(seeOther.headers).not.toHaveProperty('content-type');
      const temporary = JSON.parse(success(await http.request({ ...request, url: `${base}/temporary` })).bodyText) as Record<string, unknown>;
      expect(temporary).toMatchObject({ method: 'POST', body: 'payload' });
    });

    it('drops credentials when the redirect leaves the origin', async () => {
      const resolve: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
      const http = createOutboundHttp({ allowHosts: ['127.0.0.1', 'localhost'], resolve });
      const headers = { authorization: 'Bearer secret', cookie: 'a=b', 'x-keep': '1' };
      const res = success(await http.request({ url: `${base}/cross-origin`, headers }));
      const echoed = JSON.parse(res.bodyText) as { headers: Record<string, string> };
      expect(echoed.headers).not.toHaveProperty('authorization');
      expect(echoed.headers).not.toHaveProperty('cookie');
      expect(echoed.headers['x-keep']).toBe('1');
      // Same origin keeps them.
      const same = JSON.parse(success(await http.request({ url: `${base}/temporary`, headers })).bodyText) as { headers: Record<string, string> };
      expect(same.headers.authorization).toBe('Bearer secret');
    });
  });

  describe('limits and failures', () => {
    it('times out a server that never answers', async () => {
      const started = Date.now();
      const res = await createOutboundHttp({ ...allowLocal, timeoutMs: 200 }).request({ url: `${base}/slow` });
      expect(res).toMatchObject({ ok: false, error: 'timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('takes a shorter time limit per request, never a longer one', async () => {
      const http = createOutboundHttp({ ...allowLocal, timeoutMs: 5000 });
      const started = Date.now();
      expect(await http.request({ url: `${base}/slow`, timeoutMs: 150 })).toMatchObject({ ok: false, error: 'timeout' });
      expect(Date.now() - started).toBeLessThan(1500);
      const capped = Date.now();
      expect(await createOutboundHttp({ ...allowLocal, timeoutMs: 150 }).request({ url: `${base}/slow`, timeoutMs: 60_000 })).toMatchObject({
        ok: false,
        error: 'timeout',
      });
      expect(Date.now() - capped).toBeLessThan(1500);
    });

    it('times out slow DNS', async () => {
      const resolve: HostResolver = () => new Promise(() => undefined);
      const res = await createOutboundHttp({ timeoutMs: 100, resolve }).request({ url: 'http://slow-dns.test/' });
      expect(res).toMatchObject({ ok: false, error: 'timeout' });
    });

    it('caps the body size, streamed or declared', async () => {
      const http = createOutboundHttp({ ...allowLocal, maxBodyBytes: 1024 });
      expect(await http.request({ url: `${base}/big` })).toMatchObject({ ok: false, error: 'too_large' });
      expect(await http.request({ url: `${base}/big-declared` })).toMatchObject({ ok: false, error: 'too_large' });
      expect(success(await http.request({ url: `${base}/exact` })).bodyText).toHaveLength(1024);
    });

    it('lets one request raise or lower the body cap, and hands back the raw bytes', async () => {
      const http = createOutboundHttp({ ...allowLocal, maxBodyBytes: 1024 });
      const big = success(await http.request({ url: `${base}/big-declared`, maxBodyBytes: 5000 }));
      expect(big.body).toEqual(Buffer.alloc(5000, 97));
      expect(await http.request({ url: `${base}/exact`, maxBodyBytes: 1000 })).toMatchObject({ ok: false, error: 'too_large' });
    });

    it('reports refused connections and unresolvable hosts as connection errors', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const freePort = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const res = await createOutboundHttp(allowLocal).request({ url: `http://127.0.0.1:${freePort}/` });
      expect(res).toMatchObject({ ok: false, error: 'connection', message: expect.stringContaining('ECONNREFUSED') });

      const resolve: HostResolver = () => Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
      expect(await createOutboundHttp({ resolve }).request({ url: 'http://gone.test/' })).toMatchObject({ ok: false, error: 'connection' });
    });

    it('never rejects on a request node refuses to send', async () => {
      const res = await createOutboundHttp(allowLocal).request({ url: `${base}/hello`, headers: { 'x-bad': 'line\nbreak' } });
      expect(res).toMatchObject({ ok: false, error: 'connection' });
    });
  });
});
