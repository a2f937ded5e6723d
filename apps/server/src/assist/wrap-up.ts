import { AppError } from '@parley/kernel';
import { detectLanguage } from '@parley/nlu';
import { answerForWorkspace, getConversation } from '@parley/use-cases';
import { requirePermission, type AssistPersona, type Disposition, type Message, type Principal } from '@parley/domain';
import type { AssistDeps } from './assist-deps.js';
import { askLlm } from './llm-assist.js';
import { summaryPrompt } from './llm-prompts.js';
import { DEFAULT_PERSONA } from './reply-adaptation.js';
import { extractiveSummary, type SummaryMessage } from './wrap-up-summary.js';

/** Timeline and bus name of a saved wrap-up. */
export const WRAPPED_UP = 'conversation.wrapped_up';

/** The disposition codes a workspace gets until an admin sets its own. */
export const DEFAULT_DISPOSITIONS: readonly Disposition[] = [
  { code: 'resolved', label: { fr: 'Demande résolue', en: 'Request resolved' } },
  { code: 'information', label: { fr: 'Information donnée', en: 'Information given' } },
  { code: 'refund', label: { fr: 'Remboursement accordé', en: 'Refund granted' } },
  { code: 'replacement', label: { fr: 'Renvoi ou échange', en: 'Replacement or exchange' } },
  { code: 'escalated', label: { fr: 'Transmis à un autre service', en: 'Escalated to another team' } },
  { code: 'callback', label: { fr: 'Rappel prévu', en: 'Call back scheduled' } },
  { code: 'no_reply', label: { fr: 'Sans réponse du client', en: 'No reply from the customer' } },
  { code: 'off_topic', label: { fr: 'Hors sujet ou indésirable', en: 'Off-topic or spam' } },
];

const MAX_MESSAGES = 400;
const PAGE = 200;
/** The topic line names the best knowledge-base match only when the engine is fairly sure. */
const TOPIC_CONFIDENCE = 0.3;

/** The workspace's assist settings with the defaults filled in. */
export async function assistSettings(
  deps: AssistDeps,
  principal: Principal,
): Promise<{ dispositions: Disposition[]; persona: AssistPersona; customised: { dispositions: boolean; persona: boolean } }> {
  requirePermission(principal, 'conversations:read');
  const s = await deps.assist(deps.store.read).getSettings(principal.workspaceId);
  return {
    dispositions: s.dispositions ?? [...DEFAULT_DISPOSITIONS],
    persona: s.persona ?? DEFAULT_PERSONA,
    customised: { dispositions: s.dispositions !== null, persona: s.persona !== null },
  };
}

/**
 * Replaces the disposition codes and/or the persona (needs `workspace:manage`); `null` goes back
 * to the defaults.
 *
 * @example
 * await saveAssistSettings(deps, admin, { dispositions: [{ code: 'vip', label: { fr: 'Client VIP', en: 'VIP customer' } }] });
 */
export async function saveAssistSettings(
  deps: AssistDeps,
  principal: Principal,
  patch: { dispositions?: Disposition[] | null; persona?: AssistPersona | null },
): Promise<Awaited<ReturnType<typeof assistSettings>>> {
  requirePermission(principal, 'workspace:manage');
  await deps.store.transaction((tx) => deps.assist(tx).saveSettings(principal.workspaceId, patch, deps.clock.now()));
  return assistSettings(deps, principal);
}

async function conversationMessages(deps: AssistDeps, workspaceId: string, conversationId: string): Promise<Message[]> {
  const out: Message[] = [];
  let cursor: string | null = null;
  while (out.length < MAX_MESSAGES) {
    const page = await deps.store.read.conversations.listMessages(workspaceId, conversationId, cursor, PAGE);
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/**
 * What the wrap-up form opens with: the disposition codes and a summary in `language` or the
 * customer's language. With the workspace's LLM enabled the summary is generated (`source: llm`);
 * without it, or when the call fails or times out, it is extractive: the most informative customer
 * and agent sentences, the topic the knowledge base recognises and the references mentioned.
 *
 * @example
 * const { summary, dispositions } = await wrapUpDraft(deps, principal, conversationId, 'fr');
 */
export async function wrapUpDraft(
  deps: AssistDeps,
  principal: Principal,
  conversationId: string,
  language?: 'fr' | 'en',
): Promise<{ dispositions: Disposition[]; summary: string; topic: string | null; references: string[]; language: 'fr' | 'en'; source: 'llm' | 'extractive' }> {
  const conversation = await getConversation(deps.store, principal, conversationId);
  const { dispositions } = await assistSettings(deps, principal);
  const messages = (await conversationMessages(deps, principal.workspaceId, conversation.id)).filter(
    (m) => m.visibility === 'public' && m.text.trim() !== '' && (m.author.kind === 'customer' || m.author.kind === 'agent' || m.author.kind === 'bot'),
  );
  const customerText = messages
    .filter((m) => m.author.kind === 'customer')
    .map((m) => m.text)
    .join('\n')
    .slice(0, 2_000);
  const detected = customerText ? detectLanguage(customerText, { candidates: ['fr', 'en'] }) : null;
  const lang = language ?? (detected && detected.confidence >= 0.5 && detected.language === 'en' ? 'en' : 'fr');
  let topic: string | null = null;
  if (customerText) {
    const [top] = await answerForWorkspace(
      deps.kb,
      principal.workspaceId,
      { question: customerText, k: 1, ...(detected && detected.confidence >= 0.6 ? { language: detected.language } : {}) },
      { log: false },
    );
    if (top && top.confidence >= TOPIC_CONFIDENCE) topic = top.title;
  }
  const summaryMessages: SummaryMessage[] = messages.map((m) => ({ author: m.author.kind as SummaryMessage['author'], text: m.text }));
  const draft = extractiveSummary({ messages: summaryMessages, language: lang, topic });
  const generated =
    summaryMessages.length > 0
      ? await askLlm(deps, principal, {
          purpose: 'summary',
          conversationId: conversation.id,
          messages: summaryPrompt({ lines: summaryMessages, language: lang }),
          temperature: 0.2,
          maxTokens: 300,
        })
      : null;
  if (generated !== null) return { dispositions, summary: generated, topic, references: draft.references, language: lang, source: 'llm' };
  return { dispositions, summary: draft.summary, topic, references: draft.references, language: lang, source: 'extractive' };
}

/** A saved wrap-up as the API returns it. */
export interface WrapUp {
  conversationId: string;
  disposition: Disposition;
  summary: string;
  by: { kind: 'user'; id: string };
  at: string;
}

/**
 * Saves the agent's wrap-up as a `conversation.wrapped_up` timeline event (disposition with its
 * labels, the edited summary, the agent as actor) and publishes it after commit. Needs
 * `conversations:reply`. Resolving stays a separate action, so a wrap-up never races a reply.
 *
 * @example
 * await saveWrapUp(deps, principal, conversationId, { disposition: 'refund', summary: '…' });
 */
export async function saveWrapUp(
  deps: AssistDeps,
  principal: Principal,
  conversationId: string,
  input: { disposition: string; summary: string },
): Promise<WrapUp> {
  requirePermission(principal, 'conversations:reply');
  const conversation = await getConversation(deps.store, principal, conversationId);
  const { dispositions } = await assistSettings(deps, principal);
  const disposition = dispositions.find((d) => d.code === input.disposition);
  if (!disposition) throw new AppError('unknown_disposition', `Unknown disposition "${input.disposition}"`, { allowed: dispositions.map((d) => d.code) });
  const summary = input.summary.trim();
  const at = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: WRAPPED_UP,
      customerId: conversation.customerId,
      conversationId: conversation.id,
      payload: { disposition: disposition.code, label: disposition.label, summary },
      actor: { kind: 'user', id: principal.userId },
      occurredAt: at,
    });
    tx.publishAfterCommit({
      name: WRAPPED_UP,
      workspaceId: principal.workspaceId,
      payload: { conversationId: conversation.id, customerId: conversation.customerId, disposition: disposition.code },
    });
  });
  return { conversationId: conversation.id, disposition, summary, by: { kind: 'user', id: principal.userId }, at: at.toISOString() };
}
