import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Article, ArticleVersion } from '@parley/domain';
import {
  answerQuestion,
  articlesDueForReview,
  gapsWithCoverage,
  phrasingsForReview,
  restoreArticleVersion,
  createArticle,
  exportKnowledge,
  getArticle,
  getSynonyms,
  importKnowledge,
  listArticles,
  listArticleVersions,
  publishArticle,
  recordAgentFeedback,
  reviewPhrasing,
  saveSynonyms,
  unpublishArticle,
  updateArticle,
} from '@parley/use-cases';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';

const iso = z.string().describe('ISO-8601 timestamp');
const kind = z.enum(['article', 'faq', 'procedure', 'canned']);
const status = z.enum(['draft', 'published', 'archived']);
const language = z
  .string()
  .regex(/^[a-z]{2}$/, 'two-letter language code')
  .describe('ISO 639-1, e.g. "fr" or "en"');
const label = z.string().trim().min(1).max(80);
const content = {
  title: z.string().trim().min(1).max(300),
  body: z.string().max(100_000),
  summary: z.string().max(2000).nullable().optional(),
  phrasings: z.array(z.string().trim().min(1).max(500)).max(200).optional(),
  steps: z.array(z.string().trim().min(1).max(2000)).max(100).optional(),
  variants: z
    .record(z.string().regex(/^[a-z0-9_-]{1,32}$/), z.string().max(2000))
    .optional()
    .describe('Short versions per channel, e.g. {"sms": "…", "voice": "…"}'),
};
const meta = {
  kind,
  language,
  slug: z.string().trim().min(1).max(80).optional(),
  category: z.string().trim().max(80).nullable().optional(),
  tags: z.array(label).max(30).optional(),
  audiences: z.array(label).max(10).optional().describe('Empty = everyone (help center included); e.g. ["agent"] keeps it internal'),
  channels: z.array(label).max(20).optional().describe('Empty = every channel'),
  reviewBy: iso.nullable().optional(),
};

const articleDto = z.object({
  id: z.string(),
  kind,
  language: z.string(),
  slug: z.string(),
  title: z.string(),
  body: z.string(),
  summary: z.string().nullable(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  audiences: z.array(z.string()),
  channels: z.array(z.string()),
  phrasings: z.array(z.string()),
  steps: z.array(z.string()),
  variants: z.record(z.string(), z.string()),
  status,
  version: z.number(),
  publishedVersion: z.number().nullable(),
  reviewBy: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
  publishedAt: iso.nullable(),
});
const versionDto = z.object({
  version: z.number(),
  title: z.string(),
  body: z.string(),
  summary: z.string().nullable(),
  phrasings: z.array(z.string()),
  steps: z.array(z.string()),
  variants: z.record(z.string(), z.string()),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: iso,
});
const answerDto = z.object({
  articleId: z.string(),
  slug: z.string(),
  kind,
  title: z.string(),
  language: z.string(),
  rank: z.number(),
  score: z.number(),
  confidence: z.number().describe('0–1; below 0.35 counts as "no good answer" in the gaps report'),
  denseScore: z.number().nullable().describe('Cosine similarity when the hybrid ranking ran (PARLEY_EMBEDDINGS_URL); null when the ranking was lexical only'),
  text: z.string().describe('Ready to send on the asked channel: its variant, else the summary, else the matched passage'),
  passage: z.string().describe('"Why this answer": the passage of the article that matched'),
  matchedField: z.enum(['title', 'phrasing', 'body']),
  matchedQuestion: z.string(),
  matchedTerms: z.array(z.string()),
  steps: z.array(z.string()),
});
const phrasingDto = z.object({
  id: z.string(),
  articleId: z.string(),
  text: z.string(),
  language: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  source: z.string(),
  createdAt: iso,
});
const phrasingReviewDto = phrasingDto.extend({ articleTitle: z.string(), articleSlug: z.string() });
const gapDto = z.object({
  question: z.string(),
  examples: z.array(z.string()).describe('A few distinct wordings people used'),
  language: z.string().nullable(),
  count: z.number(),
  bestConfidence: z.number(),
  lastAskedAt: iso,
  negativeFeedback: z.number(),
  coveredBy: z
    .object({ articleId: z.string(), title: z.string(), status })
    .nullable()
    .describe('The article whose title or phrasing is this question, when one was written since'),
});
const fileDto = z.object({ name: z.string().min(1).max(200), content: z.string().max(2_000_000) });

const toArticleDto = (a: Article): z.infer<typeof articleDto> => ({
  id: a.id,
  kind: a.kind,
  language: a.language,
  slug: a.slug,
  title: a.title,
  body: a.body,
  summary: a.summary,
  category: a.category,
  tags: a.tags,
  audiences: a.audiences,
  channels: a.channels,
  phrasings: a.phrasings,
  steps: a.steps,
  variants: a.variants,
  status: a.status,
  version: a.version,
  publishedVersion: a.publishedVersion,
  reviewBy: a.reviewBy?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  publishedAt: a.publishedAt?.toISOString() ?? null,
});
const toVersionDto = (v: ArticleVersion): z.infer<typeof versionDto> => ({ ...v, createdAt: v.createdAt.toISOString() });
const dateOrNull = (v: string | null | undefined): Date | null | undefined => (v === undefined ? undefined : v === null ? null : new Date(v));

/** Knowledge base: articles, versions, publication, import/export, the answer engine, feedback, gaps, synonyms. */
export function kbRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const kb = ctx.knowledge;
  return async (app) => {
    const tags = ['knowledge'];

    app.get(
      '/api/v1/kb/articles',
      {
        schema: {
          tags,
          summary: 'List articles (any status), most recently updated first',
          querystring: z.object({ status: status.optional(), kind: kind.optional(), language: language.optional(), q: z.string().max(200).optional() }),
          response: { 200: z.object({ items: z.array(articleDto) }) },
        },
      },
      async (request) => ({ items: (await listArticles(kb, principalOf(request), request.query)).map(toArticleDto) }),
    );

    app.post(
      '/api/v1/kb/articles',
      {
        schema: {
          tags,
          summary: 'Create a draft article (version 1)',
          body: z.object({ ...meta, ...content }).strict(),
          response: { 201: articleDto, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const { reviewBy, ...rest } = request.body;
        const article = await createArticle(kb, principalOf(request), { ...rest, ...(reviewBy !== undefined && { reviewBy: dateOrNull(reviewBy) ?? null }) });
        return reply.status(201).send(toArticleDto(article));
      },
    );

    app.get(
      '/api/v1/kb/articles/:id',
      { schema: { tags, summary: 'One article (latest content)', params: idParams, response: { 200: articleDto, 404: errorSchema } } },
      async (request) => toArticleDto(await getArticle(kb, principalOf(request), request.params.id)),
    );

    app.patch(
      '/api/v1/kb/articles/:id',
      {
        schema: {
          tags,
          summary: 'Edit an article; a content change writes a new version (a published article keeps serving its published version until published again)',
          params: idParams,
          body: z
            .object({ ...meta, ...content, note: z.string().max(500).optional() })
            .partial()
            .strict(),
          response: { 200: articleDto, 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        const { note, reviewBy, ...rest } = request.body;
        const patch = { ...rest, ...(reviewBy !== undefined && { reviewBy: dateOrNull(reviewBy) ?? null }) };
        return toArticleDto(await updateArticle(kb, principalOf(request), request.params.id, patch, note ?? null));
      },
    );

    app.post(
      '/api/v1/kb/articles/:id/publish',
      {
        schema: {
          tags,
          summary: 'Publish the latest version (or a given one) to the help center and the answer engine',
          params: idParams,
          body: z
            .object({ version: z.number().int().min(1).optional() })
            .strict()
            .optional(),
          response: { 200: articleDto, 404: errorSchema },
        },
      },
      async (request) => toArticleDto(await publishArticle(kb, principalOf(request), request.params.id, request.body?.version)),
    );

    app.post(
      '/api/v1/kb/articles/:id/unpublish',
      {
        schema: {
          tags,
          summary: 'Take an article off the help center and the engine',
          params: idParams,
          body: z
            .object({ status: z.enum(['draft', 'archived']).optional() })
            .strict()
            .optional(),
          response: { 200: articleDto, 404: errorSchema },
        },
      },
      async (request) => toArticleDto(await unpublishArticle(kb, principalOf(request), request.params.id, request.body?.status ?? 'archived')),
    );

    app.get(
      '/api/v1/kb/articles/:id/versions',
      {
        schema: {
          tags,
          summary: 'Version history with authors, newest first',
          params: idParams,
          response: { 200: z.object({ items: z.array(versionDto) }), 404: errorSchema },
        },
      },
      async (request) => ({ items: (await listArticleVersions(kb, principalOf(request), request.params.id)).map(toVersionDto) }),
    );

    app.post(
      '/api/v1/kb/articles/:id/versions/:version/restore',
      {
        schema: {
          tags,
          summary: 'Restore a previous version: its content becomes a new version (publish it to serve it)',
          params: z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) }),
          response: { 200: articleDto, 404: errorSchema },
        },
      },
      async (request) => toArticleDto(await restoreArticleVersion(kb, principalOf(request), request.params.id, request.params.version)),
    );

    app.get(
      '/api/v1/kb/review-due',
      {
        schema: {
          tags,
          summary: 'Articles whose review-by date has passed or falls within `days`, most urgent first',
          querystring: z.object({ days: z.coerce.number().int().min(0).max(365).default(14) }),
          response: { 200: z.object({ items: z.array(articleDto.extend({ overdue: z.boolean() })) }) },
        },
      },
      async (request) => ({
        items: (await articlesDueForReview(kb, principalOf(request), { withinDays: request.query.days })).map((d) => ({
          ...toArticleDto(d.article),
          overdue: d.overdue,
        })),
      }),
    );

    app.post(
      '/api/v1/kb/import',
      {
        schema: {
          tags,
          summary: 'Import a folder of Markdown files with front matter, a CSV file or a JSON file; articles are matched by slug',
          body: z.object({ format: z.enum(['markdown', 'csv', 'json']), files: z.array(fileDto).min(1).max(2000), publish: z.boolean().optional() }).strict(),
          response: {
            200: z.object({
              created: z.array(z.string()),
              updated: z.array(z.string()),
              unchanged: z.array(z.string()),
              issues: z.array(z.object({ where: z.string(), message: z.string() })),
            }),
            409: errorSchema,
            413: errorSchema,
            422: errorSchema,
          },
        },
      },
      async (request) => importKnowledge(kb, principalOf(request), request.body.format, request.body.files, { publish: request.body.publish ?? false }),
    );

    app.get(
      '/api/v1/kb/export',
      {
        schema: {
          tags,
          summary: 'Export every article: Markdown as one file per article, CSV or JSON as one file',
          querystring: z.object({ format: z.enum(['markdown', 'csv', 'json']).default('markdown') }),
          response: { 200: z.object({ files: z.array(z.object({ name: z.string(), content: z.string() })) }) },
        },
      },
      async (request) => exportKnowledge(kb, principalOf(request), request.query.format),
    );

    app.post(
      '/api/v1/kb/answers',
      {
        schema: {
          tags,
          summary: 'Top-k answers for a question, with score, article and the passage that matched',
          body: z
            .object({
              question: z.string().trim().min(1).max(2000),
              language: language.optional().describe('Only answers in this language; detected and preferred when missing'),
              channel: z.string().max(40).optional().describe('Filters by channel and picks the channel variant (e.g. "sms", "voice")'),
              audience: z.string().max(40).optional(),
              k: z.number().int().min(1).max(50).optional(),
            })
            .strict(),
          response: { 200: z.object({ answers: z.array(answerDto) }), 422: errorSchema },
        },
      },
      async (request) => ({ answers: await answerQuestion(kb, principalOf(request), request.body) }),
    );

    app.post(
      '/api/v1/kb/feedback',
      {
        schema: {
          tags,
          summary: "An agent's decision on a suggestion; accepted or edited ones propose the question as a phrasing (pending review)",
          body: z
            .object({
              articleId: z.uuid(),
              question: z.string().trim().max(500).optional(),
              action: z.enum(['accepted', 'edited', 'rejected']),
              channel: z.string().max(40).optional(),
            })
            .strict(),
          response: { 200: z.object({ phrasing: phrasingDto.nullable() }), 404: errorSchema },
        },
      },
      async (request) => {
        const { phrasing } = await recordAgentFeedback(kb, principalOf(request), request.body);
        return { phrasing: phrasing ? { ...phrasing, createdAt: phrasing.createdAt.toISOString() } : null };
      },
    );

    app.get(
      '/api/v1/kb/phrasings',
      {
        schema: {
          tags,
          summary: 'Learned phrasings (pending review by default), with the article each would join',
          querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
          response: { 200: z.object({ items: z.array(phrasingReviewDto) }) },
        },
      },
      async (request) => ({
        items: (await phrasingsForReview(kb, principalOf(request), request.query.status)).map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
      }),
    );

    app.post(
      '/api/v1/kb/phrasings/:id/review',
      {
        schema: {
          tags,
          summary: 'Approve (joins the index) or reject a learned phrasing',
          params: idParams,
          body: z.object({ decision: z.enum(['approved', 'rejected']) }).strict(),
          response: { 200: phrasingDto, 404: errorSchema },
        },
      },
      async (request) => {
        const p = await reviewPhrasing(kb, principalOf(request), request.params.id, request.body.decision);
        return { ...p, createdAt: p.createdAt.toISOString() };
      },
    );

    app.get(
      '/api/v1/kb/gaps',
      {
        schema: {
          tags,
          summary: 'Frequent questions without a good answer (best confidence under 0.35)',
          querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(30), minCount: z.coerce.number().int().min(1).max(1000).default(2) }),
          response: { 200: z.object({ items: z.array(gapDto) }) },
        },
      },
      async (request) => ({
        items: (await gapsWithCoverage(kb, principalOf(request), request.query)).map((g) => ({ ...g, lastAskedAt: g.lastAskedAt.toISOString() })),
      }),
    );

    const synonymsDto = z.object({ groups: z.array(z.array(z.string().trim().min(1).max(80)).min(2).max(30)).max(500) });
    app.get('/api/v1/kb/synonyms', { schema: { tags, summary: "The workspace's synonym groups", response: { 200: synonymsDto } } }, async (request) => ({
      groups: await getSynonyms(kb, principalOf(request)),
    }));
    app.put(
      '/api/v1/kb/synonyms',
      { schema: { tags, summary: 'Replace the synonym groups (applied at once)', body: synonymsDto.strict(), response: { 200: synonymsDto } } },
      async (request) => ({
        groups: await saveSynonyms(kb, principalOf(request), request.body.groups),
      }),
    );
  };
}
