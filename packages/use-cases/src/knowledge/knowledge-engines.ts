import { AnswerEngine, type EmbeddingProvider, type FeedbackStats, type KnowledgeItem } from '@parley/kb';
import type { Article, ArticleEmbedding, KnowledgeRepository } from '@parley/domain';
import { matchingVectors } from './knowledge-embeddings.js';

/** Input of one workspace's engine, loaded from storage. */
export interface EngineSource {
  articles: Article[];
  /** Approved learned phrasings by article id. */
  phrasings: Map<string, string[]>;
  synonyms: string[][];
  feedback: Map<string, FeedbackStats>;
  /** Stored vectors of the configured embedding provider (empty without one). */
  embeddings: ArticleEmbedding[];
}

/**
 * Loads what a workspace's engine indexes: published articles (their published version),
 * approved learned phrasings, synonyms, feedback counters and, with a provider id, stored vectors.
 *
 * @example
 * const source = await loadEngineSource(repo, workspaceId);
 */
export async function loadEngineSource(repo: KnowledgeRepository, workspaceId: string, embeddingProviderId?: string): Promise<EngineSource> {
  const [articles, learned, synonyms, stats, embeddings] = await Promise.all([
    repo.listPublished(workspaceId),
    repo.listPhrasings(workspaceId, { status: 'approved' }),
    repo.getSynonyms(workspaceId),
    repo.feedbackStats(workspaceId),
    embeddingProviderId ? repo.listEmbeddings(workspaceId, embeddingProviderId) : Promise.resolve([]),
  ]);
  const phrasings = new Map<string, string[]>();
  for (const p of learned) phrasings.set(p.articleId, [...(phrasings.get(p.articleId) ?? []), p.text]);
  return { articles, phrasings, synonyms, feedback: feedbackMap(stats), embeddings };
}

function feedbackMap(stats: Awaited<ReturnType<KnowledgeRepository['feedbackStats']>>): Map<string, FeedbackStats> {
  return new Map(stats.map((s) => [s.articleId, s]));
}

/**
 * An article as the engine sees it. The title, editors' and learned phrasings are the question side;
 * summary, body and steps the answer side.
 *
 * @example
 * toKnowledgeItem(article, ['colis en retard'])
 */
export function toKnowledgeItem(article: Article, learned: readonly string[] = []): KnowledgeItem {
  const steps = article.steps.length ? `\n\n${article.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}` : '';
  return {
    id: article.id,
    title: article.title,
    body: `${article.summary ? `${article.summary}\n\n` : ''}${article.body}${steps}`,
    phrasings: [...article.phrasings, ...learned],
    language: article.language,
    channels: article.channels,
    audiences: article.audiences,
    tags: article.tags,
    ...(article.category ? { category: article.category } : {}),
  };
}

interface Entry {
  generation: number;
  built: Promise<{ engine: AnswerEngine; articles: Map<string, Article> }>;
  feedbackLoadedAt: number;
}

const FEEDBACK_TTL_MS = 60_000;

/**
 * The in-process answer index of each workspace. Built lazily on the first question, dropped on
 * publication (`invalidate`, called after commit, by the `kb.reindex` job and on the `kb.published`
 * bus event in every process), and re-read at most once a minute for feedback counters.
 *
 * @example
 * const engines = new KnowledgeEngines((ws) => loadEngineSource(repo, ws));
 * const { engine } = await engines.get(workspaceId);
 */
export class KnowledgeEngines {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly load: (workspaceId: string) => Promise<EngineSource>,
    private readonly options: {
      embedding?: EmbeddingProvider;
      now?: () => number;
      loadFeedback?: (workspaceId: string) => Promise<Map<string, FeedbackStats>>;
    } = {},
  ) {}

  /** The workspace's engine and its articles by id, building them when needed. */
  async get(workspaceId: string): Promise<{ engine: AnswerEngine; articles: Map<string, Article> }> {
    const now = this.options.now?.() ?? Date.now();
    let entry = this.entries.get(workspaceId);
    if (!entry) {
      const generation = ++this.generation;
      entry = { generation, built: this.build(workspaceId), feedbackLoadedAt: now };
      this.entries.set(workspaceId, entry);
      // A failed build must not stay cached: the next question tries again.
      entry.built.catch(() => {
        if (this.entries.get(workspaceId)?.generation === generation) this.entries.delete(workspaceId);
      });
    } else if (this.options.loadFeedback && now - entry.feedbackLoadedAt > FEEDBACK_TTL_MS) {
      entry.feedbackLoadedAt = now;
      const { engine } = await entry.built;
      engine.setFeedback(await this.options.loadFeedback(workspaceId));
    }
    return entry.built;
  }

  /** Drops the workspace's index; the next question rebuilds it. */
  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }

  /** Rebuilds now (the `kb.reindex` job), so the next question does not wait. */
  async rebuild(workspaceId: string): Promise<number> {
    this.invalidate(workspaceId);
    return (await this.get(workspaceId)).engine.size;
  }

  private async build(workspaceId: string): Promise<{ engine: AnswerEngine; articles: Map<string, Article> }> {
    const source = await this.load(workspaceId);
    const items = source.articles.map((a) => toKnowledgeItem(a, source.phrasings.get(a.id)));
    const engine = AnswerEngine.build(items, { synonyms: source.synonyms, feedback: source.feedback });
    // Vectors come from storage (the kb.reindex job computes them): building an index never calls
    // the provider, so a provider outage cannot stop answers.
    const provider = this.options.embedding;
    if (provider) engine.attachStoredEmbeddings(provider, matchingVectors(provider.id, items, source.embeddings));
    return { engine, articles: new Map(source.articles.map((a) => [a.id, a])) };
  }
}
