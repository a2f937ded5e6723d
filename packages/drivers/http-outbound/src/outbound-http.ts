import { vetOutboundUrl } from './outbound-url-guard.js';
import { sendPinned } from './pinned-request.js';
import type { HostResolver } from './resolver.js';
import type { OutboundFailure, OutboundResponse } from './types.js';

export interface OutboundHttpOptions {
  /** Hosts that may resolve to non-public addresses (`PARLEY_OUTBOUND_ALLOW_HOSTS`). */
  allowHosts?: readonly string[];
  /** Limit for the whole exchange, DNS and redirects included. Default 10 000 ms. */
  timeoutMs?: number;
  /** Limit for each TCP connect. Default: `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Largest response body accepted. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Redirects followed before giving up. Default 3. */
  maxRedirects?: number;
  userAgent?: string;
  /** DNS override for tests. */
  resolve?: HostResolver;
}

export interface OutboundRequest {
  /** Default `GET`. */
  method?: string;
  url: string | URL;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Overrides the client's `maxBodyBytes` for this request (a media download larger than a JSON answer). */
  maxBodyBytes?: number;
  /** A shorter limit than the client's `timeoutMs` for this request (a connector the agent is waiting on). */
  timeoutMs?: number;
}

export interface OutboundHttp {
  /** Sends the request; never rejects: failures come back as `{ ok: false, error }`. */
  request(request: OutboundRequest): Promise<OutboundResponse>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

function lowercaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

function withTimeout<T>(promise: Promise<T>, deadline: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

/**
 * The one client for HTTP calls to user-given URLs (webhooks, bot actions, connectors).
 * Each hop is vetted against the SSRF rules, the connection is pinned to the vetted
 * address, redirects are followed by hand (re-vetting every hop), and the exchange is
 * bounded in time and size.
 *
 * @example
 * const outbound = createOutboundHttp({ allowHosts: config.outboundAllowHosts });
 * const res = await outbound.request({
 *   method: 'POST', url: channel.webhookUrl, body: raw,
 *   headers: { 'content-type': 'application/json', 'x-parley-signature': signBody(secret, raw) },
 * });
 * if (!res.ok) log.warn({ error: res.error }, res.message);
 */
export function createOutboundHttp(options: OutboundHttpOptions = {}): OutboundHttp {
  const allowHosts = options.allowHosts ?? [];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? timeoutMs;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 3;
  const userAgent = options.userAgent ?? 'Parley-Outbound/0.1';

  async function request(input: OutboundRequest): Promise<OutboundResponse> {
    const deadline = Date.now() + Math.min(timeoutMs, input.timeoutMs ?? timeoutMs);
    let method = (input.method ?? 'GET').toUpperCase();
    let headers: Record<string, string> = { 'user-agent': userAgent, ...lowercaseKeys(input.headers) };
    let body = input.body === undefined ? undefined : Buffer.from(input.body);
    let url: string | URL = input.url;

    for (let hop = 0; ; hop++) {
      const vetting = await withTimeout(vetOutboundUrl(url, { allowHosts, resolve: options.resolve }), deadline);
      if (vetting === 'timeout') return fail('timeout', 'Resolving the host took longer than the time limit');
      if (!vetting.ok) return fail(vetting.reason === 'blocked' ? 'blocked' : 'connection', vetting.message);

      const sent = { ...headers };
      if (body !== undefined) sent['content-length'] = String(body.length);
      const response = await sendPinned({
        url: vetting.url,
        method,
        headers: sent,
        body,
        addresses: vetting.addresses,
        connectTimeoutMs,
        deadline,
        maxBodyBytes: input.maxBodyBytes ?? maxBodyBytes,
      });

      const location = response.ok && REDIRECTS.has(response.status) ? response.headers.location : undefined;
      if (!response.ok || location === undefined) return response;
      let next: URL;
      try {
        next = new URL(location, vetting.url);
      } catch {
        return response; // An unusable Location: hand the 3xx back as it is.
      }
      if (hop >= maxRedirects) return fail('too_many_redirects', `Stopped after ${maxRedirects} redirects`);

      // Same rules as fetch: 303 (and 301/302 after POST) turn into a body-less GET.
      if ((response.status === 303 && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !BODY_HEADERS.includes(name)));
      }
      // Credentials meant for one origin are not handed to another.
      if (next.origin !== vetting.url.origin) {
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name)));
      }
      url = next;
    }
  }

  return { request };
}

function fail(error: OutboundFailure['error'], message: string): OutboundFailure {
  return { ok: false, error, message };
}
