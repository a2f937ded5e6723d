import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CustomerMerge, MergeSuggestion } from '@parley/domain';
import { acceptMergeSuggestion, dismissMergeSuggestion, listCustomerMerges, listMergeSuggestions, mergeCustomers, undoMerge } from '@parley/use-cases';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';

const iso = z.string().describe('ISO-8601 timestamp');
const actorDto = z.object({ kind: z.string(), id: z.string().nullable() });
const evidenceDto = z.object({
  identities: z.array(z.object({ kind: z.string(), value: z.string(), targetVerified: z.boolean(), sourceVerified: z.boolean() })),
  sameDisplayName: z.boolean().optional(),
  channelId: z.string().optional(),
  providerMessageId: z.string().optional(),
});

const mergeDto = z.object({
  id: z.string(),
  sourceCustomerId: z.string(),
  targetCustomerId: z.string(),
  reason: z.string(),
  provenance: z.enum(['rule', 'agent', 'signed_identify']),
  evidence: evidenceDto,
  actor: actorDto,
  createdAt: iso,
  undoneAt: iso.nullable(),
  undoneBy: actorDto.nullable(),
  moved: z.object({ identityIds: z.array(z.string()), conversationIds: z.array(z.string()), consentIds: z.array(z.string()) }),
  conflicts: z
    .array(z.object({ field: z.string(), targetValue: z.unknown(), sourceValue: z.unknown() }))
    .describe('Values both profiles had, differently: the kept profile kept its own'),
});

const suggestionDto = z.object({
  id: z.string(),
  customerIds: z.tuple([z.string(), z.string()]),
  evidence: evidenceDto,
  score: z.number(),
  status: z.enum(['open', 'accepted', 'dismissed']),
  createdAt: iso,
  updatedAt: iso,
});

function toMergeDto(m: CustomerMerge): z.infer<typeof mergeDto> {
  return {
    id: m.id,
    sourceCustomerId: m.sourceCustomerId,
    targetCustomerId: m.targetCustomerId,
    reason: m.reason,
    provenance: m.provenance,
    evidence: m.evidence,
    actor: m.actor,
    createdAt: m.createdAt.toISOString(),
    undoneAt: m.undoneAt?.toISOString() ?? null,
    undoneBy: m.undoneBy,
    moved: { identityIds: m.snapshot.identityIds, conversationIds: m.snapshot.conversationIds, consentIds: m.snapshot.consentIds },
    conflicts: m.snapshot.conflicts ?? [],
  };
}

function toSuggestionDto(s: MergeSuggestion): z.infer<typeof suggestionDto> {
  return {
    id: s.id,
    customerIds: s.customerIds,
    evidence: s.evidence,
    score: s.score,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** Identity reconciliation: merges as reversible records, and suggested merges with their evidence. */
export function mergeRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/customers/:id/merge-suggestions',
      {
        schema: {
          tags: ['customers'],
          summary: 'Open merge suggestions for this customer: probable matches (unverified or one-sided identities, same name) with the evidence',
          params: idParams,
          response: { 200: z.object({ items: z.array(suggestionDto) }), 404: errorSchema },
        },
      },
      async (request) => ({ items: (await listMergeSuggestions(ctx.store, principalOf(request), request.params.id)).map(toSuggestionDto) }),
    );

    app.post(
      '/api/v1/customers/:id/merge',
      {
        schema: {
          tags: ['customers'],
          summary: 'Merge another profile into this customer (reversible)',
          description:
            "Moves the source's identities, conversations and consents to this customer and records the merge with its snapshot; values both have are kept as conflicts, never overwritten. Needs `customers:write`.",
          params: idParams,
          body: z.object({ sourceCustomerId: z.uuid(), reason: z.string().trim().min(1).max(500) }).strict(),
          response: { 201: mergeDto, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request, reply) => {
        const merge = await mergeCustomers(ctx.useCases, principalOf(request), {
          targetCustomerId: request.params.id,
          sourceCustomerId: request.body.sourceCustomerId,
          reason: request.body.reason,
        });
        return reply.status(201).send(toMergeDto(merge));
      },
    );

    app.get(
      '/api/v1/customers/:id/merges',
      {
        schema: {
          tags: ['customers'],
          summary: "The customer's merge history (as target or source), newest first",
          params: idParams,
          response: { 200: z.object({ items: z.array(mergeDto) }), 404: errorSchema },
        },
      },
      async (request) => ({ items: (await listCustomerMerges(ctx.store, principalOf(request), request.params.id)).map(toMergeDto) }),
    );

    app.post(
      '/api/v1/merges/:id/undo',
      {
        schema: {
          tags: ['customers'],
          summary: 'Undo a merge: both customers get back exactly their identities, conversations, consents and profile values',
          description:
            'Answers 409 `merge_not_reversible` when that is no longer clean (already undone, or a later merge moved the rows again: undo it first).',
          params: idParams,
          response: { 200: mergeDto, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => toMergeDto(await undoMerge(ctx.useCases, principalOf(request), request.params.id)),
    );

    app.post(
      '/api/v1/merge-suggestions/:id/accept',
      {
        schema: {
          tags: ['customers'],
          summary: 'Accept a merge suggestion: the pair is merged (into targetCustomerId, or the older profile)',
          params: idParams,
          body: z
            .object({ targetCustomerId: z.uuid().optional(), reason: z.string().trim().min(1).max(500).optional() })
            .strict()
            .optional(),
          response: { 200: z.object({ suggestion: suggestionDto, merge: mergeDto }), 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const result = await acceptMergeSuggestion(ctx.useCases, principalOf(request), request.params.id, {
          targetCustomerId: request.body?.targetCustomerId,
          reason: request.body?.reason,
        });
        return { suggestion: toSuggestionDto(result.suggestion), merge: toMergeDto(result.merge) };
      },
    );

    app.post(
      '/api/v1/merge-suggestions/:id/dismiss',
      {
        schema: {
          tags: ['customers'],
          summary: 'Dismiss a merge suggestion (the pair is not suggested again)',
          params: idParams,
          response: { 200: suggestionDto, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => toSuggestionDto(await dismissMergeSuggestion(ctx.useCases, principalOf(request), request.params.id)),
    );
  };
}
