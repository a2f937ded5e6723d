import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@parley/kernel';
import { requirePermission } from '@parley/domain';
import { createChannel } from '@parley/use-cases';
import { principalOf } from '../auth.js';
import { channelDto, errorSchema, idParams, toChannelDto } from '../dto.js';
import type { ServerContext } from '../server-context.js';

/** Channel configuration: one shape for every channel type. */
export function channelRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/channels',
      {
        schema: {
          tags: ['channels'],
          summary: 'Create a channel; returns its signing secret once',
          description: [
            'For the API channel: `{type: "api", name, config: {webhookUrl}}`. The webhook URL must not point to a private address unless the host is in PARLEY_OUTBOUND_ALLOW_HOSTS.',
            'WhatsApp: `{type: "whatsapp", config: {phoneNumberId, accessToken, appSecret, verifyToken, businessAccountId?, displayPhoneNumber?, apiBaseUrl?, apiVersion?}}`; webhooks at `/webhooks/whatsapp/{channelId}` or app-level `/webhooks/whatsapp`.',
            'Messenger: `{type: "messenger", config: {pageId, accessToken, appSecret, verifyToken, apiBaseUrl?, apiVersion?}}`; Instagram: `{type: "instagram", config: {instagramAccountId, pageId?, accessToken, appSecret, verifyToken, apiBaseUrl?, apiVersion?}}`; webhooks at `/webhooks/{messenger|instagram}/{channelId}` or app-level `/webhooks/messenger`.',
            'Secret fields (accessToken, appSecret, verifyToken…) are sealed at rest and never returned in `config`. `apiBaseUrl` overrides the provider host (a proxy, a regional endpoint, an emulator); its host must be in PARLEY_OUTBOUND_ALLOW_HOSTS. Every type is described in docs/channels.md.',
          ].join('\n\n'),
          body: z.object({ type: z.string().min(1).max(40), name: z.string().trim().min(1).max(120), config: z.record(z.string(), z.unknown()).default({}), botId: z.uuid().nullable().optional() }).strict(),
          response: { 201: channelDto.extend({ secret: z.string().nullable() }), 422: errorSchema },
        },
      },
      async (request, reply) => {
        const { channel, secret } = await createChannel(ctx.useCases, principalOf(request), request.body);
        return reply.status(201).send({ ...toChannelDto(channel), secret });
      },
    );

    app.get('/api/v1/channels', { schema: { tags: ['channels'], summary: 'List channels', response: { 200: z.object({ items: z.array(channelDto) }) } } }, async (request) => {
      const principal = principalOf(request);
      requirePermission(principal, 'channels:read');
      return { items: (await ctx.store.read.channels.list(principal.workspaceId)).map(toChannelDto) };
    });

    app.get('/api/v1/channels/:id', { schema: { tags: ['channels'], summary: 'One channel', params: idParams, response: { 200: channelDto, 404: errorSchema } } }, async (request) => {
      const principal = principalOf(request);
      requirePermission(principal, 'channels:read');
      const channel = await ctx.store.read.channels.get(principal.workspaceId, request.params.id);
      if (!channel) throw new AppError('channel_not_found', `Channel ${request.params.id} does not exist`);
      return toChannelDto(channel);
    });
  };
}
