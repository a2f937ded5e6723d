import { answerForWorkspace } from '@parley/use-cases';
import { requirePermission, type Principal } from '@parley/domain';
import type { AssistDeps } from './assist-deps.js';
import { askLlm, llmEnabled } from './llm-assist.js';
import { citedSources, draftPrompt, withoutUnknownCitations, type PromptLine, type PromptSource } from './llm-prompts.js';
import { DEFAULT_PERSONA } from './reply-adaptation.js';
import { customerQuestion } from './suggest-replies.js';

/** A grounded draft, or why there is none (the agent keeps the suggestions; nothing is an error). */
export type ReplyDraft =
  | { available: true; source: 'llm'; text: string; citations: Array<{ n: number; articleId: string; title: string }>; language: string }
  | { available: false; reason: 'not_configured' | 'no_question' | 'failed' };

/** Sources given to the model: few enough for a small context, enough to cover a two-part question. */
const SOURCES = 3;
/** The recent exchange the model reads. */
const LINES = 12;
const PAGE = 200;
const MAX_PAGES = 10;

async function recentLines(deps: AssistDeps, workspaceId: string, conversationId: string): Promise<PromptLine[]> {
  const lines: PromptLine[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await deps.store.read.conversations.listMessages(workspaceId, conversationId, cursor, PAGE);
    for (const m of page.items) {
      const author = m.author.kind;
      if (m.visibility !== 'public' || m.text.trim() === '' || (author !== 'customer' && author !== 'agent' && author !== 'bot')) continue;
      lines.push({ author, text: m.text });
    }
    if (lines.length > LINES) lines.splice(0, lines.length - LINES);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return lines;
}

/**
 * Asks the workspace's LLM for a reply to the conversation grounded on its top knowledge-base
 * articles, in the customer's language and the persona's register, citing them as `[1]`, `[2]`.
 * Only citations of articles actually given are kept. The draft goes to the composer for the
 * agent to edit: it is never sent from here. Needs `conversations:reply`.
 *
 * @example
 * const draft = await draftReply(deps, principal, conversationId);
 * if (draft.available) composer.insert(draft.text);
 */
export async function draftReply(deps: AssistDeps, principal: Principal, conversationId: string): Promise<ReplyDraft> {
  requirePermission(principal, 'conversations:reply');
  // Checks access to the conversation first, so a foreign id is a 404 even without an LLM.
  const { question, language, channelId } = await customerQuestion(deps.store, principal, conversationId, deps.kb);
  if (!(await llmEnabled(deps, principal.workspaceId))) return { available: false, reason: 'not_configured' };
  if (!question) return { available: false, reason: 'no_question' };
  const [channel, settings, lines] = await Promise.all([
    deps.store.read.channels.get(principal.workspaceId, channelId),
    deps.assist(deps.store.read).getSettings(principal.workspaceId),
    recentLines(deps, principal.workspaceId, conversationId),
  ]);
  const answers = await answerForWorkspace(
    deps.kb,
    principal.workspaceId,
    { question, k: SOURCES, ...(language ? { language } : {}), ...(channel ? { channel: channel.type } : {}) },
    { log: false },
  );
  const sources: PromptSource[] = answers.map((a) => ({ articleId: a.articleId, title: a.title, text: a.text }));
  const lang = language ?? answers[0]?.language ?? 'fr';
  const messages = draftPrompt({ sources, lines, language: lang, persona: settings.persona ?? DEFAULT_PERSONA });
  const text = await askLlm(deps, principal, { purpose: 'draft', conversationId, messages, temperature: 0.3, maxTokens: 500 });
  if (text === null) return { available: false, reason: 'failed' };
  const citations = citedSources(text, sources.length)
    .sort((a, b) => a - b)
    .flatMap((n) => {
      const s = sources[n - 1];
      return s ? [{ n, articleId: s.articleId, title: s.title }] : [];
    });
  return { available: true, source: 'llm', text: withoutUnknownCitations(text, sources.length), citations, language: lang };
}
