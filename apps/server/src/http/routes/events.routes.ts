import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePermission } from '@parley/domain';
import { principalOf } from '../auth.js';
import type { ServerContext } from '../server-context.js';

/**
 * Live updates as Server-Sent Events: every bus event of the caller's workspace, from any
 * process (the Redis bus carries them across processes).
 */
export function eventRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/events/stream', { schema: { tags: ['events'], summary: 'Live workspace events (text/event-stream)' } }, async (request, reply) => {
      const principal = principalOf(request);
      requirePermission(principal, 'conversations:read');
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const subscription = await ctx.bus.subscribe('*', (event) => {
        if (event.workspaceId !== principal.workspaceId) return;
        res.write(`id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify({ ...event, workspaceId: undefined })}\n\n`);
      });
      // Only now: a client may rely on `connected` meaning no later event will be missed.
      res.write(': connected\n\n');
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        void subscription.unsubscribe();
      });
    });
  };
}
