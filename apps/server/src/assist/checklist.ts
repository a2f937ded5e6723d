import { AppError, type Job, type JobOutcome } from '@parley/kernel';
import { answerForWorkspace, getConversation } from '@parley/use-cases';
import { requirePermission, type Actor, type ConversationChecklist, type Principal } from '@parley/domain';
import type { AssistDeps } from './assist-deps.js';
import { coveredSteps, matchingProcedure } from './checklist-match.js';
import { recentCustomerMessages } from './customer-messages.js';
import { knowledgeLanguage } from './suggest-replies.js';

/** Queue and bus names of the procedure checklist. */
export const CHECKLIST = {
  /** Job: match an outgoing message against the unticked steps ({conversationId, messageId}). */
  queue: 'assist.checklist',
  /** Bus: a conversation's checklist changed ({conversationId, customerId, checklist}). */
  updated: 'assist.checklist_updated',
} as const;

export interface ChecklistPayload {
  conversationId: string;
  messageId: string;
}

/** A checklist as the API and the live event carry it (dates as ISO strings). */
export interface ChecklistView {
  articleId: string;
  title: string;
  language: string;
  /** False while the procedure is only detected: it is stored (and no longer follows the conversation) at its first tick. */
  stored: boolean;
  steps: Array<{
    id: string;
    text: string;
    checked: boolean;
    checkedAt: string | null;
    checkedBy: Actor | null;
    source: 'manual' | 'auto' | null;
    /** The outgoing message that covered the step (auto ticks). */
    messageId: string | null;
    matchedTerms: string[];
  }>;
}

/** The customer's recent messages read to find the procedure (the problem is often stated early). */
const DETECT_MESSAGES = 5;
/** Procedures compete with FAQs in one ranking, so look further than the five suggestions. */
const DETECT_K = 20;

function view(c: ConversationChecklist, stored: boolean): ChecklistView {
  return {
    articleId: c.articleId,
    title: c.title,
    language: c.language,
    stored,
    steps: c.steps.map((s) => ({
      id: s.id,
      text: s.text,
      checked: s.tick !== null,
      checkedAt: s.tick?.at.toISOString() ?? null,
      checkedBy: s.tick?.by ?? null,
      source: s.tick?.source ?? null,
      messageId: s.tick?.messageId ?? null,
      matchedTerms: s.tick?.matchedTerms ?? [],
    })),
  };
}

/**
 * The procedure the conversation's recent customer messages match (knowledge-base engine,
 * procedures only, above {@link matchingProcedure}'s threshold) as an unticked checklist, or null.
 *
 * @example
 * const detected = await detectChecklist(deps, workspaceId, conversationId);
 */
export async function detectChecklist(deps: AssistDeps, workspaceId: string, conversationId: string): Promise<ConversationChecklist | null> {
  const messages = await recentCustomerMessages(deps.store, workspaceId, conversationId, DETECT_MESSAGES);
  const question = messages
    .map((m) => m.text.trim())
    .join('\n')
    .slice(0, 2_000);
  if (!question) return null;
  const language = await knowledgeLanguage(deps.store, workspaceId, question, messages[0]?.author.id ?? null, deps.kb);
  const answers = await answerForWorkspace(deps.kb, workspaceId, { question, k: DETECT_K, ...(language ? { language } : {}) }, { log: false });
  const procedure = matchingProcedure(answers);
  if (!procedure) return null;
  return {
    workspaceId,
    conversationId,
    articleId: procedure.articleId,
    title: procedure.title,
    language: procedure.language,
    steps: procedure.steps.map((text, i) => ({ id: String(i + 1), text, tick: null })),
    updatedAt: deps.clock.now(),
  };
}

/** The stored checklist, else a fresh detection (read-only). */
async function currentChecklist(
  deps: AssistDeps,
  workspaceId: string,
  conversationId: string,
): Promise<{ checklist: ConversationChecklist; stored: boolean } | null> {
  const stored = await deps.assist(deps.store.read).getChecklist(workspaceId, conversationId);
  if (stored) return { checklist: stored, stored: true };
  const detected = await detectChecklist(deps, workspaceId, conversationId);
  return detected ? { checklist: detected, stored: false } : null;
}

/**
 * The conversation's checklist: the stored one, or the procedure its customer messages match
 * now, or null when none does.
 *
 * @example
 * const checklist = await conversationChecklist(deps, principal, conversationId);
 */
export async function conversationChecklist(deps: AssistDeps, principal: Principal, conversationId: string): Promise<ChecklistView | null> {
  const conversation = await getConversation(deps.store, principal, conversationId);
  const current = await currentChecklist(deps, principal.workspaceId, conversation.id);
  return current ? view(current.checklist, current.stored) : null;
}

/**
 * Ticks or unticks a step by hand (needs `conversations:reply`); the agent is recorded as the
 * actor. Stores the detected checklist on the first change. Publishes the new state after commit.
 *
 * @example
 * await setChecklistStep(deps, principal, conversationId, '2', true);
 */
export async function setChecklistStep(
  deps: AssistDeps,
  principal: Principal,
  conversationId: string,
  stepId: string,
  checked: boolean,
): Promise<ChecklistView> {
  requirePermission(principal, 'conversations:reply');
  const conversation = await getConversation(deps.store, principal, conversationId);
  // Detection reads through the engine and store.read: done before the transaction, which must not wait on them.
  const current = await currentChecklist(deps, principal.workspaceId, conversation.id);
  return deps.store.transaction(async (tx) => {
    await tx.conversations.lock(principal.workspaceId, conversation.id);
    const base = (await deps.assist(tx).getChecklist(principal.workspaceId, conversation.id)) ?? current?.checklist ?? null;
    const step = base?.steps.find((s) => s.id === stepId);
    if (!base || !step) throw new AppError('checklist_step_not_found', `The conversation's checklist has no step ${stepId}`);
    const now = deps.clock.now();
    step.tick = checked ? { by: { kind: 'user', id: principal.userId }, at: now, source: 'manual', messageId: null, matchedTerms: [] } : null;
    const next = { ...base, updatedAt: now };
    await deps.assist(tx).saveChecklist(next);
    const checklist = view(next, true);
    tx.publishAfterCommit({
      name: CHECKLIST.updated,
      workspaceId: principal.workspaceId,
      payload: { conversationId: conversation.id, customerId: conversation.customerId, checklist },
    });
    return checklist;
  });
}

/**
 * `assist.checklist`: ticks the steps an agent's or a bot's public message covers, recording the
 * message and the words that matched ("why it ticked"). Steps already ticked are left alone, so a
 * retried job changes nothing. The checklist is stored at its first tick.
 *
 * @example
 * worker.register(CHECKLIST.queue, (job) => autoTickChecklist(deps, job));
 */
export async function autoTickChecklist(deps: AssistDeps, job: Job<ChecklistPayload>): Promise<JobOutcome> {
  const { conversationId, messageId } = job.payload;
  const message = await deps.store.read.conversations.getMessage(job.workspaceId, messageId);
  if (!message || message.conversationId !== conversationId || message.visibility !== 'public' || message.direction !== 'outbound') return { kind: 'done' };
  if (message.author.kind !== 'agent' && message.author.kind !== 'bot') return { kind: 'done' };
  const current = await currentChecklist(deps, job.workspaceId, conversationId);
  if (!current) return { kind: 'done' };
  const by: Actor =
    message.author.kind === 'agent' && message.author.id
      ? { kind: 'user', id: message.author.id }
      : message.author.kind === 'bot' && message.author.id
        ? { kind: 'bot', id: message.author.id }
        : { kind: 'system', id: null };
  await deps.store.transaction(async (tx) => {
    const conversation = await tx.conversations.lock(job.workspaceId, conversationId);
    if (!conversation) return;
    const base = (await deps.assist(tx).getChecklist(job.workspaceId, conversationId)) ?? current.checklist;
    const covered = coveredSteps(
      base.steps.map((s) => ({ id: s.id, text: s.text, ticked: s.tick !== null })),
      message.text,
      base.language,
    );
    if (covered.length === 0) return;
    const now = deps.clock.now();
    for (const c of covered) {
      const step = base.steps.find((s) => s.id === c.id);
      if (step) step.tick = { by, at: now, source: 'auto', messageId: message.id, matchedTerms: c.matchedTerms };
    }
    const next = { ...base, updatedAt: now };
    await deps.assist(tx).saveChecklist(next);
    tx.publishAfterCommit({
      name: CHECKLIST.updated,
      workspaceId: job.workspaceId,
      payload: { conversationId, customerId: conversation.customerId, checklist: view(next, true) },
    });
  });
  return { kind: 'done' };
}
