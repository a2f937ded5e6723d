import { AppError } from '@parley/kernel';
import { requirePermission, type Article, type KnowledgeGap, type LearnedPhrasing, type Principal } from '@parley/domain';
import { normalizeQuestion } from '@parley/kb';
import { updateArticle } from './article.flows.js';
import { knowledgeGaps, listPhrasings } from './feedback.flows.js';
import type { KnowledgeDeps } from './knowledge-deps.js';

/**
 * Restores a previous version: its content becomes a new version (the history keeps everything),
 * noted "restored from version N". A published article keeps serving its published version until
 * it is published again, like any edit. Restoring content equal to the latest version writes nothing.
 *
 * @example
 * await restoreArticleVersion(deps, principal, articleId, 2);
 */
export async function restoreArticleVersion(deps: KnowledgeDeps, principal: Principal, id: string, version: number): Promise<Article> {
  requirePermission(principal, 'knowledge:write');
  const saved = await deps.knowledge(deps.store.read).getVersion(principal.workspaceId, id, version);
  if (!saved) throw new AppError('not_found', `Version ${version} not found`);
  const { title, body, summary, phrasings, steps, variants } = saved;
  return updateArticle(deps, principal, id, { title, body, summary, phrasings, steps, variants }, `restored from version ${version}`);
}

/** An article whose review-by date has passed or comes soon. */
export interface ArticleDueForReview {
  article: Article;
  /** True when the review-by date has passed. */
  overdue: boolean;
}

/**
 * Articles (drafts and published, not archived) whose review-by date has passed or falls within
 * `withinDays`, the most urgent first.
 *
 * @example
 * await articlesDueForReview(deps, principal, { withinDays: 14 });
 */
export async function articlesDueForReview(deps: KnowledgeDeps, principal: Principal, options: { withinDays?: number } = {}): Promise<ArticleDueForReview[]> {
  requirePermission(principal, 'knowledge:write');
  const now = deps.clock.now().getTime();
  const horizon = now + (options.withinDays ?? 14) * 86_400_000;
  const all = await deps.knowledge(deps.store.read).listArticles(principal.workspaceId, {});
  return all
    .filter((a): a is Article & { reviewBy: Date } => a.status !== 'archived' && a.reviewBy !== null && a.reviewBy.getTime() <= horizon)
    .sort((a, b) => a.reviewBy.getTime() - b.reviewBy.getTime() || a.slug.localeCompare(b.slug))
    .map((article) => ({ article, overdue: article.reviewBy.getTime() < now }));
}

/** A learned phrasing with the article it would join. */
export interface PhrasingForReview extends LearnedPhrasing {
  articleTitle: string;
  articleSlug: string;
}

/**
 * Learned phrasings with their article's title, for the editors' review list.
 *
 * @example
 * await phrasingsForReview(deps, principal, 'pending');
 */
export async function phrasingsForReview(
  deps: KnowledgeDeps,
  principal: Principal,
  status: LearnedPhrasing['status'] = 'pending',
): Promise<PhrasingForReview[]> {
  const phrasings = await listPhrasings(deps, principal, status);
  const articles = new Map((await deps.knowledge(deps.store.read).listArticles(principal.workspaceId, {})).map((a) => [a.id, a]));
  return phrasings.flatMap((p) => {
    const a = articles.get(p.articleId);
    return a ? [{ ...p, articleTitle: a.title, articleSlug: a.slug }] : [];
  });
}

/** A gap with the article that already answers it, if an editor wrote one since. */
export interface GapWithCoverage extends KnowledgeGap {
  coveredBy: { articleId: string; title: string; status: Article['status'] } | null;
}

/**
 * The gaps report, each gap marked with the article whose title or phrasing is that question (so
 * "create an FAQ entry from this question" is offered once, and the editor can open the draft).
 *
 * @example
 * await gapsWithCoverage(deps, principal, { days: 30 });
 */
export async function gapsWithCoverage(
  deps: KnowledgeDeps,
  principal: Principal,
  options: { days?: number; minCount?: number; limit?: number } = {},
): Promise<GapWithCoverage[]> {
  const gaps = await knowledgeGaps(deps, principal, options);
  const byQuestion = new Map<string, Article>();
  for (const a of await deps.knowledge(deps.store.read).listArticles(principal.workspaceId, {})) {
    if (a.status === 'archived') continue;
    for (const q of [a.title, ...a.phrasings]) {
      const key = normalizeQuestion(q);
      if (!byQuestion.has(key)) byQuestion.set(key, a);
    }
  }
  return gaps.map((g) => {
    const a = [g.question, ...g.examples].map((q) => byQuestion.get(normalizeQuestion(q))).find((x) => x !== undefined);
    return { ...g, coveredBy: a ? { articleId: a.id, title: a.title, status: a.status } : null };
  });
}
