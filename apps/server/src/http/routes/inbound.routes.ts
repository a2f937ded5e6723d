import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from '@parley/kernel';
import { apiInboundBodySchema } from '@parley/channel-api';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';
import { TtlCache } from '../../infra/ttl-cache.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

/**
 * Provider webhooks: the signature is checked on the raw body before anything is parsed or
 * stored; then the adapter normalises the body and the ingestor records it. The 202 is sent
 * only after the message is committed (an acknowledged message is never lost).
 */
export function inboundRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  // Every webhook needs its channel row and opened secrets: a few seconds of staleness is fine
  // (a new channel is a miss; a deleted or re-keyed one stops verifying within the TTL).
  const channels = new TtlCache<string, { channel: NonNullable<Awaited<ReturnType<typeof ctx.store.read.channels.getForInbound>>>; secrets: Record<string, string> } | null>(5_000, 5_000);
  const loadChannel = (id: string) =>
    channels.get(id, async () => {
      const channel = await ctx.store.read.channels.getForInbound(id);
      return channel ? { channel, secrets: ctx.sealer.open(channel.sealedSecrets) } : null;
    });
  return async (app) => {
    app.post(
      '/api/v1/channels/:id/inbound',
      {
        config: { public: true, rateLimit: { max: ctx.config.publicRateLimitPerMinute, timeWindow: '1 minute' } },
        // The body is documented but validated by the channel's adapter after the signature check,
        // so that a forged request gets 401 whatever its shape.
        validatorCompiler: (req) => (req.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(req as unknown as Parameters<typeof validatorCompiler>[0])),
        schema: {
          tags: ['channels'],
          summary: 'Receive a message on a channel (signed webhook)',
          description: 'Header `X-Parley-Signature: sha256=<hex HMAC-SHA256 of the raw body with the channel secret>`. The provider message id is an idempotency key.',
          params: idParams,
          body: apiInboundBodySchema,
          response: { 202: z.object({ conversationId: z.string(), messageId: z.string(), duplicate: z.boolean() }), 401: errorSchema, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const loaded = await loadChannel(request.params.id);
        // Unknown ids are not remembered: the channel may be created a moment later.
        if (!loaded) channels.delete(request.params.id);
        const channel = loaded?.channel;
        if (!loaded || !channel) throw new AppError('channel_not_found', `Channel ${request.params.id} does not exist`);
        const adapter = ctx.channels.get(channel.type);
        const raw = { headers: request.headers, rawBody: request.rawBody ?? Buffer.alloc(0), url: `${ctx.publicUrl}${request.url}` };
        const secrets = loaded.secrets;
        if (!adapter.verify(raw, secrets)) {
          ctx.metrics.inboundMessages.inc({ channel_type: channel.type, outcome: 'bad_signature' });
          throw new AppError('invalid_signature', 'The signature does not match the body');
        }
        const parsed = adapter.parseInbound(raw, { id: channel.id, config: channel.config });
        if (!parsed.ok) throw new AppError(parsed.code, parsed.message, parsed.details);
        let last: { conversationId: string; messageId: string; duplicate: boolean } | null = null;
        for (const event of parsed.events) {
          if (event.kind !== 'message') continue;
          const result = await ctx.ingestor.ingest({
            workspaceId: channel.workspaceId,
            channelId: channel.id,
            providerMessageId: event.providerMessageId,
            identities: event.identities,
            displayName: event.displayName,
            content: event.content,
            text: event.text,
            ...(event.topic !== undefined ? { topic: event.topic } : {}),
          });
          ctx.metrics.inboundMessages.inc({ channel_type: channel.type, outcome: result.duplicate ? 'duplicate' : 'stored' });
          last = { conversationId: result.conversationId, messageId: result.messageId, duplicate: result.duplicate };
        }
        if (!last) throw new AppError('validation_failed', 'The request carried no message');
        return reply.status(202).send(last);
      },
    );
  };
}
