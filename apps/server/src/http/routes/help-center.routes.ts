import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@parley/kernel';
import type { Article } from '@parley/domain';
import { answerForWorkspace, recordCustomerFeedback } from '@parley/use-cases';
import { errorSchema } from '../dto.js';
import { HELP_CENTER_CSS, HELP_CENTER_JS } from '../help-center/help-center-assets.js';
import { articleMain, articleUrl, helpPage, homeMain, resultsMain } from '../help-center/help-center-pages.js';
import { HELP_TEXT, helpLanguage } from '../help-center/help-center-text.js';
import type { ServerContext } from '../server-context.js';

const slugParam = z.string().min(1).max(120);
const langQuery = z.enum(['fr', 'en']).optional();

// Customers see published articles meant for everyone or for the public, never agent-only ones.
const isPublic = (a: Article): boolean => a.audiences.length === 0 || a.audiences.includes('public');

/**
 * The public help center: `/help/{workspaceSlug}` (server-rendered, French and English), article
 * pages, a results page, the search-as-you-type and "was this helpful?" JSON endpoints (public,
 * rate-limited per client IP) and the page's same-origin script and stylesheet.
 */
export function helpCenterRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const kb = ctx.knowledge;
  const rateLimit = { max: ctx.config.publicRateLimitPerMinute, timeWindow: '1 minute' };

  async function workspaceOf(slug: string): Promise<{ id: string; name: string; locale: string; slug: string }> {
    const id = await kb.knowledge(kb.store.read).workspaceIdBySlug(slug);
    const ws = id ? await ctx.store.read.workspaces.get(id) : null;
    if (!ws) throw new AppError('workspace_not_found', 'No help center at this address');
    return { id: ws.id, name: ws.name, locale: ws.locale, slug: ws.slug };
  }

  return async (app) => {
    const html = { public: true, rateLimit };
    const hide = { hide: true };

    app.get('/help-assets/help-center.js', { config: { public: true }, schema: hide }, async (_request, reply) =>
      reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(HELP_CENTER_JS),
    );
    app.get('/help-assets/help-center.css', { config: { public: true }, schema: hide }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(HELP_CENTER_CSS),
    );

    app.get(
      '/help/:workspace',
      { config: html, schema: { ...hide, params: z.object({ workspace: slugParam }), querystring: z.object({ lang: langQuery }) } },
      async (request, reply) => {
        const ws = await workspaceOf(request.params.workspace);
        const lang = helpLanguage(request.query.lang, ws.locale);
        const all = (await kb.knowledge(kb.store.read).listPublished(ws.id)).filter(isPublic);
        // Articles in the page's language first; a base written in one language still shows.
        const inLang = all.filter((a) => a.language === lang);
        const main = homeMain(ws.slug, lang, inLang.length ? inLang : all);
        return reply
          .type('text/html; charset=utf-8')
          .send(helpPage({ workspaceSlug: ws.slug, workspaceName: ws.name, lang, title: HELP_TEXT[lang].title, main }));
      },
    );

    app.get(
      '/help/:workspace/search',
      {
        config: html,
        schema: { ...hide, params: z.object({ workspace: slugParam }), querystring: z.object({ q: z.string().max(300).default(''), lang: langQuery }) },
      },
      async (request, reply) => {
        const ws = await workspaceOf(request.params.workspace);
        const lang = helpLanguage(request.query.lang, ws.locale);
        const q = request.query.q.trim();
        const answers = q ? await answerForWorkspace(kb, ws.id, { question: q, k: 10, audience: 'public', channel: 'help_center' }) : [];
        const main = resultsMain(ws.slug, lang, q, answers);
        return reply
          .type('text/html; charset=utf-8')
          .send(helpPage({ workspaceSlug: ws.slug, workspaceName: ws.name, lang, title: HELP_TEXT[lang].results, main, query: q }));
      },
    );

    app.get(
      '/help/:workspace/articles/:slug',
      { config: html, schema: { ...hide, params: z.object({ workspace: slugParam, slug: slugParam }), querystring: z.object({ lang: langQuery }) } },
      async (request, reply) => {
        const ws = await workspaceOf(request.params.workspace);
        const repo = kb.knowledge(kb.store.read);
        const draft = await repo.findBySlug(ws.id, request.params.slug);
        const article = draft ? await repo.getPublished(ws.id, draft.id) : null;
        if (!article || !isPublic(article)) throw new AppError('not_found', 'Article not found');
        const lang = helpLanguage(request.query.lang ?? article.language, ws.locale);
        const main = articleMain(ws.slug, lang, article);
        return reply.type('text/html; charset=utf-8').send(helpPage({ workspaceSlug: ws.slug, workspaceName: ws.name, lang, title: article.title, main }));
      },
    );

    app.get(
      '/api/v1/help/:workspace/search',
      {
        config: html,
        schema: {
          tags: ['help center'],
          summary: 'Search as you type in a public help center (published public articles only; public, rate-limited)',
          security: [],
          params: z.object({ workspace: slugParam }),
          querystring: z.object({ q: z.string().max(300), lang: langQuery }),
          response: {
            200: z.object({
              results: z.array(
                z.object({ articleId: z.string(), slug: z.string(), title: z.string(), passage: z.string(), url: z.string(), confidence: z.number() }),
              ),
            }),
            404: errorSchema,
            429: errorSchema,
          },
        },
      },
      async (request) => {
        const ws = await workspaceOf(request.params.workspace);
        const q = request.query.q.trim();
        if (q.length < 2) return { results: [] };
        // Keystrokes are not logged as questions: only submitted searches feed the gaps report.
        const answers = await answerForWorkspace(kb, ws.id, { question: q, k: 6, audience: 'public', channel: 'help_center' }, { log: false });
        return {
          results: answers.map((a) => ({
            articleId: a.articleId,
            slug: a.slug,
            title: a.title,
            passage: a.passage,
            url: articleUrl(ws.slug, a.slug, a.language),
            confidence: a.confidence,
          })),
        };
      },
    );

    app.post(
      '/api/v1/help/:workspace/feedback',
      {
        config: html,
        schema: {
          tags: ['help center'],
          summary: '"Was this helpful?" on a help-center article (public, rate-limited)',
          security: [],
          params: z.object({ workspace: slugParam }),
          body: z.object({ articleId: z.uuid(), helpful: z.boolean(), question: z.string().max(500).optional() }).strict(),
          response: { 204: z.null(), 404: errorSchema, 422: errorSchema, 429: errorSchema },
        },
      },
      async (request, reply) => {
        const ws = await workspaceOf(request.params.workspace);
        await recordCustomerFeedback(kb, ws.id, { ...request.body, channel: 'help_center' });
        return reply.status(204).send(null);
      },
    );
  };
}
