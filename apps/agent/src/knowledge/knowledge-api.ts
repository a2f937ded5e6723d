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
  updatedAt: string;
}

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

/** Comma- or newline-separated text → trimmed non-empty items. */
export function splitList(text: string, separator: RegExp = /\n/): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}
