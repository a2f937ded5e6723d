import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { AppError } from '@parley/kernel';
import { installAuth } from './auth.js';
import { installErrorHandler } from './error-handler.js';
import type { ServerContext } from './server-context.js';
import { healthRoutes } from './routes/health.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { channelRoutes } from './routes/channels.routes.js';
import { inboundRoutes } from './routes/inbound.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';
import { conversationRoutes } from './routes/conversations.routes.js';
import { customerRoutes } from './routes/customers.routes.js';
import { eventRoutes } from './routes/events.routes.js';
import { attachmentRoutes } from './routes/attachments.routes.js';
import { workspaceRoutes } from './routes/workspace.routes.js';
import { routingRoutes } from './routes/routing.routes.js';
import { widgetRoutes } from './routes/widget.routes.js';
import { webAppRoutes } from './routes/web-apps.routes.js';
import { kbRoutes } from './routes/kb.routes.js';
import { helpCenterRoutes } from './routes/help-center.routes.js';
import { mergeRoutes } from './routes/merges.routes.js';
import { channelSwitchRoutes } from './routes/channel-switch.routes.js';
import { moderationRoutes } from './routes/moderation.routes.js';
import { assistRoutes } from './routes/assist.routes.js';
import { nluRoutes } from './routes/nlu.routes.js';
import { botRoutes } from './routes/bots.routes.js';
import { customerCardRoutes } from './routes/customer-cards.routes.js';
import { parseJsonBody } from './json-body.js';

/**
 * Builds the HTTP application: security headers, CORS, rate limits, JSON with the raw body
 * kept (providers sign it), zod validation, OpenAPI, authentication, routes.
 */
export async function buildApp(ctx: ServerContext, logger: Logger): Promise<FastifyInstance> {
  const app = await createApp(ctx, logger);
  return app as unknown as FastifyInstance;
}

/** PARLEY_TRUST_PROXY as Fastify takes it (its types have no hop count: a count becomes the equivalent function). */
function trustProxyOption(value: boolean | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

async function createApp(ctx: ServerContext, logger: Logger) {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    // X-Forwarded-For only from the proxies the operator names: a client must not choose its own address (rate limits key on it).
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    requestIdHeader: 'x-request-id',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app as unknown as FastifyInstance);

  // Keep the raw bytes for signature checks, then parse; a malformed body is a 400, never a 500.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    if (raw.length === 0) return done(null, undefined);
    try {
      done(null, parseJsonBody(raw));
    } catch (error) {
      done(error instanceof AppError ? error : new AppError('malformed_json', 'The body is not valid JSON'), undefined);
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // socket.io: WebSocket to this server (CSP2 browsers don't count ws: as 'self').
        'connect-src': ["'self'", 'ws:', 'wss:'],
        // On plain http (a laptop, a test) upgrading would break every same-origin load.
        'upgrade-insecure-requests': ctx.publicUrl.startsWith('https://') ? [] : null,
      },
    },
  });
  // The widget's endpoints answer any origin without cookies (each channel checks its allowedOrigins);
  // everything else follows PARLEY_CORS_ORIGINS, with credentials.
  const widgetCors = { origin: true, credentials: false, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'x-visitor-token'], maxAge: 600 };
  const apiCors = { origin: ctx.config.corsOrigins.length > 0 ? ctx.config.corsOrigins : false, credentials: true };
  await app.register(cors, { delegator: (request, callback) => callback(null, (request.url ?? '').startsWith('/api/v1/widget/') ? widgetCors : apiCors) });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    ...(ctx.rateLimitRedis ? { redis: ctx.rateLimitRedis, skipOnError: true, nameSpace: 'parley-rl:' } : {}),
    errorResponseBuilder: (_req, context) => new AppError('rate_limited', `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley API',
        version: '0.1.0',
        description: 'Self-hosted, AI-augmented contact center. Errors: `{error: {code, message}}` with codes from docs/errors.md.',
      },
      servers: [{ url: ctx.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/v1/api-tokens' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'parley_session',
            description: 'Session cookie from POST /api/v1/auth/login; writes also need the X-CSRF-Token header',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI's own routes are public documentation.
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) ctx.routeTable.push({ method, url: route.url });
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  // PostgreSQL stores no NUL in text: a %00 in the path or query is bad input (422), never a database error (500).
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) throw new AppError('validation_failed', 'The URL may not contain the NUL character (%00)');
  });
  installAuth(app as unknown as FastifyInstance, ctx.store, ctx.clock);
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(channelRoutes(ctx));
  await app.register(inboundRoutes(ctx));
  await app.register(webhookRoutes(ctx));
  await app.register(conversationRoutes(ctx));
  await app.register(customerRoutes(ctx));
  await app.register(customerCardRoutes(ctx));
  await app.register(eventRoutes(ctx));
  await app.register(attachmentRoutes(ctx));
  await app.register(workspaceRoutes(ctx));
  await app.register(routingRoutes(ctx));
  await app.register(widgetRoutes(ctx));
  await app.register(webAppRoutes(ctx));
  await app.register(kbRoutes(ctx));
  await app.register(helpCenterRoutes(ctx));
  await app.register(botRoutes(ctx));
  await app.register(mergeRoutes(ctx));
  await app.register(channelSwitchRoutes(ctx));
  await app.register(moderationRoutes(ctx));
  await app.register(assistRoutes(ctx));
  await app.register(nluRoutes(ctx));
  return app;
}
