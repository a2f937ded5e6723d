import { newId } from '@parley/kernel';
import { requirePermission, type Article, type Principal } from '@parley/domain';
import { normalizeQuestion, type RankedAnswer } from '@parley/kb';
import type { KnowledgeDeps } from './knowledge-deps.js';

/** A question to the answer engine. */
export interface QuestionInput {
  question: string;
  language?: string;
  channel?: string;
  k?: number;
  audience?: string;
}

/** One answer as the API returns it. */
export interface KnowledgeAnswer {
  articleId: string;
  slug: string;
  kind: Article['kind'];
  title: string;
  language: string;
  rank: number;
  score: number;
  confidence: number;
  /** Cosine similarity of the question and the article when the hybrid ranking ran; null when lexical only. */
  denseScore: number | null;
  /** Ready to send on the asked channel: its variant (SMS, voice…), else the summary, else the matched passage. */
  text: string;
  /** "Why this answer": the passage that matched, the question it matched and the shared words. */
  passage: string;
  matchedField: RankedAnswer['explanation']['field'];
  matchedQuestion: string;
  matchedTerms: string[];
  /** Procedure steps (agent checklist). */
  steps: string[];
}

/** Answers below this confidence count as "no good answer" in the gaps report. */
export const GAP_CONFIDENCE = 0.35;

/**
 * Ranks answers for a question (agents, bots). Needs `conversations:read`. The question is logged
 * with its best confidence for the gaps report.
 *
 * @example
 * await answerQuestion(deps, principal, { question: 'où est ma commande ?', k: 5 });
 */
export async function answerQuestion(deps: KnowledgeDeps, principal: Principal, input: QuestionInput): Promise<KnowledgeAnswer[]> {
  requirePermission(principal, 'conversations:read');
  return answerForWorkspace(deps, principal.workspaceId, input);
}

/**
 * Ranks answers within a workspace without a principal: the public help center calls it with
 * `audience: 'public'` once it has resolved the workspace from its public slug.
 *
 * @example
 * await answerForWorkspace(deps, workspaceId, { question: 'retours', audience: 'public', channel: 'help_center' });
 */
export async function answerForWorkspace(
  deps: KnowledgeDeps,
  workspaceId: string,
  input: QuestionInput,
  options: { log?: boolean } = {},
): Promise<KnowledgeAnswer[]> {
  const { engine, articles } = await deps.engines.get(workspaceId);
  const ranked = await engine.answer({
    question: input.question,
    k: input.k ?? 5,
    ...(input.language ? { language: input.language } : {}),
    ...(input.channel ? { channel: input.channel } : {}),
    ...(input.audience ? { audience: input.audience } : {}),
  });
  const answers = ranked.flatMap((r): KnowledgeAnswer[] => {
    const a = articles.get(r.id);
    if (!a) return [];
    const variant = input.channel ? a.variants[input.channel] : undefined;
    return [
      {
        articleId: a.id,
        slug: a.slug,
        kind: a.kind,
        title: a.title,
        language: a.language,
        rank: r.rank,
        score: r.score,
        confidence: r.confidence,
        denseScore: r.denseScore,
        text: variant ?? a.summary ?? r.explanation.passage,
        passage: r.explanation.passage,
        matchedField: r.explanation.field,
        matchedQuestion: r.explanation.matchedQuestion,
        matchedTerms: [...r.explanation.matchedTerms],
        steps: a.steps,
      },
    ];
  });
  const normalized = normalizeQuestion(input.question);
  if (options.log !== false && normalized.length >= 3) {
    const top = answers[0];
    await deps.knowledge(deps.store.read).recordQuery({
      id: newId(),
      workspaceId,
      question: input.question.slice(0, 500),
      normalized,
      language: input.language ?? top?.language ?? null,
      channel: input.channel ?? null,
      topArticleId: top?.articleId ?? null,
      topConfidence: top?.confidence ?? 0,
      now: deps.clock.now(),
    });
  }
  return answers;
}
