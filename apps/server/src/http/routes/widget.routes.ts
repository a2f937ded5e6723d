import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { AppError } from '@parley/kernel';
import { checkAttachment, safeFileName, type Channel } from '@parley/domain';
import { isOriginAllowed, readWebchatConfig } from '@parley/channel-webchat';
import type { WidgetConfig } from '@parley/realtime-protocol';
import { findVisitor, visitorHashOf } from '@parley/use-cases';
import { errorSchema } from '../dto.js';
import type { ServerContext } from '../server-context.js';
import { uploadScope, webchatChannel } from '../../realtime/widget-namespace.js';
import { keyedWindowLimiter } from '../../realtime/ack.js';
import { signedAttachmentUrl } from './attachments.routes.js';

/** What visitors may upload: images and PDF (checked on the bytes, like every attachment). */
export const WIDGET_UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;

const channelParams = z.object({ channelId: z.uuid() });
const widgetConfigDto = z.object({
  channelId: z.string(),
  brandName: z.string(),
  primaryColor: z.string(),
  greeting: z.object({ fr: z.string(), en: z.string() }),
  defaultLocale: z.enum(['fr', 'en']),
  available: z.boolean(),
  prechat: z.object({ enabled: z.boolean(), requireEmail: z.boolean() }),
  rules: z.object({
    minSecondsOnPage: z.number().optional(),
    urlPattern: z.string().optional(),
    minCartValue: z.number().optional(),
    lostAfterPages: z.number().optional(),
  }),
  helpCenterUrl: z.string().nullable(),
  attachments: z.object({ maxBytes: z.number(), types: z.array(z.string()) }),
});
const uploadDto = z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), url: z.string() });

/** Files a visitor may upload per window. */
export const WIDGET_UPLOAD_LIMIT = { max: 10, windowMs: 60_000 };

/**
 * The widget's public HTTP endpoints (CORS: any origin, no cookies; the channel's
 * allowedOrigins is checked here). Downloads use the signed, expiring links that the
 * widget's messages carry, so no visitor credential ever appears in a URL.
 */
export function widgetRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const type of WIDGET_UPLOAD_TYPES) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: ctx.config.attachmentMaxBytes }, (_req, body, done) => done(null, body));
    }
    const rateLimit = { max: ctx.config.publicRateLimitPerMinute, timeWindow: '1 minute' };
    // Besides the per-address limit of the route: per visitor, whatever address they come from.
    const allowUpload = keyedWindowLimiter(WIDGET_UPLOAD_LIMIT.max, WIDGET_UPLOAD_LIMIT.windowMs);

    async function channelFor(request: FastifyRequest, channelId: string): Promise<Channel> {
      const channel = await webchatChannel(ctx, channelId);
      if (!channel) throw new AppError('channel_not_found', `Web chat channel ${channelId} does not exist`);
      if (!isOriginAllowed(readWebchatConfig(channel.config), request.headers.origin)) throw new AppError('forbidden', 'This site may not use this chat');
      return channel;
    }

    async function defaultHelpCenterUrl(workspaceId: string): Promise<string | null> {
      const workspace = await ctx.store.read.workspaces.get(workspaceId);
      return workspace ? `${ctx.publicUrl}/help/${encodeURIComponent(workspace.slug)}` : null;
    }

    app.get(
      '/api/v1/widget/:channelId/config',
      {
        config: { public: true, rateLimit },
        schema: {
          tags: ['widget'],
          summary: "A web chat channel's public widget configuration and whether someone can answer now",
          params: channelParams,
          response: { 200: widgetConfigDto, 403: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        const channel = await channelFor(request, request.params.channelId);
        const config = readWebchatConfig(channel.config);
        const body: WidgetConfig = {
          channelId: channel.id,
          brandName: config.brandName,
          primaryColor: config.primaryColor,
          greeting: config.greeting,
          defaultLocale: config.defaultLocale,
          available: await ctx.availability.available(channel),
          prechat: config.prechat,
          rules: config.rules,
          // Without an explicit link, the workspace's own help center (/help/{slug}) is the self-service fallback.
          helpCenterUrl: config.helpCenterUrl ?? (await defaultHelpCenterUrl(channel.workspaceId)),
          attachments: { maxBytes: ctx.config.attachmentMaxBytes, types: [...WIDGET_UPLOAD_TYPES] },
        };
        // Availability changes by the second: never cached.
        return reply.header('cache-control', 'no-store').header('cross-origin-resource-policy', 'cross-origin').send(body);
      },
    );

    app.post(
      '/api/v1/widget/:channelId/attachments',
      {
        config: { public: true, rateLimit: { max: Math.max(10, Math.floor(ctx.config.publicRateLimitPerMinute / 20)), timeWindow: '1 minute' } },
        bodyLimit: ctx.config.attachmentMaxBytes,
        schema: {
          tags: ['widget'],
          summary: 'A visitor uploads a file (raw bytes, its type as Content-Type); then sends its id with message:send',
          description: 'Header `X-Visitor-Token`: the token from the widget session. Images (PNG, JPEG, GIF, WebP) and PDF, checked on the bytes.',
          params: channelParams,
          querystring: z.object({ fileName: z.string().min(1).max(255) }),
          response: { 201: uploadDto, 401: errorSchema, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const channel = await channelFor(request, request.params.channelId);
        const token = request.headers['x-visitor-token'];
        const customerId = typeof token === 'string' && token.length >= 20 && token.length <= 200 ? await findVisitor(ctx.store, channel, token) : null;
        if (!customerId || typeof token !== 'string') throw new AppError('unauthenticated', 'Send the visitor token of this channel in X-Visitor-Token');
        if (!allowUpload(visitorHashOf(token))) throw new AppError('rate_limited', 'Too many files; wait a minute');
        const data = request.body;
        if (!Buffer.isBuffer(data)) throw new AppError('attachment_rejected', `Send the file as the raw body with one of: ${WIDGET_UPLOAD_TYPES.join(', ')}`);
        const checked = checkAttachment(data, request.headers['content-type'] ?? '', ctx.config.attachmentMaxBytes);
        if (!checked.ok) throw new AppError('attachment_rejected', `Attachment refused: ${checked.reason}`);
        const file = await ctx.store.transaction(async (tx) => {
          const stored = await tx.files.put({
            workspaceId: channel.workspaceId,
            fileName: safeFileName(request.query.fileName),
            contentType: checked.contentType,
            data,
          });
          // Remember who uploaded it: only this visitor may put it in a message.
          await tx.idempotency.save(channel.workspaceId, uploadScope(visitorHashOf(token)), stored.id, 'upload', { customerId });
          return stored;
        });
        return reply
          .status(201)
          .header('cross-origin-resource-policy', 'cross-origin')
          .send({
            id: file.id,
            fileName: file.fileName,
            contentType: file.contentType,
            sizeBytes: file.sizeBytes,
            url: signedAttachmentUrl(ctx, channel.workspaceId, file.id),
          });
      },
    );
  };
}
