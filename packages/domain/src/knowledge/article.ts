/** Kinds of knowledge content. */
export type ArticleKind = 'article' | 'faq' | 'procedure' | 'canned';
/** Editorial state: drafts are invisible to the engine and the help center. */
export type ArticleStatus = 'draft' | 'published' | 'archived';

/** The versioned content of an article. */
export interface ArticleContent {
  title: string;
  /** Markdown. */
  body: string;
  summary: string | null;
  /** Alternative questions written by editors (FAQ). */
  phrasings: string[];
  /** Ordered steps (procedures, used as agent checklists). */
  steps: string[];
  /** Short versions per channel, e.g. `{ sms: '…', voice: '…' }`. */
  variants: Record<string, string>;
}

/** An article with its current (latest) content. */
export interface Article extends ArticleContent {
  id: string;
  workspaceId: string;
  kind: ArticleKind;
  language: string;
  slug: string;
  category: string | null;
  tags: string[];
  /** Empty = everyone; e.g. `['agent']` keeps it off the help center. */
  audiences: string[];
  /** Empty = every channel. */
  channels: string[];
  status: ArticleStatus;
  /** Latest version number (1-based). */
  version: number;
  /** Version served to customers and the engine, when published. */
  publishedVersion: number | null;
  reviewBy: Date | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

/** A saved state of an article's content, with its author. */
export interface ArticleVersion extends ArticleContent {
  articleId: string;
  version: number;
  authorId: string | null;
  /** The author's name at read time (null for imports and system writes). */
  authorName: string | null;
  note: string | null;
  createdAt: Date;
}

/** A phrasing learned from a resolved question; it joins the index once approved. */
export interface LearnedPhrasing {
  id: string;
  articleId: string;
  text: string;
  language: string | null;
  status: 'pending' | 'approved' | 'rejected';
  source: 'agent' | 'customer' | 'editor';
  createdAt: Date;
}

/** What people said about an answer. */
export type FeedbackKind = 'helpful' | 'not_helpful' | 'accepted' | 'edited' | 'rejected';

/** A question asked often that got no good answer. */
export interface KnowledgeGap {
  question: string;
  /** A few distinct wordings people used (the grouping is on normalised text). */
  examples: string[];
  /** Most frequent language of the question, when known. */
  language: string | null;
  count: number;
  bestConfidence: number;
  lastAskedAt: Date;
  /** How often the shown answer was judged not helpful or rejected. */
  negativeFeedback: number;
}

/** Per-article feedback counters (the engine's boost input). */
export interface ArticleFeedbackStats {
  articleId: string;
  helpful: number;
  notHelpful: number;
  accepted: number;
  rejected: number;
}

/** Embedding vectors of one article, computed by the reindex job for one provider. */
export interface ArticleEmbedding {
  articleId: string;
  /** Hash of the embedded texts: vectors are reused only while the texts are unchanged. */
  contentHash: string;
  vectors: number[][];
}
