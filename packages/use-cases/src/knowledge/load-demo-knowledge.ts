import { KB_PUBLISHED_EVENT, KB_QUEUES, type KnowledgeDeps } from './knowledge-deps.js';
import { createInTransaction } from './article.flows.js';
import { DEMO_KNOWLEDGE, DEMO_SYNONYMS } from './demo-knowledge.js';

/**
 * Publishes the Maison Lumière demo knowledge base in a workspace that has no article yet
 * (first start with `PARLEY_DEMO` on). Safe to call at every start: it does nothing once the
 * workspace has content, and two processes racing are stopped by the unique slug index.
 *
 * @example
 * if (config.demo) await loadDemoKnowledge(kbDeps, workspaceId);
 */
export async function loadDemoKnowledge(deps: KnowledgeDeps, workspaceId: string): Promise<number> {
  if ((await deps.knowledge(deps.store.read).listArticles(workspaceId, {})).length > 0) return 0;
  try {
    const count = await deps.store.transaction(async (tx) => {
      const repo = deps.knowledge(tx);
      for (const input of DEMO_KNOWLEDGE) {
        const article = await createInTransaction(deps, tx, workspaceId, null, input);
        await repo.setStatus(workspaceId, article.id, 'published', 1, deps.clock.now());
      }
      await repo.saveSynonyms(
        workspaceId,
        DEMO_SYNONYMS.map((g) => [...g]),
        deps.clock.now(),
      );
      // Like any publication: the job rebuilds the index and computes vectors when a provider is configured.
      await tx.enqueue({ queue: KB_QUEUES.reindex, workspaceId, payload: { demo: true }, orderingKey: `kb:${workspaceId}` });
      tx.publishAfterCommit({ name: KB_PUBLISHED_EVENT, workspaceId, payload: { demo: true } });
      return DEMO_KNOWLEDGE.length;
    });
    deps.engines.invalidate(workspaceId);
    return count;
  } catch (error) {
    // Another process loaded it first (unique slug): nothing to do.
    if ((await deps.knowledge(deps.store.read).listArticles(workspaceId, {})).length > 0) return 0;
    throw error;
  }
}
