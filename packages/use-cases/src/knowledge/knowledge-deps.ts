import type { Clock } from '@parley/kernel';
import type { KnowledgeRepository, Store } from '@parley/domain';
import type { EmbeddingProvider } from '@parley/kb';
import type { KnowledgeEngines } from './knowledge-engines.js';

/** What the knowledge flows need, injected from the composition root. */
export interface KnowledgeDeps {
  store: Store;
  clock: Clock;
  /** The knowledge repository bound to a scope of `store` (its transaction, or `store.read`). */
  knowledge: (scope: object) => KnowledgeRepository;
  engines: KnowledgeEngines;
  /** The embedding provider the `kb.reindex` job computes vectors with (PARLEY_EMBEDDINGS_URL); absent: lexical only. */
  embedding?: EmbeddingProvider;
}

/** Durable job queue of the knowledge base. */
export const KB_QUEUES = {
  /** Rebuild a workspace's answer index after a publication (payload `{ articleId }`). */
  reindex: 'kb.reindex',
} as const;

/** Bus event after a publication change: every process drops its cached index for the workspace. */
export const KB_PUBLISHED_EVENT = 'kb.published';
