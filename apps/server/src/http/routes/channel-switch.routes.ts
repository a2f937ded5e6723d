import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listReachableChannels, switchConversationChannel } from '@parley/use-cases';
import { principalOf } from '../auth.js';
import { conversationDto, errorSchema, idParams, toConversationDto } from '../dto.js';
import type { ServerContext } from '../server-context.js';

const reachableDto = z.object({
  channelId: z.string(),
  type: z.string(),
  name: z.string(),
  current: z.boolean(),
  reachable: z.boolean(),
  address: z.string().nullable(),
  collect: z.enum(['phone', 'email']).nullable(),
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** Channel switch: the agent continues a conversation on another channel the customer has. */
export function channelSwitchRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/conversations/:id/reachable-channels',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Channels this conversation could continue on, with the address each would use or why not',
          params: idParams,
          response: { 200: z.object({ items: z.array(reachableDto) }), 404: errorSchema },
        },
      },
      async (request) => ({ items: await listReachableChannels(ctx.useCases, principalOf(request), request.params.id) }),
    );

    app.post(
      '/api/v1/conversations/:id/switch-channel',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Continue the conversation on another channel (same conversation, same story)',
          description:
            'The channel must reach the customer: an identity of the kind it delivers to (phone for SMS and WhatsApp, email for email), or `address`, a phone number or email collected in the conversation (added as an unverified identity, provenance agent). Refused with 409 `consent_revoked` or `message_window_closed`, 422 `customer_unreachable`. Needs `conversations:reply`.',
          params: idParams,
          body: z.object({ channelId: z.uuid(), address: z.string().trim().min(3).max(320).optional() }).strict(),
          response: { 200: conversationDto, 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request) =>
        toConversationDto(
          await switchConversationChannel(ctx.useCases, principalOf(request), {
            conversationId: request.params.id,
            channelId: request.body.channelId,
            address: request.body.address,
          }),
        ),
    );
  };
}
