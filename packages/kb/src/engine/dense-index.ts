import { l2Normalize, type EmbeddingProvider } from '@parley/nlu';
import type { KnowledgeItem } from './knowledge-item.js';
import { splitPassages } from './passages.js';

/** Stored vectors of a knowledge base: plain arrays, so they fit a JSON column (or pgvector later). */
export interface StoredVectors {
  readonly providerId: string;
  /** Item id → vectors of its title, phrasings and first passage. */
  readonly vectors: Readonly<Record<string, readonly (readonly number[])[]>>;
}

/** Texts embedded for an item: its question side and the start of its answer. */
export function embeddingTexts(item: KnowledgeItem): string[] {
  const first = splitPassages(item.body)[0];
  return [item.title, ...(item.phrasings ?? []), ...(first ? [first.slice(0, 1000)] : [])].filter((t) => t.trim().length > 0);
}

/**
 * Brute-force cosine search over item vectors (max over an item's vectors). A knowledge base holds
 * hundreds to a few thousand items: an in-process scan is a fraction of a millisecond, so no ANN index.
 *
 * @example
 * const dense = await DenseIndex.build(items, provider);
 * await dense.search('where is my parcel', 10) // [{ id, score }]
 */
export class DenseIndex {
  private constructor(
    private readonly provider: EmbeddingProvider,
    private readonly vectors: ReadonlyMap<string, Float32Array[]>,
  ) {}

  /** Embeds every item, reusing stored vectors made by the same provider for unchanged ids. */
  static async build(items: readonly KnowledgeItem[], provider: EmbeddingProvider, stored?: StoredVectors): Promise<DenseIndex> {
    const reuse = stored && stored.providerId === provider.id ? stored.vectors : {};
    const vectors = new Map<string, Float32Array[]>();
    const pending: Array<{ id: string; texts: string[] }> = [];
    for (const item of items) {
      const texts = embeddingTexts(item);
      const known = reuse[item.id];
      if (known && known.length === texts.length)
        vectors.set(
          item.id,
          known.map((v) => Float32Array.from(v)),
        );
      else pending.push({ id: item.id, texts });
    }
    const flat = pending.flatMap((p) => p.texts);
    const embedded: Float32Array[] = [];
    for (let i = 0; i < flat.length; i += 64) embedded.push(...(await provider.embed(flat.slice(i, i + 64))));
    let cursor = 0;
    for (const p of pending) {
      vectors.set(
        p.id,
        p.texts.map(() => l2Normalize(embedded[cursor++] ?? new Float32Array())),
      );
    }
    return new DenseIndex(provider, vectors);
  }

  /**
   * An index from stored vectors only: no call to the provider, so a process can load what a job
   * computed even while the provider is down. Items without vectors are left out of the dense side.
   */
  static fromStored(provider: EmbeddingProvider, stored: StoredVectors, ids?: ReadonlySet<string>): DenseIndex {
    const vectors = new Map<string, Float32Array[]>();
    if (stored.providerId === provider.id)
      for (const [id, list] of Object.entries(stored.vectors)) {
        if (ids && !ids.has(id)) continue;
        if (list.length > 0)
          vectors.set(
            id,
            list.map((v) => Float32Array.from(v)),
          );
      }
    return new DenseIndex(provider, vectors);
  }

  /** Number of items with vectors. */
  get size(): number {
    return this.vectors.size;
  }

  /** Vectors as arrays, for storage. */
  toStored(): StoredVectors {
    const out: Record<string, number[][]> = {};
    for (const [id, list] of this.vectors) out[id] = list.map((v) => Array.from(v));
    return { providerId: this.provider.id, vectors: out };
  }

  /** Item ids by cosine similarity to the question, best first. */
  async search(question: string, limit: number, eligible: (id: string) => boolean = () => true): Promise<Array<{ id: string; score: number }>> {
    const [raw] = await this.provider.embed([question]);
    if (!raw) return [];
    const q = l2Normalize(raw);
    const out: Array<{ id: string; score: number }> = [];
    for (const [id, list] of this.vectors) {
      if (!eligible(id)) continue;
      let best = -1;
      for (const v of list) {
        let dot = 0;
        const n = Math.min(v.length, q.length);
        for (let i = 0; i < n; i++) dot += (v[i] as number) * (q[i] as number);
        if (dot > best) best = dot;
      }
      out.push({ id, score: best });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
