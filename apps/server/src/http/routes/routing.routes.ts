import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AgentProfile, Assignment, RoutingItem, RoutingQueue } from '@parley/routing';
import {
  acceptOfferFlow,
  channelAvailability,
  conversationRouting,
  createQueue,
  declineOfferFlow,
  deleteQueue,
  getQueueStats,
  getRoutingSettings,
  listAgentRouting,
  listQueues,
  myRouting,
  pullNext,
  setAgentRouting,
  setPresence,
  transferConversationFlow,
  updateQueue,
  updateRoutingSettings,
} from '@parley/use-cases';
import { AppError } from '@parley/kernel';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';

const iso = z.string().describe('ISO-8601 timestamp');
const level = z.number().int().min(0).max(5);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const capacity = z.object({
  voice: z.number().int().min(0).max(50),
  chat: z.number().int().min(0).max(50),
  async: z.number().int().min(0).max(200),
  total: z.number().int().min(0).max(200),
});
const text = z.object({ en: z.string(), fr: z.string() });
const explanationDto = z.object({ text, factors: z.array(z.record(z.string(), z.unknown())) });

const queueFields = {
  name: z.string().trim().min(1).max(120),
  channelIds: z.array(z.uuid()).max(100),
  isDefault: z.boolean(),
  requiredSkills: z.array(z.object({ skill: z.string().trim().min(1).max(64), minLevel: level })).max(20),
  languages: z.array(z.string().min(2).max(12)).max(20).describe('BCP 47 tags; empty means any'),
  mode: z.enum(['push', 'pull', 'manual']),
  offerTimeoutSec: z.number().int().min(5).max(600).nullable().describe('push: seconds to accept an offer; null assigns directly'),
  priority: z.number().int().min(-1000).max(1000),
  priorityRules: z.object({
    vipAttribute: z.string().max(64).nullable(),
    vipBoost: z.number().min(0).max(1000),
    botHandoffBoost: z.number().min(0).max(1000),
    angryBoost: z.number().min(0).max(1000).describe('default 30; 0: an angry customer gets no precedence'),
    escalationBoost: z.number().min(0).max(1000),
    slaWeight: z.number().min(0).max(1000),
  }),
  sla: z.object({
    firstResponseSec: z.number().int().min(1).nullable(),
    nextResponseSec: z.number().int().min(1).nullable(),
    escalationQueueId: z.uuid().nullable(),
  }),
  businessHours: z
    .object({
      timeZone: z.string().min(1).max(64),
      windows: z.array(z.object({ day: z.number().int().min(0).max(6).describe('0 = Sunday'), open: hhmm, close: hhmm })).max(50),
      holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400),
    })
    .nullable(),
  afterHours: z.enum(['bot', 'leave_message', 'callback']),
  overflow: z.object({ afterSec: z.number().int().min(1), queueId: z.uuid() }).nullable(),
  preferredAgentWaitSec: z.number().int().min(0).max(86_400),
  teamAttribute: z.string().max(64).nullable().describe('customer attribute naming the branch/team (matched to advisor team ids)'),
  averageHandleSec: z.number().int().min(1).max(86_400),
};
const queueDto = z.object({ id: z.string(), ...queueFields });
const queueBody = z
  .object({ ...queueFields, priorityRules: queueFields.priorityRules.partial(), sla: queueFields.sla.partial() })
  .partial()
  .strict();

const OVERFLOW_RULES =
  "An `overflow` whose queue does not exist is 404. One to the queue itself, or one that would come back to it through the other queues' overflows (A → B → A, A → C → B → A), is refused with 422 `validation_failed` naming the loop (details path `/overflow/queueId`).";
const agentDto = z.object({
  agentId: z.string(),
  name: z.string(),
  skills: z.record(z.string(), z.number()),
  languages: z.array(z.string()),
  teamIds: z.array(z.string()),
  capacity,
  load: capacity,
  presence: z.enum(['online', 'busy', 'away', 'offline']),
  presenceReason: z.string().nullable(),
  lastActivityAt: iso.nullable(),
  lastAssignedAt: iso.nullable(),
});
const assignmentDto = z.object({
  id: z.string(),
  conversationId: z.string(),
  agentId: z.string(),
  channelKind: z.enum(['voice', 'chat', 'async']),
  status: z.enum(['offered', 'active', 'ended', 'declined', 'expired', 'transferred']),
  createdAt: iso,
  acceptedAt: iso.nullable(),
  endedAt: iso.nullable(),
  expiresAt: iso.nullable(),
  explanation: explanationDto.nullable(),
});
const itemDto = z.object({
  conversationId: z.string(),
  queueId: z.string().nullable(),
  channelKind: z.enum(['voice', 'chat', 'async']),
  status: z.enum(['waiting', 'offered', 'assigned', 'after_hours', 'closed']),
  requestedAt: iso,
  enqueuedAt: iso,
  attributes: z.record(z.string(), z.unknown()),
  escalated: z.boolean(),
  agentId: z.string().nullable(),
  offerExpiresAt: iso.nullable(),
  firstResponseDueAt: iso.nullable(),
});

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;
const toQueueDto = ({ workspaceId: _ws, ...q }: RoutingQueue) => q;
const toAgentDto = (a: AgentProfile) => ({
  agentId: a.agentId,
  name: a.name,
  skills: a.skills,
  languages: a.languages,
  teamIds: a.teamIds,
  capacity: a.capacity,
  load: a.load,
  presence: a.presence,
  presenceReason: a.presenceReason,
  lastActivityAt: isoOrNull(a.lastActivityAt),
  lastAssignedAt: isoOrNull(a.lastAssignedAt),
});
const toAssignmentDto = (a: Assignment) => ({
  id: a.id,
  conversationId: a.conversationId,
  agentId: a.agentId,
  channelKind: a.channelKind,
  status: a.status,
  createdAt: a.createdAt.toISOString(),
  acceptedAt: isoOrNull(a.acceptedAt),
  endedAt: isoOrNull(a.endedAt),
  expiresAt: isoOrNull(a.expiresAt),
  explanation: a.explanation ? { text: a.explanation.text, factors: a.explanation.factors as Array<Record<string, unknown>> } : null,
});
const toItemDto = (i: RoutingItem) => ({
  conversationId: i.conversationId,
  queueId: i.queueId,
  channelKind: i.channelKind,
  status: i.status,
  requestedAt: i.requestedAt.toISOString(),
  enqueuedAt: i.enqueuedAt.toISOString(),
  attributes: { ...i.attributes },
  escalated: i.escalated,
  agentId: i.agentId,
  offerExpiresAt: isoOrNull(i.offerExpiresAt),
  firstResponseDueAt: isoOrNull(i.firstResponseDueAt),
});

/** Routing: queues, advisors' routing profiles and presence, offers, pull, transfer, queue statistics and availability. */
export function routingRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const deps = ctx.useCases;
    const tags = ['routing'];

    app.get('/api/v1/queues', { schema: { tags, summary: 'Routing queues', response: { 200: z.object({ items: z.array(queueDto) }) } } }, async (request) => ({
      items: (await listQueues(deps, principalOf(request))).map(toQueueDto),
    }));

    app.post(
      '/api/v1/queues',
      {
        schema: {
          tags,
          summary: 'Create a queue (needs routing:manage)',
          description: OVERFLOW_RULES,
          body: queueBody.required({ name: true }),
          response: { 201: queueDto, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(toQueueDto(await createQueue(deps, principalOf(request), request.body))),
    );

    app.get(
      '/api/v1/queues/:id',
      { schema: { tags, summary: 'One queue', params: idParams, response: { 200: queueDto, 404: errorSchema } } },
      async (request) => {
        const queue = (await listQueues(deps, principalOf(request))).find((q) => q.id === request.params.id);
        if (!queue) throw new AppError('not_found', `Queue ${request.params.id} does not exist`);
        return toQueueDto(queue);
      },
    );

    app.patch(
      '/api/v1/queues/:id',
      {
        schema: {
          tags,
          summary: 'Change a queue (needs routing:manage)',
          description: OVERFLOW_RULES,
          params: idParams,
          body: queueBody,
          response: { 200: queueDto, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request) => toQueueDto(await updateQueue(deps, principalOf(request), request.params.id, request.body)),
    );

    app.delete(
      '/api/v1/queues/:id',
      { schema: { tags, summary: 'Delete a queue (needs routing:manage)', params: idParams, response: { 204: z.null(), 404: errorSchema } } },
      async (request, reply) => {
        await deleteQueue(deps, principalOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/queues/:id/stats',
      {
        schema: {
          tags,
          summary: 'Waiting conversations, available advisors and estimated wait time',
          params: idParams,
          response: {
            200: z.object({
              queueId: z.string(),
              open: z.boolean(),
              nextOpenAt: iso.nullable(),
              waiting: z.number(),
              agentsOnline: z.number(),
              agentsAvailable: z.number(),
              freeSlots: z.number(),
              estimatedWaitSec: z.number().nullable(),
              longestWaitSec: z.number(),
              items: z.array(itemDto),
            }),
            404: errorSchema,
          },
        },
      },
      async (request) => {
        const stats = await getQueueStats(deps, principalOf(request), request.params.id);
        return { ...stats, nextOpenAt: isoOrNull(stats.nextOpenAt), items: stats.items.map(toItemDto) };
      },
    );

    app.post(
      '/api/v1/queues/:id/pull',
      {
        schema: {
          tags,
          summary: 'Take the most urgent waiting conversation of the queue (pull mode)',
          params: idParams,
          response: {
            200: z.object({ conversationId: z.string(), assignmentId: z.string(), explanation: text }),
            204: z.null(),
            404: errorSchema,
            409: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const taken = await pullNext(deps, principalOf(request), request.params.id);
        return taken ? taken : reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/agents/routing',
      { schema: { tags, summary: 'Advisors with skills, capacity, presence and load', response: { 200: z.object({ items: z.array(agentDto) }) } } },
      async (request) => ({
        items: (await listAgentRouting(deps, principalOf(request))).map(toAgentDto),
      }),
    );

    app.get(
      '/api/v1/agents/me/routing',
      {
        schema: {
          tags,
          summary: "The caller's routing profile, pending offers and active assignments (with explanations)",
          response: { 200: z.object({ profile: agentDto.nullable(), offers: z.array(assignmentDto), assignments: z.array(assignmentDto) }) },
        },
      },
      async (request) => {
        const mine = await myRouting(deps, principalOf(request));
        return {
          profile: mine.profile ? toAgentDto(mine.profile) : null,
          offers: mine.offers.map(toAssignmentDto),
          assignments: mine.assignments.map(toAssignmentDto),
        };
      },
    );

    app.put(
      '/api/v1/agents/:userId/routing',
      {
        schema: {
          tags,
          summary: "Set an advisor's skills (proficiency 0–5), languages, teams and capacity (needs routing:manage)",
          params: z.object({ userId: z.uuid() }),
          body: z
            .object({
              skills: z.record(z.string().min(1).max(64), level),
              languages: z.array(z.string().min(2).max(12)).max(20),
              teamIds: z.array(z.string().max(64)).max(50).optional(),
              capacity,
            })
            .strict(),
          response: { 200: agentDto, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request) => toAgentDto(await setAgentRouting(deps, principalOf(request), request.params.userId, request.body)),
    );

    const presenceBody = z
      .object({
        presence: z.enum(['online', 'busy', 'away', 'offline']),
        reason: z.string().trim().max(120).nullable().optional().describe('"not ready" reason for busy/away'),
      })
      .strict();
    app.put(
      '/api/v1/agents/me/presence',
      {
        schema: {
          tags,
          summary: 'Set your presence (online, busy, away, offline) with a reason',
          body: presenceBody,
          response: { 200: agentDto, 409: errorSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        return toAgentDto(await setPresence(deps, principal, principal.userId, request.body));
      },
    );
    app.put(
      '/api/v1/agents/:userId/presence',
      {
        schema: {
          tags,
          summary: "Set an advisor's presence (needs routing:manage unless it is yours)",
          params: z.object({ userId: z.uuid() }),
          body: presenceBody,
          response: { 200: agentDto, 409: errorSchema },
        },
      },
      async (request) => toAgentDto(await setPresence(deps, principalOf(request), request.params.userId, request.body)),
    );

    app.post(
      '/api/v1/offers/:id/accept',
      { schema: { tags, summary: 'Accept an offer', params: idParams, response: { 200: assignmentDto, 404: errorSchema, 409: errorSchema } } },
      async (request) => toAssignmentDto(await acceptOfferFlow(deps, principalOf(request), request.params.id)),
    );
    app.post(
      '/api/v1/offers/:id/decline',
      {
        schema: {
          tags,
          summary: 'Decline an offer (it goes to the next advisor)',
          params: idParams,
          body: z
            .object({ reason: z.string().max(200).optional() })
            .strict()
            .optional(),
          response: { 204: z.null(), 404: errorSchema, 409: errorSchema },
        },
      },
      async (request, reply) => {
        await declineOfferFlow(deps, principalOf(request), request.params.id, request.body?.reason ?? null);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/conversations/:id/transfer',
      {
        schema: {
          tags,
          summary: 'Transfer to an advisor or a queue with a note (also manual assignment)',
          params: idParams,
          body: z.union([
            z.object({ toAgentId: z.uuid(), note: z.string().max(2000).optional() }).strict(),
            z.object({ toQueueId: z.uuid(), note: z.string().max(2000).optional() }).strict(),
          ]),
          response: {
            200: z.object({ agentId: z.string().nullable(), queueId: z.string().nullable(), explanation: text.nullable() }),
            403: errorSchema,
            404: errorSchema,
            409: errorSchema,
          },
        },
      },
      async (request) => transferConversationFlow(deps, principalOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/conversations/:id/routing',
      {
        schema: {
          tags,
          summary: "The conversation's routing state and assignment history with explanations",
          params: idParams,
          response: { 200: z.object({ item: itemDto.nullable(), assignments: z.array(assignmentDto) }), 404: errorSchema },
        },
      },
      async (request) => {
        const { item, assignments } = await conversationRouting(deps, principalOf(request), request.params.id);
        return { item: item ? toItemDto(item) : null, assignments: assignments.map(toAssignmentDto) };
      },
    );

    const settingsDto = z.object({
      emotionPriority: z
        .boolean()
        .describe("assist's emotion analysis sets the emotion of waiting conversations (a queue's angryBoost then puts angry customers first)"),
      hook: z.object({ url: z.string(), timeoutMs: z.number() }).nullable().describe('external routing hook; its signing secret is shown once'),
    });
    app.get('/api/v1/routing/settings', { schema: { tags, summary: "The workspace's routing options", response: { 200: settingsDto } } }, async (request) =>
      getRoutingSettings(deps, principalOf(request)),
    );

    app.put(
      '/api/v1/routing/settings',
      {
        schema: {
          tags,
          summary: "Change the workspace's routing options (needs routing:manage)",
          description:
            'A hook set for the first time, or with `rotateSecret`, gets a new signing secret, returned once as `hookSecret`. The hook is POSTed the conversation and its eligible advisors, signed like the API channel webhooks (`X-Parley-Signature: sha256=<hex>`), and may answer `{ "agentId": "…" }` within `timeoutMs`; otherwise Parley chooses.',
          body: z
            .object({
              emotionPriority: z.boolean().optional(),
              hook: z
                .object({
                  url: z.url({ protocol: /^https?$/ }).max(2000),
                  timeoutMs: z.number().int().min(50).max(10_000).optional(),
                  rotateSecret: z.boolean().optional(),
                })
                .strict()
                .nullable()
                .optional(),
            })
            .strict(),
          response: { 200: settingsDto.extend({ hookSecret: z.string().nullable() }), 422: errorSchema },
        },
      },
      async (request) => updateRoutingSettings(deps, principalOf(request), request.body),
    );

    app.get(
      '/api/v1/routing/availability',
      {
        schema: {
          tags,
          summary: "Availability of a channel's queue: open, estimated wait, show chat or offer a callback",
          querystring: z.object({ channelId: z.uuid(), callbackAboveSec: z.coerce.number().int().min(0).max(86_400).optional() }),
          response: {
            200: z.object({
              channelId: z.string(),
              queueId: z.string().nullable(),
              open: z.boolean(),
              nextOpenAt: iso.nullable(),
              agentsAvailable: z.number(),
              estimatedWaitSec: z.number().nullable(),
              chatAvailable: z.boolean(),
              offerCallback: z.boolean(),
            }),
            404: errorSchema,
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const availability = await channelAvailability(deps, request.query.channelId, {
          workspaceId: principal.workspaceId,
          ...(request.query.callbackAboveSec !== undefined ? { callbackAboveSec: request.query.callbackAboveSec } : {}),
        });
        return { ...availability, nextOpenAt: isoOrNull(availability.nextOpenAt) };
      },
    );
  };
}
