import { sha256Hex, type Job, type JobOutcome } from '@parley/kernel';
import type { ArticleEmbedding, KnowledgeRepository } from '@parley/domain';
import { DenseIndex, embeddingTexts, type EmbeddingProvider, type KnowledgeItem, type StoredVectors } from '@parley/kb';
import { KB_PUBLISHED_EVENT, type KnowledgeDeps } from './knowledge-deps.js';
import { loadEngineSource, toKnowledgeItem } from './knowledge-engines.js';

/**
 * Hash of what an item's vectors embed (provider and texts): stored vectors are reused only while
 * it is unchanged, so an edit, a learned phrasing or another model re-embeds the article.
 *
 * @example
 * embeddingHash('openai:http://x/v1#m', item)
 */
export function embeddingHash(providerId: string, item: KnowledgeItem): string {
  return sha256Hex(JSON.stringify([providerId, embeddingTexts(item)]));
}

/**
 * The stored vectors that still match the items, as the engine takes them.
 *
 * @example
 * const vectors = matchingVectors(provider.id, items, await repo.listEmbeddings(ws, provider.id));
 */
export function matchingVectors(providerId: string, items: readonly KnowledgeItem[], rows: readonly ArticleEmbedding[]): StoredVectors {
  const byId = new Map(rows.map((r) => [r.articleId, r]));
  const vectors: Record<string, number[][]> = {};
  for (const item of items) {
    const row = byId.get(item.id);
    if (row && row.contentHash === embeddingHash(providerId, item)) vectors[item.id] = row.vectors;
  }
  return { providerId, vectors };
}

/**
 * Computes the vectors of published articles whose texts changed since they were last embedded,
 * and stores them. Returns how many articles were embedded. Throws when the provider fails.
 *
 * @example
 * await embedKnowledge(deps, provider, workspaceId);
 */
export async function embedKnowledge(
  deps: Pick<KnowledgeDeps, 'store' | 'clock' | 'knowledge'>,
  provider: EmbeddingProvider,
  workspaceId: string,
): Promise<number> {
  const repo: KnowledgeRepository = deps.knowledge(deps.store.read);
  const source = await loadEngineSource(repo, workspaceId);
  const items = source.articles.map((a) => toKnowledgeItem(a, source.phrasings.get(a.id)));
  const known = matchingVectors(provider.id, items, await repo.listEmbeddings(workspaceId, provider.id));
  const pending = items.filter((i) => !known.vectors[i.id]);
  if (pending.length === 0) return 0;
  const stored = (await DenseIndex.build(pending, provider)).toStored();
  const rows = pending.flatMap((item): ArticleEmbedding[] => {
    const vectors = stored.vectors[item.id];
    return vectors ? [{ articleId: item.id, contentHash: embeddingHash(provider.id, item), vectors: vectors.map((v) => [...v]) }] : [];
  });
  await deps.store.transaction(async (tx) => {
    await deps.knowledge(tx).saveEmbeddings(workspaceId, provider.id, rows, deps.clock.now());
    // Processes that rebuilt their index before these vectors existed drop it and load them.
    tx.publishAfterCommit({ name: KB_PUBLISHED_EVENT, workspaceId, payload: { embedded: rows.length } });
  });
  return rows.length;
}

/**
 * An embedding provider that fails fast for `cooldownMs` after a failure, so questions do not each
 * wait for a provider that is down (the engine answers lexically meanwhile).
 *
 * @example
 * const guarded = guardEmbeddingProvider(provider, { cooldownMs: 30_000, onError: (e) => log.warn(e) });
 */
export function guardEmbeddingProvider(
  provider: EmbeddingProvider,
  options: { cooldownMs?: number; now?: () => number; onError?: (error: unknown) => void } = {},
): EmbeddingProvider {
  const now = options.now ?? Date.now;
  let openUntil = 0;
  return {
    id: provider.id,
    embed: async (texts) => {
      if (now() < openUntil) throw new Error('embedding provider cooling down after a failure');
      try {
        return await provider.embed(texts);
      } catch (error) {
        openUntil = now() + (options.cooldownMs ?? 30_000);
        options.onError?.(error);
        throw error;
      }
    },
  };
}

/**
 * The embedding part of `kb.reindex`: a failure never blocks the lexical rebuild; the job retries
 * later so the vectors catch up when the provider is back.
 *
 * @example
 * const outcome = await embedForJob(deps, provider, job);
 */
export async function embedForJob(deps: Pick<KnowledgeDeps, 'store' | 'clock' | 'knowledge'>, provider: EmbeddingProvider, job: Job): Promise<JobOutcome> {
  try {
    await embedKnowledge(deps, provider, job.workspaceId);
    return { kind: 'done' };
  } catch (error) {
    return {
      kind: 'retry',
      error: `embeddings: ${error instanceof Error ? error.message : String(error)}`,
      delayMs: Math.min(300_000, 5_000 * 2 ** job.attempt),
    };
  }
}
