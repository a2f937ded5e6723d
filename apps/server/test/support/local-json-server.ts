import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a local provider answers: a status and a JSON body, or nothing at all (`hang`). */
export type LocalAnswer = { status: number; json: unknown } | 'hang';

/**
 * A local HTTP server answering one JSON `POST` route (404 elsewhere), for tests that need a real
 * round trip to an OpenAI-compatible provider. The URL ends with `/v1`, as providers document it.
 */
export async function startLocalJsonServer(
  path: string,
  answer: (headers: IncomingHttpHeaders, body: unknown) => LocalAnswer,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== path) return void res.writeHead(404).end();
      const reply = answer(req.headers, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
