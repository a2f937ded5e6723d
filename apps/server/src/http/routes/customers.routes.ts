import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eraseCustomer, getCustomer, getTimeline } from '@parley/use-cases';
import { principalOf } from '../auth.js';
import { customerDto, errorSchema, idParams, pageOf, pageQuery, timelineEntryDto, toCustomerDto, toTimelineEntryDto } from '../dto.js';
import type { ServerContext } from '../server-context.js';

/** The customer profile and its one story across conversations and channels. */
export function customerRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/customers/:id', { schema: { tags: ['customers'], summary: 'A customer with identities', params: idParams, response: { 200: customerDto, 404: errorSchema } } }, async (request) =>
      toCustomerDto(await getCustomer(ctx.store, principalOf(request), request.params.id)),
    );

    app.post(
      '/api/v1/customers/:id/erase',
      { schema: { tags: ['customers'], summary: 'Erase a customer (GDPR): identities, profile, attachments and their messages\' text', params: idParams, response: { 200: z.object({ redactedMessages: z.number() }), 404: errorSchema } } },
      async (request) => eraseCustomer(ctx.store, principalOf(request), request.params.id, ctx.clock.now()),
    );

    app.get(
      '/api/v1/customers/:id/timeline',
      {
        schema: {
          tags: ['customers'],
          summary: "The customer's timeline: messages and events of every conversation and channel, oldest first",
          params: idParams,
          querystring: pageQuery,
          response: { 200: pageOf(timelineEntryDto), 404: errorSchema },
        },
      },
      async (request) => {
        const page = await getTimeline(ctx.store, principalOf(request), request.params.id, request.query.cursor ?? null, request.query.limit);
        return { items: page.items.map(toTimelineEntryDto), nextCursor: page.nextCursor };
      },
    );
  };
}
