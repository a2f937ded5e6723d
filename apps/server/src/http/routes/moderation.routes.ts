import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { moderateReply } from '@parley/use-cases';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';

const decisionDto = z.object({ messageId: z.string(), conversationId: z.string(), deliveryStatus: z.enum(['pending', 'rejected']) });
const noteBody = z.object({ note: z.string().trim().max(2000).optional() }).strict();

/**
 * Reply moderation: on channels with `requireApproval` (public reviews), an advisor's public reply
 * waits as `pending_approval` until a supervisor (`supervise`) approves it (it is then delivered)
 * or rejects it with a note (it is never sent).
 */
export function moderationRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/messages/:id/approve',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Approve a reply waiting for approval; it is then delivered',
          description: 'Needs `supervise`. 409 `invalid_state` when the reply is not waiting for approval.',
          params: idParams,
          body: noteBody.optional(),
          response: { 200: decisionDto, 403: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => moderateReply(ctx.useCases, principalOf(request), request.params.id, { decision: 'approve', note: request.body?.note }),
    );

    app.post(
      '/api/v1/messages/:id/reject',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Reject a reply waiting for approval, with a note; it is never sent',
          description: 'Needs `supervise`. The note is on the timeline and is the message’s delivery error.',
          params: idParams,
          body: noteBody,
          response: { 200: decisionDto, 403: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => moderateReply(ctx.useCases, principalOf(request), request.params.id, { decision: 'reject', note: request.body.note }),
    );
  };
}
