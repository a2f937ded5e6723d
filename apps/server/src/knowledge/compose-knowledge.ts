import type { Logger } from 'pino';
import type { Clock, EventBus } from '@parley/kernel';
import type { Store } from '@parley/domain';
import { pgKnowledgeRepositoryFor } from '@parley/storage-pg';
import type { JobWorker } from '@parley/queue-pg';
import { KB_PUBLISHED_EVENT, KB_QUEUES, KnowledgeEngines, loadDemoKnowledge, loadEngineSource, reindexKnowledge, type KnowledgeDeps } from '@parley/use-cases';

/**
 * Wires the knowledge base: repository, per-workspace engine cache, the `kb.reindex` job, the
 * `kb.published` subscription (every process drops its index when any process publishes) and the
 * demo content on first start.
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
}): Promise<{ deps: KnowledgeDeps; close(): Promise<void> }> {
  const knowledge = pgKnowledgeRepositoryFor;
  const engines = new KnowledgeEngines((ws) => loadEngineSource(knowledge(input.store.read), ws), {
    loadFeedback: async (ws) => new Map((await knowledge(input.store.read).feedbackStats(ws)).map((s) => [s.articleId, s])),
  });
  const deps: KnowledgeDeps = { store: input.store, clock: input.clock, knowledge, engines };
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
