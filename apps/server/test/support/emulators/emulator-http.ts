import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as an emulator sees it. */
export interface EmulatedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
}

export interface EmulatedResponse {
  status: number;
  body: unknown;
  contentType?: string;
}

/** A loopback HTTP server answering with `handle`; test code only. */
export async function startEmulatorServer(
  handle: (req: EmulatedRequest) => EmulatedResponse | Promise<EmulatedResponse>,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://emulator');
      try {
        const answer = await handle({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          rawBody: Buffer.concat(chunks).toString('utf8'),
        });
        res
          .writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' })
          .end(typeof answer.body === 'string' || Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body));
      } catch (err) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Where a provider's call to Parley's public URL really goes in a test: the public URL (what the
 * provider signs) is rewritten to the test server's loopback address.
 */
export function reroute(publicUrl: string, serverUrl: string): (url: string) => string {
  return (url) => (url.startsWith(publicUrl) ? serverUrl + url.slice(publicUrl.length) : url);
}
