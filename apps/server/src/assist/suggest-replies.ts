import { detectLanguage } from '@parley/nlu';
import { answerForWorkspace, getConversation, recordAgentFeedback, type AgentAction, type KnowledgeDeps } from '@parley/use-cases';
import type { Principal, Store } from '@parley/domain';
import { recentCustomerMessages } from './customer-messages.js';

/** One suggested reply: a knowledge-base answer with its source. */
export interface Suggestion {
  kind: 'kb_answer';
  /** The channel-ready answer (channel variant, else summary, else the matched passage). */
  text: string;
  articleId: string;
  title: string;
  score: number;
  /** The passage that matched ("why this suggestion"). */
  passage: string;
}

/** The question is the customer's last few messages: a question is often split over two lines. */
const QUESTION_MESSAGES = 3;
const SUGGESTIONS = 5;

/**
 * What the assistant reads as the customer's question: the last 1–3 public customer messages,
 * joined, with their language (null when the detector is unsure, so the engine searches all).
 *
 * @example
 * const { question, language } = await customerQuestion(store, principal, conversationId);
 */
export async function customerQuestion(store: Store, principal: Principal, conversationId: string): Promise<{ question: string; language: string | null; channelId: string }> {
  const conversation = await getConversation(store, principal, conversationId);
  const messages = await recentCustomerMessages(store, principal.workspaceId, conversation.id, QUESTION_MESSAGES);
  const question = messages
    .map((m) => m.text.trim())
    .join('\n')
    .slice(0, 2_000);
  const detected = question ? detectLanguage(question) : null;
  return { question, language: detected && detected.confidence >= 0.6 ? detected.language : null, channelId: conversation.channelId };
}

/**
 * The top-5 knowledge-base answers for the conversation's latest customer messages. Read-only and
 * not logged as a knowledge query (an agent opening a conversation is not a customer asking), so
 * it is cheap to call on every new message.
 *
 * @example
 * const { items } = await suggestReplies(store, kb, principal, conversationId);
 */
export async function suggestReplies(
  store: Store,
  kb: KnowledgeDeps,
  principal: Principal,
  conversationId: string,
): Promise<{ question: string; language: string | null; items: Suggestion[] }> {
  const { question, language, channelId } = await customerQuestion(store, principal, conversationId);
  if (!question) return { question, language, items: [] };
  const channel = await store.read.channels.get(principal.workspaceId, channelId);
  const answers = await answerForWorkspace(
    kb,
    principal.workspaceId,
    { question, k: SUGGESTIONS, ...(language ? { language } : {}), ...(channel ? { channel: channel.type } : {}) },
    { log: false },
  );
  const items: Suggestion[] = answers.map((a) => ({ kind: 'kb_answer', text: a.text, articleId: a.articleId, title: a.title, score: a.score, passage: a.passage }));
  if (items.length < SUGGESTIONS) items.push(...(await fallbacks(kb, principal.workspaceId, language ?? answers[0]?.language ?? null, channel?.type ?? null, items)));
  return { question, language, items };
}

/**
 * When the question matches fewer than five articles, the rest of the panel shows the workspace's
 * canned replies, then other articles, in the conversation's language (score 0: no match). An
 * agent often needs exactly those (greeting, hand-over, follow-up) beside the matched answers.
 */
async function fallbacks(kb: KnowledgeDeps, workspaceId: string, language: string | null, channel: string | null, taken: readonly Suggestion[]): Promise<Suggestion[]> {
  const { articles } = await kb.engines.get(workspaceId);
  const seen = new Set(taken.map((t) => t.articleId));
  return [...articles.values()]
    .filter((a) => !seen.has(a.id) && (!language || a.language === language))
    .sort((a, b) => Number(b.kind === 'canned') - Number(a.kind === 'canned') || a.title.localeCompare(b.title))
    .slice(0, SUGGESTIONS - taken.length)
    .map((a) => {
      const text = (channel ? a.variants[channel] : undefined) ?? a.summary ?? a.body.slice(0, 400);
      return { kind: 'kb_answer', text, articleId: a.id, title: a.title, score: 0, passage: a.summary ?? '' };
    });
}

/**
 * Records what the agent did with a suggestion through the knowledge-base feedback flow (it feeds
 * the re-ranking, and an accepted answer proposes the customer's wording as a phrasing to review).
 *
 * @example
 * await recordSuggestionFeedback(store, kb, principal, conversationId, { articleId, action: 'accepted' });
 */
export async function recordSuggestionFeedback(
  store: Store,
  kb: KnowledgeDeps,
  principal: Principal,
  conversationId: string,
  input: { articleId: string; action: AgentAction },
): Promise<void> {
  const { question } = await customerQuestion(store, principal, conversationId);
  await recordAgentFeedback(kb, principal, { articleId: input.articleId, action: input.action, channel: 'agent_assist', ...(question ? { question } : {}) });
  // No index rebuild here: the engine cache reloads feedback boosts on its own TTL (a rebuild per click would cost seconds).
}
