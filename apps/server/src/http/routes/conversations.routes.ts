import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changeConversationStatus, getConversation, getConversationWindow, listConversations, listMessages, sendReply } from '@parley/use-cases';
import { principalOf } from '../auth.js';
import {
  conversationDto,
  conversationListItemDto,
  errorSchema,
  idParams,
  messageDto,
  pageOf,
  pageQuery,
  toConversationDto,
  toConversationListItemDto,
  toMessageDto,
} from '../dto.js';
import type { ServerContext } from '../server-context.js';

const statusEnum = z.enum(['open', 'pending', 'snoozed', 'resolved', 'closed']);

/** An approved template reply (WhatsApp outside the 24-hour window). */
const replyTemplateBody = z
  .object({
    name: z.string().min(1).max(512),
    language: z.string().min(2).max(15).describe('Template language code, e.g. fr or en_US'),
    variables: z.array(z.string().max(1024)).max(20).optional().describe('Values of {{1}}, {{2}}… in order'),
  })
  .strict();

const messageWindowDto = z.object({ open: z.boolean(), closesAt: z.string().nullable(), hours: z.number(), templates: z.boolean() });

/** Conversations, their messages, agent replies and status changes. */
export function conversationRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/conversations',
      {
        schema: {
          tags: ['conversations'],
          summary: 'List conversations, newest first (cursor pagination)',
          description: "Each item carries its customer's name, the newest message's excerpt and the unread count, so a list needs no request per conversation.",
          querystring: pageQuery.extend({ status: statusEnum.optional(), customerId: z.uuid().optional() }),
          response: { 200: pageOf(conversationListItemDto) },
        },
      },
      async (request) => {
        const { cursor, limit, status, customerId } = request.query;
        const page = await listConversations(
          ctx.store,
          principalOf(request),
          { ...(status ? { status } : {}), ...(customerId ? { customerId } : {}) },
          cursor ?? null,
          limit,
        );
        return { items: page.items.map(toConversationListItemDto), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/api/v1/conversations/:id',
      {
        schema: {
          tags: ['conversations'],
          summary: 'One conversation',
          description:
            "`window`: the customer-service window of its channel (WhatsApp: 24 h after the customer's last message; outside it only approved templates can be sent), null when the channel has none.",
          params: idParams,
          response: { 200: conversationDto.extend({ window: messageWindowDto.nullable() }), 404: errorSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const conversation = await getConversation(ctx.store, principal, request.params.id);
        const window = await getConversationWindow(ctx.useCases, principal, conversation);
        return { ...toConversationDto(conversation), window: window ? { ...window, closesAt: window.closesAt?.toISOString() ?? null } : null };
      },
    );

    app.get(
      '/api/v1/conversations/:id/messages',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Messages in sequence order (cursor pagination)',
          params: idParams,
          querystring: pageQuery,
          response: { 200: pageOf(messageDto), 404: errorSchema },
        },
      },
      async (request) => {
        const page = await listMessages(ctx.store, principalOf(request), request.params.id, request.query.cursor ?? null, request.query.limit);
        return { items: page.items.map(toMessageDto), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/api/v1/conversations/:id/messages',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Reply as an agent, or add an internal note or a whisper',
          description:
            'Public replies are delivered by a durable job to the channel; notes and whispers are never sent to the customer. A public reply in a conversation the virtual agent handles takes it over: the handler becomes the replying agent and the bot stops answering (`bot.handoff` event with the reason `agent_took_over`). Send an `Idempotency-Key` header to make retries safe.',
          params: idParams,
          headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose(),
          body: z
            .object({
              text: z.string().max(20_000).default(''),
              visibility: z.enum(['public', 'note', 'whisper']).default('public'),
              attachmentIds: z.array(z.uuid()).max(10).optional(),
              template: replyTemplateBody.optional(),
            })
            .strict(),
          response: {
            201: z.object({ messageId: z.string(), conversationId: z.string(), seq: z.number(), deliveryStatus: z.string() }),
            404: errorSchema,
            409: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const result = await sendReply(ctx.useCases, principalOf(request), {
          conversationId: request.params.id,
          text: request.body.text,
          visibility: request.body.visibility,
          idempotencyKey: request.headers['idempotency-key'],
          attachmentIds: request.body.attachmentIds,
          template: request.body.template,
        });
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/api/v1/conversations/:id/status',
      {
        schema: {
          tags: ['conversations'],
          summary: 'Change the lifecycle status (resolve, reopen, snooze, close)',
          params: idParams,
          body: z.object({ status: statusEnum, snoozedUntil: z.iso.datetime({ offset: true }).optional() }).strict(),
          response: { 200: conversationDto, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) =>
        toConversationDto(
          await changeConversationStatus(ctx.useCases, principalOf(request), request.params.id, {
            status: request.body.status,
            snoozedUntil: request.body.snoozedUntil ? new Date(request.body.snoozedUntil) : undefined,
          }),
        ),
    );
  };
}
