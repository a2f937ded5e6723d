import { AppError, newId } from '@parley/kernel';
import { requirePermission, type KnowledgeGap, type LearnedPhrasing, type Principal } from '@parley/domain';
import { normalizeQuestion } from '@parley/kb';
import { GAP_CONFIDENCE } from './answer-question.flow.js';
import { KB_PUBLISHED_EVENT, KB_QUEUES, type KnowledgeDeps } from './knowledge-deps.js';

/** What an agent did with a suggestion. */
export type AgentAction = 'accepted' | 'edited' | 'rejected';

/**
 * Records an agent's decision on a suggested answer. An accepted or edited suggestion turns the
 * customer's question into a *pending* phrasing of the article: it joins the index only after an
 * editor approves it, so one odd conversation cannot teach the engine a wrong association.
 *
 * @example
 * await recordAgentFeedback(deps, principal, { articleId, question: 'mon colis est perdu', action: 'accepted' });
 */
export async function recordAgentFeedback(
  deps: KnowledgeDeps,
  principal: Principal,
  input: { articleId: string; question?: string; action: AgentAction; channel?: string },
): Promise<{ phrasing: LearnedPhrasing | null }> {
  requirePermission(principal, 'conversations:read');
  return deps.store.transaction(async (tx) => {
    const repo = deps.knowledge(tx);
    const article = await repo.getArticle(principal.workspaceId, input.articleId);
    if (!article) throw new AppError('not_found', 'Article not found');
    const now = deps.clock.now();
    await repo.recordFeedback({
      id: newId(),
      workspaceId: principal.workspaceId,
      articleId: article.id,
      question: input.question ?? null,
      kind: input.action,
      source: 'agent',
      actorId: principal.userId,
      channel: input.channel ?? null,
      now,
    });
    const question = input.question?.trim();
    if (input.action === 'rejected' || !question || normalizeQuestion(question).length < 3) return { phrasing: null };
    const known = [article.title, ...article.phrasings, ...(await repo.listPhrasings(principal.workspaceId, { articleId: article.id })).map((p) => p.text)];
    if (known.some((k) => normalizeQuestion(k) === normalizeQuestion(question))) return { phrasing: null };
    const phrasing = await repo.addPhrasing({
      id: newId(),
      workspaceId: principal.workspaceId,
      articleId: article.id,
      text: question.slice(0, 500),
      language: article.language,
      source: 'agent',
      createdBy: principal.userId,
      now,
    });
    return { phrasing };
  });
}

/**
 * "Was this helpful?" from a customer (help center, widget). Public: the caller resolved the workspace
 * and rate-limits the endpoint. Unknown or unpublished articles are ignored silently (nothing to learn).
 *
 * @example
 * await recordCustomerFeedback(deps, workspaceId, { articleId, helpful: false, question: 'retours' });
 */
export async function recordCustomerFeedback(
  deps: KnowledgeDeps,
  workspaceId: string,
  input: { articleId: string; helpful: boolean; question?: string; channel?: string },
): Promise<void> {
  const repo = deps.knowledge(deps.store.read);
  if (!(await repo.getPublished(workspaceId, input.articleId))) return;
  await repo.recordFeedback({
    id: newId(),
    workspaceId,
    articleId: input.articleId,
    question: input.question?.slice(0, 500) ?? null,
    kind: input.helpful ? 'helpful' : 'not_helpful',
    source: 'customer',
    actorId: null,
    channel: input.channel ?? null,
    now: deps.clock.now(),
  });
}

/**
 * Learned phrasings awaiting review (or another status).
 *
 * @example
 * await listPhrasings(deps, principal, 'pending');
 */
export async function listPhrasings(deps: KnowledgeDeps, principal: Principal, status: LearnedPhrasing['status'] = 'pending'): Promise<LearnedPhrasing[]> {
  requirePermission(principal, 'knowledge:write');
  return deps.knowledge(deps.store.read).listPhrasings(principal.workspaceId, { status });
}

/**
 * Approves or rejects a learned phrasing; an approval reindexes the workspace.
 *
 * @example
 * await reviewPhrasing(deps, principal, phrasingId, 'approved');
 */
export async function reviewPhrasing(deps: KnowledgeDeps, principal: Principal, id: string, decision: 'approved' | 'rejected'): Promise<LearnedPhrasing> {
  requirePermission(principal, 'knowledge:write');
  const phrasing = await deps.store.transaction(async (tx) => {
    const reviewed = await deps.knowledge(tx).reviewPhrasing(principal.workspaceId, id, decision, principal.userId, deps.clock.now());
    if (!reviewed) throw new AppError('not_found', 'Phrasing not found');
    if (decision === 'approved') {
      await tx.enqueue({
        queue: KB_QUEUES.reindex,
        workspaceId: principal.workspaceId,
        payload: { articleId: reviewed.articleId },
        orderingKey: `kb:${principal.workspaceId}`,
      });
      tx.publishAfterCommit({ name: KB_PUBLISHED_EVENT, workspaceId: principal.workspaceId, payload: { articleId: reviewed.articleId, phrasingId: id } });
    }
    return reviewed;
  });
  if (decision === 'approved') deps.engines.invalidate(principal.workspaceId);
  return phrasing;
}

/**
 * Frequent questions with no good answer over the last `days` days: what editors should write next.
 *
 * @example
 * await knowledgeGaps(deps, principal, { days: 30 });
 */
export async function knowledgeGaps(
  deps: KnowledgeDeps,
  principal: Principal,
  options: { days?: number; minCount?: number; limit?: number } = {},
): Promise<KnowledgeGap[]> {
  requirePermission(principal, 'knowledge:write');
  const since = new Date(deps.clock.now().getTime() - (options.days ?? 30) * 86_400_000);
  return deps
    .knowledge(deps.store.read)
    .gaps(principal.workspaceId, { since, threshold: GAP_CONFIDENCE, minCount: options.minCount ?? 2, limit: options.limit ?? 50 });
}

/**
 * Reads or replaces the workspace's synonym groups (they apply at the next index build).
 *
 * @example
 * await saveSynonyms(deps, principal, [['colis', 'paquet']]);
 */
export async function saveSynonyms(deps: KnowledgeDeps, principal: Principal, groups: string[][]): Promise<string[][]> {
  requirePermission(principal, 'knowledge:write');
  const clean = groups.map((g) => [...new Set(g.map((s) => s.trim()).filter(Boolean))]).filter((g) => g.length > 1);
  await deps.store.transaction(async (tx) => {
    await deps.knowledge(tx).saveSynonyms(principal.workspaceId, clean, deps.clock.now());
    await tx.enqueue({ queue: KB_QUEUES.reindex, workspaceId: principal.workspaceId, payload: {}, orderingKey: `kb:${principal.workspaceId}` });
    tx.publishAfterCommit({ name: KB_PUBLISHED_EVENT, workspaceId: principal.workspaceId, payload: { synonyms: true } });
  });
  deps.engines.invalidate(principal.workspaceId);
  return clean;
}

/** The workspace's synonym groups. */
export async function getSynonyms(deps: KnowledgeDeps, principal: Principal): Promise<string[][]> {
  requirePermission(principal, 'conversations:read');
  return deps.knowledge(deps.store.read).getSynonyms(principal.workspaceId);
}
