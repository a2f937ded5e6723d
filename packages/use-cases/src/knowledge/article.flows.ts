import { AppError, newId } from '@parley/kernel';
import {
  requirePermission,
  type Article,
  type ArticleKind,
  type ArticlePatch,
  type ArticleStatus,
  type ArticleVersion,
  type Principal,
  type TransactionScope,
} from '@parley/domain';
import { slugify } from '@parley/kb';
import { KB_PUBLISHED_EVENT, KB_QUEUES, type KnowledgeDeps } from './knowledge-deps.js';

/** Fields an editor writes. */
export interface ArticleInput {
  kind: ArticleKind;
  language: string;
  title: string;
  body: string;
  slug?: string;
  summary?: string | null;
  category?: string | null;
  tags?: string[];
  audiences?: string[];
  channels?: string[];
  phrasings?: string[];
  steps?: string[];
  variants?: Record<string, string>;
  reviewBy?: Date | null;
}

/**
 * Creates a draft (version 1). The slug comes from the title when not given and must be free in the workspace.
 *
 * @example
 * await createArticle(deps, principal, { kind: 'faq', language: 'fr', title: 'Retours', body: '30 jours.' });
 */
export async function createArticle(deps: KnowledgeDeps, principal: Principal, input: ArticleInput): Promise<Article> {
  requirePermission(principal, 'knowledge:write');
  return deps.store.transaction((tx) => createInTransaction(deps, tx, principal.workspaceId, principal.userId, input));
}

/** Creation inside an existing transaction (imports, demo content). */
export async function createInTransaction(
  deps: KnowledgeDeps,
  tx: TransactionScope,
  workspaceId: string,
  authorId: string | null,
  input: ArticleInput,
): Promise<Article> {
  const repo = deps.knowledge(tx);
  const slug = slugify(input.slug ?? input.title);
  if (await repo.findBySlug(workspaceId, slug)) throw new AppError('invalid_state', `The slug "${slug}" is already used in this workspace`, { slug });
  return repo.createArticle({
    id: newId(),
    workspaceId,
    kind: input.kind,
    language: input.language,
    slug,
    category: input.category ?? null,
    tags: input.tags ?? [],
    audiences: input.audiences ?? [],
    channels: input.channels ?? [],
    reviewBy: input.reviewBy ?? null,
    authorId,
    title: input.title,
    body: input.body,
    summary: input.summary ?? null,
    phrasings: input.phrasings ?? [],
    steps: input.steps ?? [],
    variants: input.variants ?? {},
    now: deps.clock.now(),
  });
}

/**
 * Edits an article; a content change writes a new version with its author and note. A published
 * article keeps serving its published version until it is published again.
 *
 * @example
 * await updateArticle(deps, principal, id, { body: 'Nouveau texte' }, 'typo');
 */
export async function updateArticle(
  deps: KnowledgeDeps,
  principal: Principal,
  id: string,
  patch: Partial<ArticleInput>,
  note: string | null = null,
): Promise<Article> {
  requirePermission(principal, 'knowledge:write');
  const article = await deps.store.transaction(async (tx) => {
    const repo = deps.knowledge(tx);
    const current = await repo.lockArticle(principal.workspaceId, id);
    if (!current) throw new AppError('not_found', 'Article not found');
    const { slug, ...rest } = patch;
    const change: ArticlePatch = { ...rest };
    if (slug !== undefined && slugify(slug) !== current.slug) {
      const next = slugify(slug);
      if (await repo.findBySlug(principal.workspaceId, next))
        throw new AppError('invalid_state', `The slug "${next}" is already used in this workspace`, { slug: next });
      change.slug = next;
    }
    const updated = await repo.updateArticle(principal.workspaceId, id, change, principal.userId, note, deps.clock.now());
    if (!updated) throw new AppError('not_found', 'Article not found');
    // Filters (channels, audiences, language) apply to the published article at once.
    if (updated.status === 'published') await afterPublicationChange(tx, principal.workspaceId, id, updated.publishedVersion);
    return updated;
  });
  if (article.status === 'published') deps.engines.invalidate(principal.workspaceId);
  return article;
}

// The reindex job commits with the change (durable: a process that misses the bus event still
// rebuilds); the bus event makes every process drop its cached index at once.
async function afterPublicationChange(tx: TransactionScope, workspaceId: string, articleId: string, version: number | null): Promise<void> {
  await tx.enqueue({ queue: KB_QUEUES.reindex, workspaceId, payload: { articleId }, orderingKey: `kb:${workspaceId}` });
  tx.publishAfterCommit({ name: KB_PUBLISHED_EVENT, workspaceId, payload: { articleId, version } });
}

/**
 * Publishes the latest version (or a given one): the help center and the engine serve it. The
 * reindex job is written in the same transaction; the bus event tells every process to drop its index.
 *
 * @example
 * await publishArticle(deps, principal, id);
 */
export async function publishArticle(deps: KnowledgeDeps, principal: Principal, id: string, version?: number): Promise<Article> {
  requirePermission(principal, 'knowledge:write');
  const article = await deps.store.transaction(async (tx) => {
    const repo = deps.knowledge(tx);
    const current = await repo.lockArticle(principal.workspaceId, id);
    if (!current) throw new AppError('not_found', 'Article not found');
    const target = version ?? current.version;
    if (target < 1 || target > current.version) throw new AppError('not_found', `Version ${target} not found`);
    await repo.setStatus(principal.workspaceId, id, 'published', target, deps.clock.now());
    await afterPublicationChange(tx, principal.workspaceId, id, target);
    return (await repo.getArticle(principal.workspaceId, id)) as Article;
  });
  deps.engines.invalidate(principal.workspaceId);
  return article;
}

/**
 * Takes an article off the help center and the engine (status `archived`, or back to `draft`).
 *
 * @example
 * await unpublishArticle(deps, principal, id, 'archived');
 */
export async function unpublishArticle(
  deps: KnowledgeDeps,
  principal: Principal,
  id: string,
  status: Exclude<ArticleStatus, 'published'> = 'archived',
): Promise<Article> {
  requirePermission(principal, 'knowledge:write');
  const article = await deps.store.transaction(async (tx) => {
    const repo = deps.knowledge(tx);
    const current = await repo.lockArticle(principal.workspaceId, id);
    if (!current) throw new AppError('not_found', 'Article not found');
    await repo.setStatus(principal.workspaceId, id, status, null, deps.clock.now());
    await afterPublicationChange(tx, principal.workspaceId, id, null);
    return (await repo.getArticle(principal.workspaceId, id)) as Article;
  });
  deps.engines.invalidate(principal.workspaceId);
  return article;
}

/**
 * Reads one article (latest content, any status).
 *
 * @example
 * await getArticle(deps, principal, id);
 */
export async function getArticle(deps: KnowledgeDeps, principal: Principal, id: string): Promise<Article> {
  requirePermission(principal, 'conversations:read');
  const article = await deps.knowledge(deps.store.read).getArticle(principal.workspaceId, id);
  if (!article) throw new AppError('not_found', 'Article not found');
  return article;
}

/**
 * Lists articles, most recently updated first, optionally filtered; `q` matches title, slug or tag (case- and accent-insensitive).
 *
 * @example
 * await listArticles(deps, principal, { status: 'draft' });
 */
export async function listArticles(
  deps: KnowledgeDeps,
  principal: Principal,
  filter: { status?: ArticleStatus; kind?: ArticleKind; language?: string; q?: string } = {},
): Promise<Article[]> {
  requirePermission(principal, 'conversations:read');
  const { q, ...rest } = filter;
  const all = await deps.knowledge(deps.store.read).listArticles(principal.workspaceId, rest);
  if (!q?.trim()) return all;
  const needle = fold(q);
  return all.filter((a) => fold(a.title).includes(needle) || a.slug.includes(needle) || a.tags.some((t) => fold(t).includes(needle)));
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/**
 * The version history of an article, newest first, with authors.
 *
 * @example
 * await listArticleVersions(deps, principal, id);
 */
export async function listArticleVersions(deps: KnowledgeDeps, principal: Principal, id: string): Promise<ArticleVersion[]> {
  requirePermission(principal, 'conversations:read');
  const repo = deps.knowledge(deps.store.read);
  if (!(await repo.getArticle(principal.workspaceId, id))) throw new AppError('not_found', 'Article not found');
  return repo.listVersions(principal.workspaceId, id);
}
