import type {
  Article,
  ArticleEmbedding,
  ArticleContent,
  ArticleFeedbackStats,
  ArticleKind,
  ArticleStatus,
  ArticleVersion,
  FeedbackKind,
  KnowledgeGap,
  LearnedPhrasing,
} from './article.js';

/** Fields of a new article (its first version is written with it). */
export interface NewArticle extends ArticleContent {
  id: string;
  workspaceId: string;
  kind: ArticleKind;
  language: string;
  slug: string;
  category: string | null;
  tags: string[];
  audiences: string[];
  channels: string[];
  reviewBy: Date | null;
  authorId: string | null;
  now: Date;
}

/** Changes to an article; content changes make a new version. */
export type ArticlePatch = Partial<ArticleContent & Pick<Article, 'kind' | 'language' | 'slug' | 'category' | 'tags' | 'audiences' | 'channels' | 'reviewBy'>>;

/** An article as served: the content of its published version. */
export type PublishedArticle = Article;

/**
 * Storage of the knowledge base. Every method takes the workspace id, except the help center's
 * slug lookup, which finds the workspace from its public slug.
 */
export interface KnowledgeRepository {
  createArticle(input: NewArticle): Promise<Article>;
  /** Applies a patch and writes version `version + 1` when content changed; null when not found. */
  updateArticle(workspaceId: string, id: string, patch: ArticlePatch, authorId: string | null, note: string | null, now: Date): Promise<Article | null>;
  getArticle(workspaceId: string, id: string): Promise<Article | null>;
  /** Locks the article row for the rest of the transaction (publish and update race). */
  lockArticle(workspaceId: string, id: string): Promise<Article | null>;
  findBySlug(workspaceId: string, slug: string): Promise<Article | null>;
  listArticles(workspaceId: string, filter: { status?: ArticleStatus; kind?: ArticleKind; language?: string }): Promise<Article[]>;
  listVersions(workspaceId: string, articleId: string): Promise<ArticleVersion[]>;
  getVersion(workspaceId: string, articleId: string, version: number): Promise<ArticleVersion | null>;
  setStatus(workspaceId: string, id: string, status: ArticleStatus, publishedVersion: number | null, now: Date): Promise<void>;
  /** Published articles with the content of their published version. */
  listPublished(workspaceId: string): Promise<PublishedArticle[]>;
  getPublished(workspaceId: string, id: string): Promise<PublishedArticle | null>;

  addPhrasing(input: {
    id: string;
    workspaceId: string;
    articleId: string;
    text: string;
    language: string | null;
    source: LearnedPhrasing['source'];
    createdBy: string | null;
    now: Date;
  }): Promise<LearnedPhrasing>;
  listPhrasings(workspaceId: string, filter: { status?: LearnedPhrasing['status']; articleId?: string }): Promise<LearnedPhrasing[]>;
  reviewPhrasing(workspaceId: string, id: string, status: 'approved' | 'rejected', reviewerId: string, now: Date): Promise<LearnedPhrasing | null>;

  recordFeedback(input: {
    id: string;
    workspaceId: string;
    articleId: string | null;
    question: string | null;
    kind: FeedbackKind;
    source: 'agent' | 'customer';
    actorId: string | null;
    channel: string | null;
    now: Date;
  }): Promise<void>;
  feedbackStats(workspaceId: string): Promise<ArticleFeedbackStats[]>;
  recordQuery(input: {
    id: string;
    workspaceId: string;
    question: string;
    normalized: string;
    language: string | null;
    channel: string | null;
    topArticleId: string | null;
    topConfidence: number;
    now: Date;
  }): Promise<void>;
  /** Normalised questions asked at least `minCount` times since `since` whose best answer stayed under `threshold`. */
  gaps(workspaceId: string, options: { since: Date; threshold: number; minCount: number; limit: number }): Promise<KnowledgeGap[]>;

  /** Stored vectors of one embedding provider (see `saveEmbeddings`). */
  listEmbeddings(workspaceId: string, providerId: string): Promise<ArticleEmbedding[]>;
  /** Upserts vectors per (article, provider). */
  saveEmbeddings(workspaceId: string, providerId: string, rows: readonly ArticleEmbedding[], now: Date): Promise<void>;

  getSynonyms(workspaceId: string): Promise<string[][]>;
  saveSynonyms(workspaceId: string, groups: string[][], now: Date): Promise<void>;
  /** The workspace behind a public help-center slug. */
  workspaceIdBySlug(slug: string): Promise<string | null>;
}
