import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../server-context.js';

/** Liveness, readiness (database and Redis reachable) and Prometheus metrics. */
export function healthRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', { config: { public: true }, schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

    app.get(
      '/ready',
      {
        config: { public: true },
        schema: { hide: true, response: { 200: z.object({ status: z.string(), checks: z.record(z.string(), z.string()) }), 503: z.object({ status: z.string(), checks: z.record(z.string(), z.string()) }) } },
      },
      async (_request, reply) => {
        const checks: Record<string, string> = {};
        for (const [name, probe] of Object.entries(ctx.readinessProbes)) {
          try {
            await withTimeout(probe(), 2000);
            checks[name] = 'ok';
          } catch (error) {
            checks[name] = `failed: ${(error as Error).message}`;
          }
        }
        const ready = Object.values(checks).every((v) => v === 'ok');
        return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
      },
    );

    app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
      await ctx.refreshGauges();
      return reply.header('content-type', ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
    });
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]).finally(() => clearTimeout(timer));
}
