import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePermission } from '@parley/domain';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';
import { recordSuggestionFeedback, suggestReplies } from '../../assist/suggest-replies.js';
import { conversationMoods, wallboard } from '../../assist/wallboard.js';

const emotions = z.object({ anger: z.number(), satisfaction: z.number(), urgency: z.number(), confusion: z.number() });
const mood = z.object({ messageId: z.string(), language: z.string(), label: z.enum(['negative', 'neutral', 'positive']), score: z.number(), emotions });
const trend = z.object({ direction: z.enum(['improving', 'worsening', 'stable']), current: z.number() }).nullable();
const alert = z.object({ reason: z.enum(['anger', 'worsening']), messageId: z.string(), guidance: z.object({ fr: z.string(), en: z.string() }) }).nullable();
const suggestion = z.object({ kind: z.literal('kb_answer'), text: z.string(), articleId: z.string(), title: z.string(), score: z.number(), passage: z.string() });

/** Agent assist: reply suggestions from the knowledge base, their feedback, emotion cues and the supervisor wallboard. */
export function assistRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/conversations/:id/suggestions',
      {
        schema: {
          tags: ['assist'],
          summary: 'Top-5 knowledge-base answers for the customer’s latest messages',
          description: 'The question is the last 1–3 public customer messages, language detected. Each item is channel-ready text with its source article, score and matched passage. Never sent automatically.',
          params: idParams,
          response: { 200: z.object({ question: z.string(), language: z.string().nullable(), items: z.array(suggestion) }), 404: errorSchema },
        },
      },
      async (request) => suggestReplies(ctx.store, ctx.knowledge, principalOf(request), request.params.id),
    );

    app.post(
      '/api/v1/conversations/:id/suggestions/feedback',
      {
        schema: {
          tags: ['assist'],
          summary: 'Record what the agent did with a suggestion (feeds the re-ranking)',
          params: idParams,
          body: z.object({ articleId: z.uuid(), action: z.enum(['accepted', 'edited', 'rejected']) }).strict(),
          response: { 204: z.null(), 404: errorSchema },
        },
      },
      async (request, reply) => {
        await recordSuggestionFeedback(ctx.store, ctx.knowledge, principalOf(request), request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/assist/stats',
      {
        schema: {
          tags: ['assist'],
          summary: 'Suggestion acceptance rates (accepted includes edited)',
          response: {
            200: z.object({
              accepted: z.number(),
              rejected: z.number(),
              acceptanceRate: z.number().nullable(),
              articles: z.array(z.object({ articleId: z.string(), accepted: z.number(), rejected: z.number(), acceptanceRate: z.number().nullable() })),
            }),
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requirePermission(principal, 'conversations:read');
        const stats = await ctx.knowledge.knowledge(ctx.store.read).feedbackStats(principal.workspaceId);
        const rate = (a: number, r: number) => (a + r > 0 ? a / (a + r) : null);
        const articles = stats.filter((s) => s.accepted + s.rejected > 0).map((s) => ({ articleId: s.articleId, accepted: s.accepted, rejected: s.rejected, acceptanceRate: rate(s.accepted, s.rejected) }));
        const accepted = articles.reduce((n, s) => n + s.accepted, 0);
        const rejected = articles.reduce((n, s) => n + s.rejected, 0);
        return { accepted, rejected, acceptanceRate: rate(accepted, rejected), articles };
      },
    );

    app.get(
      '/api/v1/conversations/:id/moods',
      {
        schema: {
          tags: ['assist'],
          summary: 'Sentiment and emotions of the recent customer messages, the trend and the current alert',
          params: idParams,
          response: { 200: z.object({ items: z.array(mood), trend, alert }), 404: errorSchema },
        },
      },
      async (request) => conversationMoods(ctx.store, principalOf(request), request.params.id),
    );

    app.get(
      '/api/v1/assist/wallboard',
      {
        schema: {
          tags: ['assist'],
          summary: 'Supervisor wallboard: open and pending conversations with handler, waiting time, last mood and alerts',
          description: 'Needs `supervise`. Alerts first, then the longest wait.',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  conversationId: z.string(),
                  customerId: z.string(),
                  customerName: z.string().nullable(),
                  status: z.enum(['open', 'pending', 'snoozed', 'resolved', 'closed']),
                  agentId: z.string().nullable(),
                  waitingSince: z.string().nullable(),
                  lastMood: mood.nullable(),
                  trend,
                  alert,
                }),
              ),
            }),
            403: errorSchema,
          },
        },
      },
      async (request) => ({ items: await wallboard(ctx.store, principalOf(request)) }),
    );
  };
}
