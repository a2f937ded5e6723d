import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { SOCKET_PATH } from '@parley/realtime-protocol';

export interface SocketServer {
  io: Server;
  close(): Promise<void>;
}

/**
 * socket.io on Fastify's HTTP server (path `/socket.io`, WebSocket with long-polling
 * fallback). With `REDIS_URL`, the Redis adapter lets `fetchSockets()` and room operations
 * span processes; live events still reach clients through the bus (see fan-out.ts).
 */
export function createSocketServer(httpServer: HttpServer, options: { redisUrl?: string | undefined; logger: Logger }): SocketServer {
  const io = new Server(httpServer, {
    path: SOCKET_PATH,
    transports: ['polling', 'websocket'],
    serveClient: false,
    // Widgets run on other sites' pages: any origin may open the transport, without cookies.
    // Each namespace checks the Origin itself (the channel's allowedOrigins, the agent app's own origin).
    cors: { origin: true, credentials: false },
    maxHttpBufferSize: 256 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  let pub: Redis | null = null;
  let sub: Redis | null = null;
  if (options.redisUrl) {
    pub = new Redis(options.redisUrl, { connectionName: 'parley-socketio-pub', maxRetriesPerRequest: 2 });
    sub = pub.duplicate({ connectionName: 'parley-socketio-sub' });
    for (const client of [pub, sub]) client.on('error', (err) => options.logger.warn({ err }, 'socket.io redis adapter error'));
    io.adapter(createAdapter(pub, sub, { key: 'parley-socket.io', requestsTimeout: 3_000 }));
  }
  return {
    io,
    async close() {
      // Not io.close(): it would also close the HTTP server, which Fastify closes itself.
      io.local.disconnectSockets(true);
      io.engine.close();
      pub?.disconnect();
      sub?.disconnect();
    },
  };
}
