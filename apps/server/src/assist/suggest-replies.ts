import { splitPassages } from '@parley/kb';
import { answerForWorkspace, getConversation, recordAgentFeedback, type AgentAction, type KnowledgeDeps } from '@parley/use-cases';
import type { Principal, Store } from '@parley/domain';
import type { AssistDeps } from './assist-deps.js';
import { scanConversation } from './customer-messages.js';
import { questionLanguage } from './question-language.js';
import { adaptReply, DEFAULT_PERSONA, firstName, type ShortChannel } from './reply-adaptation.js';

/** One suggested reply: a knowledge-base answer with its source. */
export interface Suggestion {
  kind: 'kb_answer';
  /** The answer fitted to the channel: the article's short variant (SMS, voice) when it has one, else its summary or matched passage, trimmed to the channel's length. */
  text: string;
  /** What "Insert" puts in the composer: {@link text} with the persona's greeting. */
  adaptedText: string;
  /** How `adaptedText` was made: the short variant used, whether it was trimmed, whether a greeting was added. */
  adaptation: { variant: ShortChannel | null; trimmed: boolean; greeting: boolean };
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
 * joined, with their language: among the languages of the workspace's knowledge base (with `kb`),
 * the customer's or workspace's locale for a short or unclear text; null when nothing fits, so the engine searches all.
 *
 * @example
 * const { question, language } = await customerQuestion(store, principal, conversationId, kb);
 */
export async function customerQuestion(
  store: Store,
  principal: Principal,
  conversationId: string,
  kb?: KnowledgeDeps,
): Promise<{ question: string; language: string | null; channelId: string; customerId: string; agentReplied: boolean }> {
  const conversation = await getConversation(store, principal, conversationId);
  const { customer: messages, agentReplied } = await scanConversation(store, principal.workspaceId, conversation.id, QUESTION_MESSAGES);
  const question = messages
    .map((m) => m.text.trim())
    .join('\n')
    .slice(0, 2_000);
  const language = question ? await knowledgeLanguage(store, principal.workspaceId, question, conversation.customerId, kb) : null;
  return {
    question,
    language,
    channelId: conversation.channelId,
    customerId: conversation.customerId,
    agentReplied,
  };
}

/**
 * The question's language among those the knowledge base has content in, falling back on the
 * customer's then the workspace's locale ("ok" must not send a French customer to Dutch, where nothing answers).
 *
 * @example
 * const language = await knowledgeLanguage(store, workspaceId, 'ok', customerId, kb); // 'fr' for a French customer
 */
export async function knowledgeLanguage(
  store: Store,
  workspaceId: string,
  question: string,
  customerId: string | null,
  kb: KnowledgeDeps | undefined,
): Promise<string | null> {
  const [customer, workspace, engine] = await Promise.all([
    customerId ? store.read.customers.get(workspaceId, customerId) : null,
    store.read.workspaces.get(workspaceId),
    kb ? kb.engines.get(workspaceId) : null,
  ]);
  const candidates = engine ? [...new Set([...engine.articles.values()].map((a) => a.language))] : [];
  return questionLanguage(question, { candidates, fallbacks: [customer?.locale, workspace?.locale] });
}

type RawSuggestion = Omit<Suggestion, 'adaptedText' | 'adaptation'> & { language: string };

/**
 * The top-5 knowledge-base answers for the conversation's latest customer messages, each with the
 * text to insert adapted to the channel and the workspace persona. Read-only and not logged as a
 * knowledge query (an agent opening a conversation is not a customer asking), so it is cheap to
 * call on every new message.
 *
 * @example
 * const { items } = await suggestReplies(deps, principal, conversationId);
 */
export async function suggestReplies(
  deps: AssistDeps,
  principal: Principal,
  conversationId: string,
): Promise<{ question: string; language: string | null; items: Suggestion[] }> {
  const { store, kb } = deps;
  const { question, language, channelId, customerId, agentReplied } = await customerQuestion(store, principal, conversationId, kb);
  if (!question) return { question, language, items: [] };
  const [channel, customer, settings] = await Promise.all([
    store.read.channels.get(principal.workspaceId, channelId),
    store.read.customers.get(principal.workspaceId, customerId),
    deps.assist(store.read).getSettings(principal.workspaceId),
  ]);
  const answers = await answerForWorkspace(
    kb,
    principal.workspaceId,
    { question, k: SUGGESTIONS, ...(language ? { language } : {}), ...(channel ? { channel: channel.type } : {}) },
    { log: false },
  );
  const raw: RawSuggestion[] = answers.map((a) => ({
    kind: 'kb_answer',
    text: a.text,
    articleId: a.articleId,
    title: a.title,
    score: a.score,
    passage: a.passage,
    language: a.language,
  }));
  if (raw.length < SUGGESTIONS) raw.push(...(await fallbacks(kb, principal.workspaceId, language ?? answers[0]?.language ?? null, channel?.type ?? null, raw)));
  const { articles } = await kb.engines.get(principal.workspaceId);
  const maxTextLength = channel && deps.channels?.types().includes(channel.type) ? deps.channels.get(channel.type).manifest.maxTextLength : null;
  const persona = settings.persona ?? DEFAULT_PERSONA;
  const name = firstName(customer?.displayName);
  const items = raw.map(({ language: itemLanguage, ...s }): Suggestion => {
    const adapted = adaptReply(
      { text: s.text, variants: articles.get(s.articleId)?.variants ?? {} },
      { channelType: channel?.type ?? null, maxTextLength, persona, language: itemLanguage, firstName: name, greet: !agentReplied },
    );
    return {
      ...s,
      text: adapted.channelText,
      adaptedText: adapted.adaptedText,
      adaptation: { variant: adapted.variant, trimmed: adapted.trimmed, greeting: adapted.greeting },
    };
  });
  return { question, language, items };
}

/**
 * When the question matches fewer than five articles, the rest of the panel shows the workspace's
 * canned replies, then other articles, in the conversation's language (score 0: no match, so the passage is only the summary, if any). An
 * agent often needs exactly those (greeting, hand-over, follow-up) beside the matched answers.
 */
async function fallbacks(
  kb: KnowledgeDeps,
  workspaceId: string,
  language: string | null,
  channel: string | null,
  taken: readonly RawSuggestion[],
): Promise<RawSuggestion[]> {
  const { articles } = await kb.engines.get(workspaceId);
  const seen = new Set(taken.map((t) => t.articleId));
  return [...articles.values()]
    .filter((a) => !seen.has(a.id) && (!language || a.language === language))
    .sort((a, b) => Number(b.kind === 'canned') - Number(a.kind === 'canned') || a.title.localeCompare(b.title))
    .slice(0, SUGGESTIONS - taken.length)
    .map((a) => {
      // Like a matched answer's text: plain text and whole sentences (the first passage), never raw Markdown cut mid-word.
      const text = (channel ? a.variants[channel] : undefined) ?? a.summary ?? splitPassages(a.body)[0] ?? a.title;
      return { kind: 'kb_answer', text, articleId: a.id, title: a.title, score: 0, passage: a.summary ?? '', language: a.language };
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
  const { question } = await customerQuestion(store, principal, conversationId, kb);
  await recordAgentFeedback(kb, principal, { articleId: input.articleId, action: input.action, channel: 'agent_assist', ...(question ? { question } : {}) });
  // No index rebuild here: the engine cache reloads feedback boosts on its own TTL (a rebuild per click would cost seconds).
}
