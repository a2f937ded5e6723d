import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { crossValidateSentiment, SentimentModel, trainSentimentModel, type SentimentModelState } from '@parley/nlu';
import { newId, type Clock, type Job, type JobOutcome } from '@parley/kernel';
import {
  actorOf,
  requirePermission,
  SENTIMENT_MODEL_LANGUAGES,
  type Actor,
  type LabelledSentimentExample,
  type Principal,
  type SentimentModelRepository,
  type SentimentModelSummary,
  type Store,
} from '@parley/domain';

/** Queue of the workspace sentiment training job. */
export const SENTIMENT_TRAIN_QUEUE = 'nlu.sentiment_train';

/** Bounds of one training request (the training job takes a few seconds at most at these sizes). */
export const SENTIMENT_TRAINING_LIMITS = { minExamples: 10, maxExamples: 2_000, maxTextLength: 500 } as const;

/** What the sentiment training flows need; `repo` binds to `store.read` or a transaction. */
export interface SentimentModelDeps {
  store: Store;
  clock: Clock;
  repo: (scope: object) => SentimentModelRepository;
}

export interface SentimentTrainPayload {
  language: string;
  requestId: string;
}

/** A language's trained model, if the workspace has one: what `moodOf` reads. */
export type SentimentModelLookup = (language: string) => SentimentModel | undefined;

/** No workspace model: the built-in lexicon decides. */
export const BUILT_IN_ONLY: SentimentModelLookup = () => undefined;

// The model trains on top of the shipped lexicon (see docs/nlu.md, "Workspace sentiment models").
const TRAINING = { base: 'lexicon' } as const;

/**
 * Each process's copy of the workspaces' trained sentiment models. Every lookup reads the
 * languages' model versions (one small indexed query, no model bytes) and loads a model only
 * when its version changed, so a model trained or deleted through any process is used or
 * dropped by every process at its next analysis. At most `maxModels` models are kept (least
 * recently used out).
 *
 * @example
 * const models = await sentimentModels.lookup(workspaceId);
 * moodOf(message, models);
 */
export class WorkspaceSentimentModels {
  private readonly cache = new Map<string, { version: string; model: SentimentModel | null }>();

  constructor(
    private readonly deps: Pick<SentimentModelDeps, 'store' | 'repo'>,
    private readonly logger?: Pick<Logger, 'warn'>,
    private readonly maxModels = 100,
  ) {}

  /** The workspace's models by language, current as of this call. */
  async lookup(workspaceId: string): Promise<SentimentModelLookup> {
    const repo = this.deps.repo(this.deps.store.read);
    const versions = await repo.versions(workspaceId);
    const models = new Map<string, SentimentModel>();
    for (const { language, version } of versions) {
      const key = `${workspaceId}:${language}`;
      let entry = this.cache.get(key);
      if (entry?.version !== version) {
        const stored = await repo.modelState(workspaceId, language);
        if (!stored) continue;
        entry = { version: stored.version, model: this.restore(workspaceId, language, stored.state) };
      }
      // Re-insert: the Map's order is the recency order.
      this.cache.delete(key);
      this.cache.set(key, entry);
      if (entry.model) models.set(language, entry.model);
    }
    for (const language of SENTIMENT_MODEL_LANGUAGES) if (!versions.some((v) => v.language === language)) this.cache.delete(`${workspaceId}:${language}`);
    while (this.cache.size > this.maxModels) this.cache.delete(this.cache.keys().next().value as string);
    return (language) => models.get(language);
  }

  private restore(workspaceId: string, language: string, state: unknown): SentimentModel | null {
    try {
      return SentimentModel.fromJSON(state as SentimentModelState);
    } catch (err) {
      // A model this version cannot read (an older format): the built-in one decides until it is retrained.
      this.logger?.warn({ err, workspaceId, language }, 'stored sentiment model unreadable; using the built-in model');
      return null;
    }
  }
}

/** A language's sentiment model as admins see it. */
export interface SentimentModelView {
  language: string;
  /** `built_in`: nothing trained; `training`: the latest request is queued; `ready`: its model is in use; `failed`: it failed. */
  status: 'built_in' | 'training' | 'ready' | 'failed';
  /** Which model analyses this language's messages now (a queued or failed request keeps the previous model). */
  inUse: 'workspace' | 'built_in';
  request: {
    id: string;
    examples: number;
    labelCounts: Record<string, number>;
    requestedAt: string;
    requestedBy: Actor;
    error: string | null;
  } | null;
  model: {
    version: string;
    examples: number;
    labelCounts: Record<string, number>;
    trainedAt: string;
    trainedBy: Actor;
    trainMs: number;
    evaluation: NonNullable<SentimentModelSummary['model']>['evaluation'];
  } | null;
}

function view(language: string, s: SentimentModelSummary | undefined): SentimentModelView {
  if (!s) return { language, status: 'built_in', inUse: 'built_in', request: null, model: null };
  const { request: r, model: m } = s;
  return {
    language,
    status: r.status === 'queued' ? 'training' : r.status === 'failed' ? 'failed' : 'ready',
    inUse: m ? 'workspace' : 'built_in',
    request: {
      id: r.id,
      examples: r.examples,
      labelCounts: r.labelCounts,
      requestedAt: r.requestedAt.toISOString(),
      requestedBy: r.requestedBy,
      error: r.error,
    },
    model: m
      ? {
          version: m.version,
          examples: m.examples,
          labelCounts: m.labelCounts,
          trainedAt: m.trainedAt.toISOString(),
          trainedBy: m.trainedBy,
          trainMs: m.trainMs,
          evaluation: m.evaluation,
        }
      : null,
  };
}

/**
 * The workspace's sentiment model per language (`workspace:manage`): French and English, trained
 * or built-in.
 *
 * @example
 * const { items } = await sentimentModelViews(deps, principal);
 */
export async function sentimentModelViews(deps: SentimentModelDeps, principal: Principal): Promise<{ items: SentimentModelView[] }> {
  requirePermission(principal, 'workspace:manage');
  const rows = await deps.repo(deps.store.read).list(principal.workspaceId);
  return {
    items: SENTIMENT_MODEL_LANGUAGES.map((language) =>
      view(
        language,
        rows.find((r) => r.language === language),
      ),
    ),
  };
}

/** One language's model (`workspace:manage`). */
export async function sentimentModelView(deps: SentimentModelDeps, principal: Principal, language: string): Promise<SentimentModelView> {
  requirePermission(principal, 'workspace:manage');
  const rows = await deps.repo(deps.store.read).list(principal.workspaceId);
  return view(
    language,
    rows.find((r) => r.language === language),
  );
}

/**
 * Replaces a language's training examples and queues the training (`workspace:manage`): the
 * request and its `nlu.sentiment_train` job commit together. The model in use, if any, stays until
 * the new one is trained. The caller validated the examples (labels, bounds).
 *
 * @example
 * await requestSentimentTraining(deps, principal, 'fr', [{ text: 'la livraison a sauté', label: 'negative' }, ...]);
 */
export async function requestSentimentTraining(
  deps: SentimentModelDeps,
  principal: Principal,
  language: string,
  examples: LabelledSentimentExample[],
): Promise<SentimentModelView> {
  requirePermission(principal, 'workspace:manage');
  const requestId = newId();
  await deps.store.transaction(async (tx) => {
    await deps.repo(tx).request(principal.workspaceId, language, { id: requestId, examples, requestedAt: deps.clock.now(), requestedBy: actorOf(principal) });
    await tx.enqueue({
      queue: SENTIMENT_TRAIN_QUEUE,
      workspaceId: principal.workspaceId,
      payload: { language, requestId } satisfies SentimentTrainPayload,
      idempotencyKey: requestId,
      // One training per workspace and language at a time, in request order (a superseded one ends at once).
      orderingKey: `sentiment:${principal.workspaceId}:${language}`,
      maxAttempts: 3,
    });
  });
  return sentimentModelView(deps, principal, language);
}

/**
 * Deletes a language's model and examples (`workspace:manage`): analyses use the built-in model
 * again, in every process at its next analysis. A queued training of it ends without a model.
 *
 * @example
 * await removeSentimentModel(deps, principal, 'fr'); // { status: 'built_in', ... }
 */
export async function removeSentimentModel(deps: SentimentModelDeps, principal: Principal, language: string): Promise<SentimentModelView> {
  requirePermission(principal, 'workspace:manage');
  await deps.store.transaction((tx) => deps.repo(tx).remove(principal.workspaceId, language));
  return view(language, undefined);
}

/**
 * `nlu.sentiment_train`: trains the request's model on top of the built-in lexicon, scores it by
 * stratified 5-fold cross-validation on the same examples next to the built-in model, and stores
 * it if the request is still the latest. Bad examples fail the request (kept visible in its
 * status); a storage error retries.
 *
 * @example
 * worker.register(SENTIMENT_TRAIN_QUEUE, (job) => trainSentimentJob(deps, job));
 */
export async function trainSentimentJob(deps: SentimentModelDeps, job: Job<SentimentTrainPayload>): Promise<JobOutcome> {
  const { language, requestId } = job.payload;
  const examples = await deps.repo(deps.store.read).examplesOf(job.workspaceId, language, requestId);
  // Superseded by a newer request, or deleted: nothing to do.
  if (!examples) return { kind: 'done' };
  let result: { state: SentimentModelState; evaluation: Awaited<ReturnType<typeof crossValidateSentiment>>; trainMs: number };
  try {
    const started = performance.now();
    const model = trainSentimentModel({ language, examples, options: TRAINING });
    const trainMs = Math.round(performance.now() - started);
    const evaluation = await crossValidateSentiment({ language, examples, options: TRAINING, folds: 5 });
    result = { state: model.toJSON(), evaluation, trainMs };
  } catch (err) {
    await deps.store.transaction((tx) => deps.repo(tx).fail(job.workspaceId, language, requestId, (err as Error).message));
    return { kind: 'done' };
  }
  const { evaluation } = result;
  await deps.store.transaction((tx) =>
    deps.repo(tx).complete(job.workspaceId, language, requestId, {
      state: result.state,
      evaluation: {
        method: 'stratified_k_fold',
        folds: evaluation.folds,
        examples: evaluation.examples,
        workspace: evaluation.trained,
        builtIn: evaluation.builtIn,
      },
      trainedAt: deps.clock.now(),
      trainMs: result.trainMs,
    }),
  );
  return { kind: 'done' };
}
