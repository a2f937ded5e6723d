import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the loopback emulator received from the adapter under test. */
export interface ProviderRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the emulator answers: a status and a JSON (or text) body. */
export interface ProviderAnswer {
  status: number;
  body: unknown;
  contentType?: string;
}

/** `hang-up` closes the connection without an answer (a network failure, as the adapter sees it). */
export type EmulatorHandler = (request: ProviderRequest) => ProviderAnswer | 'hang-up' | Promise<ProviderAnswer | 'hang-up'>;

/**
 * A provider API stand-in on 127.0.0.1 (a free port), answering with `handle`. Test code only:
 * the adapter talks to it over HTTP, through its real outbound client, as to the provider.
 *
 * @example
 * const emulator = await startContractEmulator(() => ({ status: 200, body: { ok: true } }));
 * // point the channel's apiBaseUrl at emulator.url, then: await emulator.close();
 */
export async function startContractEmulator(handle: EmulatorHandler): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const request: ProviderRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      Promise.resolve()
        .then(() => handle(request))
        .then(
          (answer) => {
            if (answer === 'hang-up') {
              req.socket.destroy();
              return;
            }
            const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
            res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' }).end(body);
          },
          (err: unknown) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) })),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
