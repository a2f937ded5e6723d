import type { ApiClient } from '../api/api-client.js';

export type ArticleKind = 'article' | 'faq' | 'procedure' | 'canned';
export type ArticleStatus = 'draft' | 'published' | 'archived';

/** An article as `/api/v1/kb/articles` returns it. */
export interface KbArticle {
  id: string;
  kind: ArticleKind;
  language: string;
  slug: string;
  title: string;
  body: string;
  summary: string | null;
  category: string | null;
  tags: string[];
  audiences: string[];
  channels: string[];
  phrasings: string[];
  steps: string[];
  variants: Record<string, string>;
  status: ArticleStatus;
  version: number;
  publishedVersion: number | null;
  reviewBy: string | null;
  updatedAt: string;
}

/** One saved state of an article (`/versions`). */
export interface KbVersion {
  version: number;
  title: string;
  body: string;
  summary: string | null;
  phrasings: string[];
  steps: string[];
  authorId: string | null;
  authorName: string | null;
  note: string | null;
  createdAt: string;
}

/** A learned phrasing awaiting an editor's decision. */
export interface KbPhrasing {
  id: string;
  articleId: string;
  articleTitle: string;
  articleSlug: string;
  text: string;
  language: string | null;
  status: 'pending' | 'approved' | 'rejected';
  source: string;
  createdAt: string;
}

/** A frequent question without a good answer. */
export interface KbGap {
  question: string;
  examples: string[];
  language: string | null;
  count: number;
  bestConfidence: number;
  lastAskedAt: string;
  negativeFeedback: number;
  coveredBy: { articleId: string; title: string; status: ArticleStatus } | null;
}

export type KbFormat = 'markdown' | 'csv' | 'json';

/** What the editor sends. */
export interface KbArticleInput {
  kind: ArticleKind;
  language: string;
  title: string;
  body: string;
  category: string | null;
  tags: string[];
  phrasings: string[];
  variants: Record<string, string>;
  /** ISO timestamp; null clears it. */
  reviewBy: string | null;
}

/** One answer of `/api/v1/kb/answers`. */
export interface KbAnswer {
  articleId: string;
  title: string;
  rank: number;
  score: number;
  confidence: number;
  passage: string;
  matchedField: 'title' | 'phrasing' | 'body';
  matchedQuestion: string;
}

export interface KbImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  issues: Array<{ where: string; message: string }>;
}

const id = (v: string) => encodeURIComponent(v);

/** The knowledge-base endpoints the admin uses, typed. */
export function knowledgeApi(client: ApiClient) {
  return {
    list: (q: string) => client.request<{ items: KbArticle[] }>('GET', `/api/v1/kb/articles${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`),
    create: (input: KbArticleInput) => client.request<KbArticle>('POST', '/api/v1/kb/articles', { body: input }),
    update: (articleId: string, input: KbArticleInput) => client.request<KbArticle>('PATCH', `/api/v1/kb/articles/${id(articleId)}`, { body: input }),
    publish: (articleId: string) => client.request<KbArticle>('POST', `/api/v1/kb/articles/${id(articleId)}/publish`, { body: {} }),
    unpublish: (articleId: string) => client.request<KbArticle>('POST', `/api/v1/kb/articles/${id(articleId)}/unpublish`, { body: { status: 'draft' } }),
    importFiles: (format: 'markdown' | 'csv' | 'json', files: Array<{ name: string; content: string }>, publish: boolean) =>
      client.request<KbImportReport>('POST', '/api/v1/kb/import', { body: { format, files, publish } }),
    get: (articleId: string) => client.request<KbArticle>('GET', `/api/v1/kb/articles/${id(articleId)}`),
    versions: (articleId: string) => client.request<{ items: KbVersion[] }>('GET', `/api/v1/kb/articles/${id(articleId)}/versions`),
    restore: (articleId: string, version: number) =>
      client.request<KbArticle>('POST', `/api/v1/kb/articles/${id(articleId)}/versions/${version}/restore`, { body: {} }),
    reviewDue: (days: number) => client.request<{ items: Array<KbArticle & { overdue: boolean }> }>('GET', `/api/v1/kb/review-due?days=${days}`),
    phrasings: () => client.request<{ items: KbPhrasing[] }>('GET', '/api/v1/kb/phrasings?status=pending'),
    reviewPhrasing: (phrasingId: string, decision: 'approved' | 'rejected') =>
      client.request<KbPhrasing>('POST', `/api/v1/kb/phrasings/${id(phrasingId)}/review`, { body: { decision } }),
    gaps: (days: number) => client.request<{ items: KbGap[] }>('GET', `/api/v1/kb/gaps?days=${days}`),
    /** A draft FAQ entry whose question is the gap's; the editor then writes the answer. */
    faqFromGap: (gap: KbGap) =>
      client.request<KbArticle>('POST', '/api/v1/kb/articles', {
        body: { kind: 'faq', language: gap.language ?? 'fr', title: gap.question.slice(0, 300), body: '' },
      }),
    synonyms: () => client.request<{ groups: string[][] }>('GET', '/api/v1/kb/synonyms'),
    saveSynonyms: (groups: string[][]) => client.request<{ groups: string[][] }>('PUT', '/api/v1/kb/synonyms', { body: { groups } }),
    exportFiles: (format: KbFormat) => client.request<{ files: Array<{ name: string; content: string }> }>('GET', `/api/v1/kb/export?format=${format}`),
    ask: (question: string) => client.request<{ answers: KbAnswer[] }>('POST', '/api/v1/kb/answers', { body: { question, k: 5 } }),
  };
}

export type KnowledgeApi = ReturnType<typeof knowledgeApi>;

/** The import format of a file, from its name. */
export function formatOf(name: string): 'markdown' | 'csv' | 'json' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

/** Synonym groups ⇄ text: one group per line, words separated by commas. */
export function synonymsToText(groups: readonly string[][]): string {
  return groups.map((g) => g.join(', ')).join('\n');
}

/** Parses the synonyms text; lines with fewer than two words are dropped (a group needs two). */
export function textToSynonyms(text: string): string[][] {
  return splitList(text)
    .map((line) => [...new Set(splitList(line, /,/))])
    .filter((g) => g.length > 1);
}

/** Comma- or newline-separated text → trimmed non-empty items. */
export function splitList(text: string, separator: RegExp = /\n/): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}
