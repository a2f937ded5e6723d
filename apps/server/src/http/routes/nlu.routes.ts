import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@parley/kernel';
import { SENTIMENT_MODEL_LANGUAGES } from '@parley/domain';
import { principalOf } from '../auth.js';
import { errorSchema } from '../dto.js';
import type { ServerContext } from '../server-context.js';
import {
  removeSentimentModel,
  requestSentimentTraining,
  sentimentModelView,
  sentimentModelViews,
  SENTIMENT_TRAINING_LIMITS,
  type SentimentModelDeps,
} from '../../assist/sentiment-models.js';

const { minExamples, maxExamples, maxTextLength } = SENTIMENT_TRAINING_LIMITS;
/** JSON or JSON lines of the largest accepted set (accented text, escapes) fit in this. */
const TRAINING_BODY_LIMIT = 3 * 1024 * 1024;
const JSONL_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines'];
const MAX_REPORTED_ISSUES = 50;

const example = z
  .object({
    text: z
      .string()
      .trim()
      .min(1)
      .max(maxTextLength)
      .refine((t) => !t.includes('\u0000'), 'may not contain U+0000'),
    label: z.enum(['negative', 'neutral', 'positive']),
  })
  .strict();
const trainingBody = z
  .object({
    examples: z
      .array(example)
      .min(minExamples)
      .max(maxExamples)
      .refine(
        (list) => new Set(list.map((e) => e.label)).size >= 2,
        'Give examples of at least two labels: from one label alone, the model learns that the words they share carry it',
      )
      .describe(
        `${minExamples}–${maxExamples} labelled messages of at most ${maxTextLength} characters, of at least two labels; they replace the language’s previous examples.`,
      ),
  })
  .strict();
const languageParams = z.object({ language: z.enum(SENTIMENT_MODEL_LANGUAGES) });

const actor = z.object({ kind: z.string(), id: z.string().nullable() });
const scores = z.object({ accuracy: z.number(), macroF1: z.number() });
const modelView = z.object({
  language: z.string(),
  status: z
    .enum(['built_in', 'training', 'ready', 'failed'])
    .describe(
      '`built_in`: nothing trained; `training`: the latest request is queued; `ready`: its model is in use; `failed`: it failed (see `request.error`).',
    ),
  inUse: z.enum(['workspace', 'built_in']).describe('Which model analyses this language’s customer messages now.'),
  request: z
    .object({
      id: z.string(),
      examples: z.number(),
      labelCounts: z.record(z.string(), z.number()),
      requestedAt: z.string(),
      requestedBy: actor,
      error: z.string().nullable(),
    })
    .nullable()
    .describe('The latest training request.'),
  model: z
    .object({
      version: z.string(),
      examples: z.number(),
      labelCounts: z.record(z.string(), z.number()),
      trainedAt: z.string(),
      trainedBy: actor.describe('Who asked for the training.'),
      trainMs: z.number().describe('Time to train the final model (the cross-validation comes on top).'),
      evaluation: z
        .object({
          method: z.literal('stratified_k_fold'),
          folds: z.number(),
          examples: z.number(),
          workspace: scores.describe('The workspace model, each example predicted by a model trained without it.'),
          builtIn: scores.describe('The built-in lexicon model on the same examples.'),
        })
        .describe('Accuracy and macro-F1 (over the labels present) on the workspace’s own examples.'),
    })
    .nullable()
    .describe('The model in use, trained from the latest successful request.'),
});

/**
 * Parses a JSON-lines upload (`{"text","label"}` per line, blank lines skipped) into the JSON
 * body's shape; bad lines are one 422 naming each line.
 */
function parseTrainingJsonl(content: string): { examples: unknown[] } {
  const examples: unknown[] = [];
  const issues: Array<{ line: number; message: string }> = [];
  content
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (raw.trim() === '' || issues.length >= MAX_REPORTED_ISSUES) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        issues.push({ line: i + 1, message: 'not valid JSON' });
        return;
      }
      const row = example.safeParse(value);
      if (row.success) examples.push(row.data);
      else issues.push({ line: i + 1, message: row.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ') });
    });
  if (issues.length > 0)
    throw new AppError('validation_failed', `${issues.length === MAX_REPORTED_ISSUES ? 'At least ' : ''}${issues.length} bad line(s)`, issues);
  return { examples };
}

/**
 * Workspace sentiment models (`workspace:manage`): train the built-in sentiment model further on
 * the workspace's labelled messages, per language, see its cross-validated scores, go back to
 * the built-in model.
 *
 * @example
 * await app.register(nluRoutes(ctx));
 */
export function nluRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const deps: SentimentModelDeps = { store: ctx.store, clock: ctx.clock, repo: ctx.sentimentRepository };
  const tags = ['nlu'];
  return async (app) => {
    for (const type of JSONL_TYPES)
      app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: TRAINING_BODY_LIMIT }, (_request, body, done) => {
        try {
          done(null, parseTrainingJsonl(String(body)));
        } catch (error) {
          done(error as Error, undefined);
        }
      });

    app.get(
      '/api/v1/nlu/sentiment/models',
      {
        schema: {
          tags,
          summary: 'The workspace’s sentiment model per language (French, English): built-in or trained, with its scores',
          description: 'Needs `workspace:manage`.',
          response: { 200: z.object({ items: z.array(modelView) }), 403: errorSchema },
        },
      },
      async (request) => sentimentModelViews(deps, principalOf(request)),
    );

    app.get(
      '/api/v1/nlu/sentiment/models/:language',
      {
        schema: {
          tags,
          summary: 'One language’s sentiment model: training status, examples, who trained it and when, cross-validated scores',
          description: 'Needs `workspace:manage`. Poll it after a `PUT` until `status` is `ready` or `failed`.',
          params: languageParams,
          response: { 200: modelView, 403: errorSchema },
        },
      },
      async (request) => sentimentModelView(deps, principalOf(request), request.params.language),
    );

    app.put(
      '/api/v1/nlu/sentiment/models/:language',
      {
        bodyLimit: TRAINING_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Train the built-in sentiment model further on the workspace’s labelled messages (replaces the language’s examples)',
          description: [
            `Needs \`workspace:manage\`. The body is JSON \`{examples: [{text, label}]}\` or JSON lines (\`Content-Type: application/x-ndjson\`, one \`{"text","label"}\` object per line; bad lines are one 422 naming each line). Labels are \`negative\`, \`neutral\` or \`positive\`; ${minExamples}–${maxExamples} examples of at most ${maxTextLength} characters.`,
            'Answers 202 with `status: training`: the `nlu.sentiment_train` job trains the model (a few seconds at most) and scores it by stratified 5-fold cross-validation on the examples, next to the built-in model on the same examples. Until it is done, the previous model (workspace or built-in) stays in use; then the assist’s emotion cues, wallboard and routing emotion use it for this language’s customer messages in every process.',
            'The model is the built-in lexicon plus a learned correction (word and character n-grams, the lexicon’s scores as features): a message the examples say nothing about keeps the built-in label. The examples are stored with the model until it is deleted.',
          ].join('\n\n'),
          params: languageParams,
          body: trainingBody,
          response: { 202: modelView, 403: errorSchema, 413: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) =>
        reply.status(202).send(await requestSentimentTraining(deps, principalOf(request), request.params.language, request.body.examples)),
    );

    app.delete(
      '/api/v1/nlu/sentiment/models/:language',
      {
        schema: {
          tags,
          summary: 'Delete the language’s trained model and its examples: the built-in model analyses its messages again',
          description: 'Needs `workspace:manage`. Idempotent; a queued training of this language ends without a model.',
          params: languageParams,
          response: { 200: modelView, 403: errorSchema },
        },
      },
      async (request) => removeSentimentModel(deps, principalOf(request), request.params.language),
    );
  };
}
