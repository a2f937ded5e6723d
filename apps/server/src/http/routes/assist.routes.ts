import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@parley/kernel';
import { requirePermission } from '@parley/domain';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';
import type { AssistDeps } from '../../assist/assist-deps.js';
import { conversationChecklist, setChecklistStep } from '../../assist/checklist.js';
import { recordSuggestionFeedback, suggestReplies } from '../../assist/suggest-replies.js';
import { conversationMoods, wallboard } from '../../assist/wallboard.js';
import { reassign, requestHelp, takeOver } from '../../assist/supervision.js';
import { assistSettings, saveAssistSettings, saveWrapUp, wrapUpDraft } from '../../assist/wrap-up.js';
import { draftReply } from '../../assist/draft-reply.js';
import { clearLlmSettings, llmAudit, llmEnabled, llmSettings, saveLlmSettings } from '../../assist/llm-assist.js';
import type { LlmEndpoint } from '../../assist/llm-client.js';

const emotions = z.object({ anger: z.number(), satisfaction: z.number(), urgency: z.number(), confusion: z.number() });
const mood = z.object({
  messageId: z.string(),
  language: z.string(),
  label: z.enum(['negative', 'neutral', 'positive']),
  score: z.number(),
  emotions,
  source: z
    .enum(['lexicon', 'trained'])
    .describe('`trained`: the workspace’s sentiment model for the language decided label and score; `lexicon`: the built-in model.'),
});
const trend = z.object({ direction: z.enum(['improving', 'worsening', 'stable']), current: z.number() }).nullable();
const alert = z
  .object({ reason: z.enum(['anger', 'worsening', 'help']), messageId: z.string().nullable(), guidance: z.object({ fr: z.string(), en: z.string() }) })
  .nullable();
const suggestion = z.object({
  kind: z.literal('kb_answer'),
  text: z.string().describe('The answer as the knowledge base has it.'),
  adaptedText: z
    .string()
    .describe('What to insert: the short SMS/voice variant or the text trimmed to the channel at a sentence end, with the persona’s greeting.'),
  adaptation: z.object({ variant: z.enum(['sms', 'voice']).nullable(), trimmed: z.boolean(), greeting: z.boolean() }),
  articleId: z.string(),
  title: z.string(),
  score: z.number(),
  passage: z.string(),
});
const actor = z.object({ kind: z.string(), id: z.string().nullable() });
const checklist = z
  .object({
    articleId: z.string(),
    title: z.string(),
    language: z.string(),
    stored: z.boolean().describe('False while the procedure is only detected; it is stored at its first tick.'),
    steps: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        checked: z.boolean(),
        checkedAt: z.string().nullable(),
        checkedBy: actor.nullable(),
        source: z.enum(['manual', 'auto']).nullable(),
        messageId: z.string().nullable().describe('The outgoing message that covered the step (auto ticks).'),
        matchedTerms: z.array(z.string()).describe('The step’s words found in that message.'),
      }),
    ),
  })
  .nullable();
const label = z.object({ fr: z.string().min(1).max(80), en: z.string().min(1).max(80) });
const disposition = z.object({ code: z.string().regex(/^[a-z0-9_-]{1,40}$/), label });
const persona = z.object({ tone: z.enum(['vous', 'tu']), greetByFirstName: z.boolean() });
const llmSettingsView = z.object({
  configured: z.boolean().describe('Whether the workspace has its own settings; without them the server default (PARLEY_LLM_URL) applies, when set.'),
  enabled: z.boolean().describe('Whether drafts and summaries use an LLM now.'),
  source: z.enum(['workspace', 'server', 'none']),
  serverDefault: z.object({ baseUrl: z.string(), model: z.string() }).nullable(),
  baseUrl: z.string().nullable(),
  model: z.string().nullable(),
  timeoutMs: z.number(),
  apiKeySet: z.boolean().describe('The key itself is write-only: it is sealed at rest and never returned.'),
  updatedAt: z.string().nullable(),
});
const promptMessage = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });
const settings = z.object({ dispositions: z.array(disposition), persona, customised: z.object({ dispositions: z.boolean(), persona: z.boolean() }) });

function serverLlm(ctx: ServerContext): LlmEndpoint | null {
  const { llmUrl, llmModel, llmApiKey, llmTimeoutMs } = ctx.config;
  return llmUrl && llmModel ? { baseUrl: llmUrl.replace(/\/+$/, ''), model: llmModel, apiKey: llmApiKey ?? null, timeoutMs: llmTimeoutMs } : null;
}

/** Agent assist: reply suggestions, their feedback, emotion cues, the procedure checklist, wrap-ups and their settings, and the supervisor wallboard. */
export function assistRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const deps: AssistDeps = {
    store: ctx.store,
    clock: ctx.clock,
    kb: ctx.knowledge,
    assist: ctx.assist,
    channels: ctx.channels,
    ...(ctx.assistHttp ? { llm: { http: ctx.assistHttp, sealer: ctx.sealer, serverDefault: serverLlm(ctx) } } : {}),
  };
  return async (app) => {
    app.get(
      '/api/v1/conversations/:id/suggestions',
      {
        schema: {
          tags: ['assist'],
          summary: 'Top-5 knowledge-base answers for the customer’s latest messages',
          description:
            'The question is the last 1–3 public customer messages, language detected. Each item has the article’s text, its source, score and matched passage, and `adaptedText`: on SMS and voice channels the article’s short variant when it has one, else the text trimmed to the channel at a sentence end; then, before the agent’s first reply, the workspace persona’s greeting with the customer’s first name ("Bonjour Camille, …"). Fewer than five matches are completed with the workspace’s canned replies, then other articles in the conversation’s language, with score 0 and no matched passage (the summary, if any). Items come by decreasing score; no customer text yet gives an empty list. Never sent automatically.',
          params: idParams,
          response: { 200: z.object({ question: z.string(), language: z.string().nullable(), items: z.array(suggestion) }), 404: errorSchema },
        },
      },
      async (request) => suggestReplies(deps, principalOf(request), request.params.id),
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
        const articles = stats
          .filter((s) => s.accepted + s.rejected > 0)
          .map((s) => ({ articleId: s.articleId, accepted: s.accepted, rejected: s.rejected, acceptanceRate: rate(s.accepted, s.rejected) }));
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
          description:
            'Each message’s language is detected (French or English); its label and score come from the workspace’s trained sentiment model for that language when there is one (`source: trained`, see `PUT /api/v1/nlu/sentiment/models/{language}`), else from the built-in lexicon (`source: lexicon`). Emotions always come from the lexicon.',
          params: idParams,
          response: { 200: z.object({ items: z.array(mood), trend, alert }), 404: errorSchema },
        },
      },
      async (request) => conversationMoods(ctx.store, principalOf(request), request.params.id, ctx.sentimentModels),
    );

    app.get(
      '/api/v1/conversations/:id/checklist',
      {
        schema: {
          tags: ['assist'],
          summary: 'The procedure checklist the conversation follows, with its ticks',
          description:
            'The stored checklist, else the knowledge-base procedure the recent customer messages match (above a confidence threshold), else null. Steps tick themselves when an agent’s or bot’s public message covers them (`source: auto`, with the message and the matched words); live updates come as `assist:checklist` socket events.',
          params: idParams,
          response: { 200: z.object({ checklist }), 404: errorSchema },
        },
      },
      async (request) => ({ checklist: await conversationChecklist(deps, principalOf(request), request.params.id) }),
    );

    app.post(
      '/api/v1/conversations/:id/checklist/steps/:stepId',
      {
        schema: {
          tags: ['assist'],
          summary: 'Tick or untick a checklist step by hand (the agent is recorded)',
          description: 'Needs `conversations:reply`. Stores the detected checklist on its first change.',
          params: z.object({ id: z.uuid(), stepId: z.string().regex(/^\d{1,3}$/) }),
          body: z.object({ checked: z.boolean() }).strict(),
          response: { 200: z.object({ checklist: checklist.unwrap() }), 404: errorSchema },
        },
      },
      async (request) => ({ checklist: await setChecklistStep(deps, principalOf(request), request.params.id, request.params.stepId, request.body.checked) }),
    );

    app.get(
      '/api/v1/conversations/:id/wrapup',
      {
        schema: {
          tags: ['assist'],
          summary: 'The wrap-up form’s start: disposition codes and a drafted summary',
          description:
            'With the workspace’s LLM enabled the summary is generated (`source: llm`, the call audited); without it, or when the call fails or times out, it is extractive (`source: extractive`): the most informative customer and agent sentences, the topic the knowledge base recognises and the references (order numbers…) mentioned. `language` defaults to the customer’s.',
          params: idParams,
          querystring: z.object({ language: z.enum(['fr', 'en']).optional() }),
          response: {
            200: z.object({
              dispositions: z.array(disposition),
              summary: z.string(),
              topic: z.string().nullable(),
              references: z.array(z.string()),
              language: z.enum(['fr', 'en']),
              source: z.enum(['llm', 'extractive']),
            }),
            404: errorSchema,
          },
        },
      },
      async (request) => wrapUpDraft(deps, principalOf(request), request.params.id, request.query.language),
    );

    app.post(
      '/api/v1/conversations/:id/wrapup',
      {
        schema: {
          tags: ['assist'],
          summary: 'Save the wrap-up (disposition and summary) to the timeline',
          description: 'Recorded as a `conversation.wrapped_up` event with the agent as actor. Needs `conversations:reply`. Resolving is a separate call.',
          params: idParams,
          body: z.object({ disposition: z.string().min(1).max(40), summary: z.string().max(4_000) }).strict(),
          response: {
            201: z.object({
              conversationId: z.string(),
              disposition,
              summary: z.string(),
              by: z.object({ kind: z.literal('user'), id: z.string() }),
              at: z.string(),
            }),
            404: errorSchema,
            422: errorSchema,
          },
        },
      },
      async (request, reply) => reply.status(201).send(await saveWrapUp(deps, principalOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/v1/assist/settings',
      {
        schema: {
          tags: ['assist'],
          summary: 'Wrap-up disposition codes and the reply persona (defaults filled in)',
          response: { 200: settings },
        },
      },
      async (request) => assistSettings(deps, principalOf(request)),
    );

    app.put(
      '/api/v1/assist/settings',
      {
        schema: {
          tags: ['assist'],
          summary: 'Set the disposition codes and/or the persona (null restores the defaults)',
          description: 'Needs `workspace:manage`. Codes are unique, lower-case, with French and English labels.',
          body: z
            .object({
              dispositions: z
                .array(disposition)
                .min(1)
                .max(50)
                .refine((list) => new Set(list.map((d) => d.code)).size === list.length, 'Disposition codes must be unique')
                .nullable()
                .optional(),
              persona: persona.nullable().optional(),
            })
            .strict(),
          response: { 200: settings, 403: errorSchema },
        },
      },
      async (request) => saveAssistSettings(deps, principalOf(request), request.body),
    );

    app.post(
      '/api/v1/conversations/:id/assist/draft',
      {
        schema: {
          tags: ['assist'],
          summary: 'Draft a reply with the workspace’s LLM, grounded on knowledge-base articles it cites',
          description:
            'Needs `conversations:reply`. The prompt holds the recent public messages and the top-3 knowledge-base articles for the customer’s question, numbered; the model answers in the customer’s language and the persona’s register and cites them as [1], [2]. Only citations of given articles are kept (others are removed from the text). The draft is for the composer: it is never sent. Without an enabled LLM, without a customer question, or when the call fails: `200 {available: false, reason}`, never an error; the suggestions stay. Every call is audited.',
          params: idParams,
          response: {
            200: z.discriminatedUnion('available', [
              z.object({
                available: z.literal(true),
                source: z.literal('llm'),
                text: z.string(),
                citations: z.array(z.object({ n: z.number().describe('The number cited in the text.'), articleId: z.string(), title: z.string() })),
                language: z.string(),
              }),
              z.object({ available: z.literal(false), reason: z.enum(['not_configured', 'no_question', 'failed']) }),
            ]),
            403: errorSchema,
            404: errorSchema,
          },
        },
      },
      async (request) => draftReply(deps, principalOf(request), request.params.id),
    );

    app.get(
      '/api/v1/assist/llm',
      {
        schema: {
          tags: ['assist'],
          summary: 'Whether the workspace’s LLM is enabled (the agent app shows "Draft with AI" only then)',
          response: { 200: z.object({ enabled: z.boolean() }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requirePermission(principal, 'conversations:read');
        return { enabled: await llmEnabled(deps, principal.workspaceId) };
      },
    );

    app.get(
      '/api/v1/assist/llm/settings',
      {
        schema: {
          tags: ['assist'],
          summary: 'The workspace’s OpenAI-compatible LLM endpoint (the API key is never returned)',
          description: 'Needs `workspace:manage`.',
          response: { 200: llmSettingsView, 403: errorSchema },
        },
      },
      async (request) => llmSettings(deps, principalOf(request)),
    );

    app.put(
      '/api/v1/assist/llm/settings',
      {
        schema: {
          tags: ['assist'],
          summary: 'Set the workspace’s OpenAI-compatible LLM endpoint (Ollama, vLLM, llama.cpp server, Mistral, OpenAI…)',
          description:
            'Needs `workspace:manage`. Parley POSTs to `{baseUrl}/chat/completions` through the SSRF-guarded client (a private host must be in PARLEY_OUTBOUND_ALLOW_HOSTS). `apiKey` is write-only and sealed at rest: left out it keeps the stored key, null removes it. The LLM is used only to draft replies and wrap-up summaries for the agent; nothing it writes is sent automatically.',
          body: z
            .object({
              baseUrl: z
                .url()
                .regex(/^https?:\/\//, 'must be an http(s) URL')
                .max(500)
                .describe('Up to the version, e.g. `http://localhost:11434/v1`.'),
              model: z.string().trim().min(1).max(200),
              apiKey: z.string().min(1).max(1_000).nullable().optional(),
              timeoutMs: z.number().int().min(1_000).max(120_000).optional(),
              enabled: z.boolean(),
            })
            .strict(),
          response: { 200: llmSettingsView, 403: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        if (!deps.llm) throw new AppError('not_found', 'No LLM client in this server');
        return saveLlmSettings({ ...deps, llm: deps.llm }, principalOf(request), request.body);
      },
    );

    app.delete(
      '/api/v1/assist/llm/settings',
      {
        schema: {
          tags: ['assist'],
          summary: 'Remove the workspace’s own LLM endpoint and key (the server default applies again, if any)',
          description: 'Needs `workspace:manage`. The audit log is kept.',
          response: { 200: llmSettingsView, 403: errorSchema },
        },
      },
      async (request) => clearLlmSettings(deps, principalOf(request)),
    );

    app.get(
      '/api/v1/assist/llm/audit',
      {
        schema: {
          tags: ['assist'],
          summary: 'Audit log of the workspace’s LLM calls, newest first (prompt, output or error, latency)',
          description:
            'Needs `workspace:manage`. Prompts contain customer text as sent: treat it as data and escape it when rendering. Page with `cursor` = the previous `nextCursor`.',
          querystring: z.object({ cursor: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  actor: actor,
                  purpose: z.enum(['draft', 'summary']),
                  conversationId: z.string().nullable(),
                  model: z.string(),
                  prompt: z.array(promptMessage),
                  output: z.string().nullable(),
                  error: z.string().nullable(),
                  latencyMs: z.number(),
                  createdAt: z.string(),
                }),
              ),
              nextCursor: z.string().nullable(),
            }),
            403: errorSchema,
          },
        },
      },
      async (request) => llmAudit(deps, principalOf(request), { cursor: request.query.cursor ?? null, limit: request.query.limit }),
    );

    const presenceCounts = z.object({ online: z.number(), busy: z.number(), away: z.number(), offline: z.number() });
    app.get(
      '/api/v1/assist/wallboard',
      {
        schema: {
          tags: ['assist'],
          summary: 'Supervisor wallboard: conversations with alerts, per-queue and per-advisor figures',
          description:
            'Needs `supervise`. `items`: open and pending conversations, help requests first, then struggle alerts (negative mood + handling longer than the queue’s expected handle time + SLA at risk), then emotion alerts, then the longest wait. `queues` and `agents`: routing figures; "today" starts at midnight UTC.',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  conversationId: z.string(),
                  customerId: z.string(),
                  customerName: z.string().nullable(),
                  status: z.enum(['open', 'pending', 'snoozed', 'resolved', 'closed']),
                  agentId: z.string().nullable(),
                  queueId: z.string().nullable(),
                  waitingSince: z.string().nullable(),
                  handlingSince: z.string().nullable(),
                  lastMood: mood.nullable(),
                  trend,
                  alert,
                  help: z.object({ requestedAt: z.string(), agentId: z.string().nullable(), note: z.string().nullable() }).nullable(),
                  struggle: z
                    .object({ mood: z.enum(['negative', 'worsening']), handlingSec: z.number(), slaRisk: z.enum(['waiting', 'escalated']) })
                    .nullable(),
                }),
              ),
              queues: z.array(
                z.object({
                  queueId: z.string(),
                  name: z.string(),
                  open: z.boolean(),
                  waiting: z.number(),
                  longestWaitSec: z.number(),
                  estimatedWaitSec: z.number().nullable(),
                  nextResponseSec: z.number().nullable(),
                  averageHandleSec: z.number(),
                  serviceLevel: z.object({ targetSec: z.number().nullable(), met: z.number(), decided: z.number(), share: z.number().nullable() }),
                  agents: presenceCounts,
                  occupancy: z.object({ load: z.number(), capacity: z.number(), share: z.number().nullable() }),
                }),
              ),
              agents: z.array(
                z.object({
                  agentId: z.string(),
                  name: z.string(),
                  presence: z.enum(['online', 'busy', 'away', 'offline']),
                  presenceReason: z.string().nullable(),
                  load: z.number(),
                  capacity: z.number(),
                  conversations: z.number(),
                  handledToday: z.number(),
                  averageHandleSec: z.number().nullable(),
                  negativeShare: z.number().nullable(),
                }),
              ),
            }),
            403: errorSchema,
          },
        },
      },
      async (request) => wallboard(ctx.useCases, principalOf(request), ctx.sentimentModels),
    );

    const transferResult = z.object({
      agentId: z.string().nullable(),
      queueId: z.string().nullable(),
      explanation: z.object({ en: z.string(), fr: z.string() }).nullable(),
    });
    const note = z.string().trim().max(2000).optional();
    app.post(
      '/api/v1/conversations/:id/help',
      {
        schema: {
          tags: ['assist'],
          summary: 'The advisor asks a supervisor for help',
          description: 'Only the conversation’s advisor. Records `conversation.help_requested` and alerts supervisors live (`assist:alert`, reason `help`).',
          params: idParams,
          body: z.object({ note }).strict().optional(),
          response: { 201: z.object({ requestedAt: z.string() }), 403: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await requestHelp(ctx.useCases, principalOf(request), request.params.id, { note: request.body?.note ?? null })),
    );
    app.post(
      '/api/v1/assist/wallboard/conversations/:id/take-over',
      {
        schema: {
          tags: ['assist'],
          summary: 'The supervisor becomes the conversation’s advisor',
          description: 'Needs `supervise` and a routing profile with a free slot. Routing’s transfer: the previous advisor is released.',
          params: idParams,
          body: z.object({ note }).strict().optional(),
          response: { 200: transferResult, 403: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => takeOver(ctx.useCases, principalOf(request), request.params.id, { note: request.body?.note ?? null }),
    );
    app.post(
      '/api/v1/assist/wallboard/conversations/:id/reassign',
      {
        schema: {
          tags: ['assist'],
          summary: 'Reassign to another advisor or a queue with a note',
          description: 'Needs `supervise`. 409 when the advisor is offline, has no routing profile or no free slot.',
          params: idParams,
          body: z.union([z.object({ toAgentId: z.uuid(), note }).strict(), z.object({ toQueueId: z.uuid(), note }).strict()]),
          response: { 200: transferResult, 403: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => reassign(ctx.useCases, principalOf(request), request.params.id, request.body),
    );
  };
}
