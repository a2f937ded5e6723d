import type { EmbeddingProvider } from '@parley/nlu';
import { DenseIndex, type StoredVectors } from './dense-index.js';
import { feedbackBoost, MAX_FEEDBACK_BOOST, type FeedbackStats } from './feedback-boost.js';
import { reciprocalRankFusion, weightedFusion, type FusionOptions } from './fusion.js';
import type { AnswerQuery, KnowledgeItem, MatchExplanation, RankedAnswer } from './knowledge-item.js';
import { LexicalIndex, type LexicalHit, type LexicalIndexOptions } from './lexical-index.js';

/** Options of {@link AnswerEngine.build}. */
export interface AnswerEngineOptions extends LexicalIndexOptions {
  /** Feedback per item id, turned into a bounded rank boost. */
  readonly feedback?: ReadonlyMap<string, FeedbackStats>;
  /** How lexical and dense ranks combine when embeddings are attached (default RRF, k = 60). */
  readonly fusion?: FusionOptions;
}

const MAX_K = 50;

/**
 * The answer engine: top-k answers for a question with a score and the passage that matched.
 * Lexical (BM25F) always; dense (an {@link EmbeddingProvider}) fused in when attached.
 *
 * @example
 * const engine = AnswerEngine.build(items, { synonyms: [['colis', 'paquet']] });
 * engine.search({ question: 'où est mon colis ?', k: 5 })[0].explanation.passage
 * await engine.attachEmbeddings(provider);
 * await engine.answer({ question: 'where is my parcel', channel: 'sms' });
 */
export class AnswerEngine {
  private dense: DenseIndex | null = null;
  private feedback: ReadonlyMap<string, FeedbackStats>;
  private readonly byId = new Map<string, number>();

  private constructor(
    readonly lexical: LexicalIndex,
    private readonly fusion: FusionOptions,
    feedback: ReadonlyMap<string, FeedbackStats>,
  ) {
    this.feedback = feedback;
    lexical.items.forEach((it, i) => this.byId.set(it.item.id, i));
  }

  /** Indexes the items (synchronous; about 1 ms per 100 FAQ entries). */
  static build(items: readonly KnowledgeItem[], options: AnswerEngineOptions = {}): AnswerEngine {
    return new AnswerEngine(LexicalIndex.build(items, options), options.fusion ?? { method: 'rrf', k: 60 }, options.feedback ?? new Map());
  }

  /** Number of indexed items. */
  get size(): number {
    return this.lexical.items.length;
  }

  /** True when a dense index is attached. */
  get hybrid(): boolean {
    return this.dense !== null;
  }

  /** The indexed item with this id. */
  item(id: string): KnowledgeItem | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.lexical.items[i]?.item;
  }

  /** Replaces the feedback statistics (they change more often than the content). */
  setFeedback(feedback: ReadonlyMap<string, FeedbackStats>): void {
    this.feedback = feedback;
  }

  /** Embeds the items (reusing stored vectors of the same provider) and turns hybrid ranking on. */
  async attachEmbeddings(provider: EmbeddingProvider, stored?: StoredVectors): Promise<StoredVectors> {
    this.dense = await DenseIndex.build(
      this.lexical.items.map((i) => i.item),
      provider,
      stored,
    );
    return this.dense.toStored();
  }

  /**
   * Turns hybrid ranking on from vectors computed earlier (by a job), without calling the provider.
   * Only the provider's own vectors of indexed items are used; with none (not computed yet, another
   * model), the engine stays lexical rather than fusing with an empty ranking.
   */
  attachStoredEmbeddings(provider: EmbeddingProvider, stored: StoredVectors): void {
    const dense = DenseIndex.fromStored(provider, stored, new Set(this.byId.keys()));
    this.dense = dense.size > 0 ? dense : null;
  }

  /** Lexical ranking only (synchronous). */
  search(query: AnswerQuery): RankedAnswer[] {
    const k = clampK(query.k);
    const boost = (index: number): number => feedbackBoost(this.feedback.get(this.idOf(index)));
    const hits = this.lexical.search(query, { limit: k, boost, maxBoost: MAX_FEEDBACK_BOOST });
    return hits.map((hit, rank) => this.toAnswer(hit, rank, hit.score * boost(hit.index), hit.confidence, null));
  }

  /**
   * Hybrid ranking when embeddings are attached, lexical otherwise. When the provider fails to embed
   * the question, the answer is the lexical ranking (never an error): `onDenseError` hears why.
   */
  async answer(query: AnswerQuery, onDenseError?: (error: unknown) => void): Promise<RankedAnswer[]> {
    if (!this.dense) return this.search(query);
    const k = clampK(query.k);
    const pool = Math.max(50, k * 4);
    const hits = this.lexical.search(query, { limit: pool });
    const eligible = (id: string): boolean => {
      const i = this.byId.get(id);
      return i !== undefined && this.lexical.eligible(i, query);
    };
    let dense: Array<{ id: string; score: number }>;
    try {
      dense = await this.dense.search(query.question, pool, eligible);
    } catch (error) {
      onDenseError?.(error);
      return this.search(query);
    }
    const lexScores = new Map(hits.map((h) => [this.idOf(h.index), h.score]));
    const denseScores = new Map(dense.map((d) => [d.id, d.score]));
    const fused =
      this.fusion.method === 'rrf'
        ? reciprocalRankFusion([hits.map((h) => this.idOf(h.index)), dense.map((d) => d.id)], this.fusion.k ?? 60)
        : weightedFusion(lexScores, denseScores, this.fusion.lexicalWeight);
    const hitById = new Map(hits.map((h) => [this.idOf(h.index), h]));
    const ranked = [...fused]
      .map(([id, s]) => ({ id, score: s * feedbackBoost(this.feedback.get(id)) }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, k);
    return ranked.map(({ id, score }, rank) => {
      const index = this.byId.get(id) as number;
      const hit: LexicalHit = hitById.get(id) ?? { index, score: 0, confidence: 0, variant: null, terms: [], surfaces: new Map() };
      const cos = denseScores.get(id) ?? null;
      const confidence = Math.max(hit.confidence, cos === null ? 0 : Math.max(0, cos));
      return this.toAnswer(hit, rank, score, confidence, cos);
    });
  }

  private idOf(index: number): string {
    return this.lexical.items[index]?.item.id ?? '';
  }

  private toAnswer(hit: LexicalHit, rank: number, score: number, confidence: number, dense: number | null): RankedAnswer {
    const it = this.lexical.items[hit.index];
    const shared = this.lexical.sharedTerms(hit.index, hit.terms);
    const explanation: MatchExplanation = {
      field: hit.variant ? hit.variant.kind : 'body',
      matchedQuestion: hit.variant?.text ?? it?.item.title ?? '',
      passage: this.lexical.passage(hit.index, hit.terms),
      matchedTerms: [...new Set(shared.map((t) => hit.surfaces.get(t) ?? t))],
    };
    return {
      id: it?.item.id ?? '',
      rank: rank + 1,
      score: round(score),
      confidence: round(confidence),
      lexicalScore: round(hit.score),
      denseScore: dense === null ? null : round(dense),
      explanation,
    };
  }
}

function clampK(k: number | undefined): number {
  return Math.max(1, Math.min(MAX_K, Math.floor(k ?? 5)));
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
