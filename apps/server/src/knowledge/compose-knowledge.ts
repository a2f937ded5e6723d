import type { Logger } from 'pino';
import type { Clock, EventBus } from '@parley/kernel';
import type { Store } from '@parley/domain';
import { OpenAiEmbeddingProvider, type EmbeddingProvider } from '@parley/kb';
import { pgKnowledgeRepositoryFor } from '@parley/storage-pg';
import type { JobWorker } from '@parley/queue-pg';
import {
  guardEmbeddingProvider,
  KB_PUBLISHED_EVENT,
  KB_QUEUES,
  KnowledgeEngines,
  loadDemoKnowledge,
  loadEngineSource,
  reindexKnowledge,
  type KnowledgeDeps,
} from '@parley/use-cases';

/** The OpenAI-compatible embeddings endpoint of the configuration (PARLEY_EMBEDDINGS_*). */
export interface EmbeddingsConfig {
  url: string;
  model: string;
  apiKey?: string | undefined;
  /** Per question; the job waits longer (it is not in front of anyone). */
  timeoutMs: number;
}

/**
 * Wires the knowledge base: repository, per-workspace engine cache, the `kb.reindex` job, the
 * `kb.published` subscription (every process drops its index when any process publishes), the
 * optional embedding provider (hybrid ranking) and the demo content on first start.
 *
 * @example
 * const kb = await composeKnowledge({ store, clock, bus, worker, logger, demoWorkspaceId: config.demo ? ws : null });
 */
export async function composeKnowledge(input: {
  store: Store;
  clock: Clock;
  bus: EventBus;
  worker: JobWorker | null;
  logger: Logger;
  demoWorkspaceId: string | null;
  embeddings?: EmbeddingsConfig | null;
}): Promise<{ deps: KnowledgeDeps; close(): Promise<void> }> {
  const knowledge = pgKnowledgeRepositoryFor;
  const provider = (timeoutMs: number): EmbeddingProvider | undefined =>
    input.embeddings
      ? new OpenAiEmbeddingProvider({
          // Accept the endpoint itself as well as its base URL.
          baseUrl: input.embeddings.url.replace(/\/embeddings\/?$/, ''),
          model: input.embeddings.model,
          timeoutMs,
          ...(input.embeddings.apiKey ? { apiKey: input.embeddings.apiKey } : {}),
        })
      : undefined;
  const forJobs = provider(30_000);
  const forQuestions = provider(input.embeddings?.timeoutMs ?? 3000);
  const queryProvider = forQuestions
    ? guardEmbeddingProvider(forQuestions, { onError: (err) => input.logger.warn({ err }, 'embedding provider failed; answering with lexical ranking') })
    : undefined;
  const engines = new KnowledgeEngines((ws) => loadEngineSource(knowledge(input.store.read), ws, queryProvider?.id), {
    loadFeedback: async (ws) => new Map((await knowledge(input.store.read).feedbackStats(ws)).map((s) => [s.articleId, s])),
    ...(queryProvider ? { embedding: queryProvider } : {}),
  });
  const deps: KnowledgeDeps = { store: input.store, clock: input.clock, knowledge, engines, ...(forJobs ? { embedding: forJobs } : {}) };
  input.worker?.register(KB_QUEUES.reindex, (job) => reindexKnowledge(deps, job));
  const subscription = await input.bus.subscribe(KB_PUBLISHED_EVENT, (event) => engines.invalidate(event.workspaceId));
  if (input.demoWorkspaceId) {
    try {
      const loaded = await loadDemoKnowledge(deps, input.demoWorkspaceId);
      if (loaded > 0) input.logger.info({ articles: loaded }, 'demo knowledge base published');
    } catch (err) {
      // The demo is a convenience: a failure must not stop the server.
      input.logger.warn({ err }, 'loading the demo knowledge base failed');
    }
  }
  return { deps, close: () => subscription.unsubscribe() };
}
