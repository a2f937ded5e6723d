import { existsSync, statSync } from 'node:fs';
import { normalize, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../server-context.js';
import { demoPage, notBuiltPage } from './demo-page.js';

// apps/server/{src,dist}/http/routes → apps/
const APPS_DIR = fileURLToPath(new URL('../../../../', import.meta.url));
/** Where the other workspaces build the browser bundles. */
export const WIDGET_DIST = join(APPS_DIR, 'widget', 'dist');
export const AGENT_DIST = join(APPS_DIR, 'agent', 'dist');

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A file inside `root`, or null (no `..` escapes: the path is normalised and must stay under root). */
function inside(root: string, relative: string): string | null {
  const full = normalize(join(root, relative));
  return full.startsWith(root.endsWith(sep) ? root : root + sep) && isFile(full) ? full : null;
}

function sendNotBuilt(reply: FastifyReply, what: string, command: string) {
  return reply.status(503).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(notBuiltPage(what, command));
}

/**
 * The browser side served by Parley itself: the widget script (`/widget.js`, embeddable on
 * any site), the agent app (`/app`, a single-page app), and the demo shop page (`/demo`).
 * Bundles are looked up on every request, so building them while the server runs is enough;
 * until then a clear 503 page says what to build.
 */
export function webAppRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    // serve: false: only reply.sendFile, with the root given per call (the folders may not exist yet).
    await app.register(fastifyStatic, { root: APPS_DIR, serve: false });

    app.get('/widget.js', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
      if (!existsSync(join(WIDGET_DIST, 'widget.js'))) return sendNotBuilt(reply, 'The web chat widget', 'npm run build -w @parley/widget');
      // Host sites load it cross-origin.
      return reply.header('cross-origin-resource-policy', 'cross-origin').header('cache-control', 'public, max-age=300').sendFile('widget.js', WIDGET_DIST);
    });

    const agentApp = async (path: string, reply: FastifyReply) => {
      if (!existsSync(join(AGENT_DIST, 'index.html'))) return sendNotBuilt(reply, 'The agent app', 'npm run build -w @parley/agent');
      const file = path ? inside(AGENT_DIST, path) : null;
      if (file)
        return reply
          .header('cache-control', path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
          .sendFile(file.slice(AGENT_DIST.length + 1), AGENT_DIST);
      // SPA fallback: client-side routes get the shell.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', AGENT_DIST);
    };
    app.get('/app', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => agentApp('', reply));
    app.get<{ Params: { '*': string } }>('/app/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) =>
      agentApp(request.params['*'] ?? '', reply),
    );

    app.get<{ Querystring: { lang?: string } }>('/demo', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      if (!ctx.demoChannelId)
        return reply.status(404).header('content-type', 'text/html; charset=utf-8').send(notBuiltPage('The demo', 'PARLEY_DEMO=true npm start'));
      const locale = request.query.lang === 'en' ? 'en' : 'fr';
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(demoPage(ctx.demoChannelId, locale));
    });
  };
}
