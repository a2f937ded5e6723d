import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './resolver.js';
import type { OutboundFailure, OutboundResponse } from './types.js';

/** One HTTP exchange to an already vetted URL; redirects are the caller's business. */
export interface PinnedRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** Vetted addresses of `url`'s host; the socket may connect to these only. */
  addresses: readonly ResolvedAddress[];
  connectTimeoutMs: number;
  /** Epoch ms by which the whole response must have arrived. */
  deadline: number;
  maxBodyBytes: number;
}

/**
 * A `lookup` that answers with the vetted addresses instead of asking DNS again, so a
 * name cannot be re-pointed (DNS rebinding) between the check and the connect.
 */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    const first = wanted[0];
    if (first === undefined) {
      const error: NodeJS.ErrnoException = new Error('No vetted address of the requested family');
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (options.all === true) {
      callback(
        null,
        wanted.map((a) => ({ address: a.address, family: a.family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== undefined && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/**
 * Sends one request over a fresh connection pinned to the vetted addresses, with a
 * connect timeout, an overall deadline and a body size cap. Always resolves.
 *
 * @example
 * const res = await sendPinned({ url, method: 'GET', headers: {}, body: undefined,
 *   addresses, connectTimeoutMs: 5000, deadline: Date.now() + 10_000, maxBodyBytes: 1 << 20 });
 */
export function sendPinned(req: PinnedRequest): Promise<OutboundResponse> {
  return new Promise((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    let client: http.ClientRequest | undefined;
    const finish = (result: OutboundResponse): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      if (!result.ok) client?.destroy();
      resolve(result);
    };
    const fail = (error: OutboundFailure['error'], message: string): void => finish({ ok: false, error, message });

    const remaining = req.deadline - Date.now();
    if (remaining <= 0) return fail('timeout', 'The time limit was reached before the request was sent');

    const transport = req.url.protocol === 'https:' ? https : http;
    try {
      client = transport.request({
        protocol: req.url.protocol,
        hostname: req.url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: req.url.port === '' ? undefined : Number(req.url.port),
        path: `${req.url.pathname}${req.url.search}`,
        method: req.method,
        headers: req.headers,
        auth: req.url.username === '' ? undefined : `${decodeURIComponent(req.url.username)}:${decodeURIComponent(req.url.password)}`,
        // No pooling: a pooled socket could outlive the vetting it was opened under.
        agent: false,
        lookup: pinnedLookup(req.addresses),
      });
    } catch (error) {
      // Invalid method or header characters are rejected synchronously by node.
      return fail('connection', `The request could not be sent: ${describeError(error)}`);
    }

    timers.push(setTimeout(() => fail('timeout', `No complete response within the time limit`), remaining));
    const connectTimer = setTimeout(() => fail('timeout', `Could not connect within ${req.connectTimeoutMs} ms`), req.connectTimeoutMs);
    timers.push(connectTimer);
    client.once('socket', (socket) => socket.once('connect', () => clearTimeout(connectTimer)));
    client.on('error', (error) => fail('connection', describeError(error)));

    client.on('response', (res) => {
      const tooLarge = (): void => fail('too_large', `The response body is larger than ${req.maxBodyBytes} bytes`);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxBodyBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBodyBytes) return tooLarge();
        chunks.push(chunk);
      });
      res.on('error', (error) => fail('connection', describeError(error)));
      res.on('close', () => {
        if (!res.complete) fail('connection', 'The response was cut off');
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        finish({ ok: true, status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), bodyText: body.toString('utf8'), body, url: req.url.href });
      });
    });

    client.end(req.body);
  });
}
