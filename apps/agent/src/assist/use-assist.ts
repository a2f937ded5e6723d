import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message } from '../api/types.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { useSession } from '../state/session-context.js';
import { sharedAssistApi, type AssistAlert, type Checklist, type MessageMood, type ReplyDraft, type Suggestion } from './assist-api.js';

/** Text the assist panel hands to the composer; `nonce` makes inserting the same text twice work. */
export interface ComposerDraft {
  text: string;
  nonce: number;
}

/** State and actions of the assist panel for one conversation. */
export interface Assist {
  suggestions: Suggestion[] | null;
  moods: ReadonlyMap<string, MessageMood>;
  alert: AssistAlert | null;
  draft: ComposerDraft | null;
  /** The procedure the conversation follows, or null when none matches. */
  checklist: Checklist | null;
  insert(suggestion: Suggestion): void;
  reject(suggestion: Suggestion): void;
  /** Ticks or unticks a step by hand. */
  toggleStep(stepId: string, checked: boolean): void;
  /** The start of a message of the open conversation (the reply that ticked a step), or null. */
  messageExcerpt(messageId: string | null): string | null;
  /** Whether the workspace has an LLM enabled ("Draft with AI" is shown only then). */
  llmEnabled: boolean;
  /** The AI draft under way, the last one's cited articles, or why there was none. */
  aiDraft: { state: 'idle' | 'drafting' } | { state: 'done'; citations: Array<{ n: number; title: string }> } | { state: 'unavailable'; reason: string };
  /** Asks the LLM for a grounded draft and puts it in the composer (never sends it). */
  draftWithAi(): void;
}

const EXCERPT = 80;

/**
 * Suggestions, emotion cues and the alert of the open conversation. Suggestions are refetched
 * when a new customer message arrives; moods come from the REST snapshot and then live from
 * `assist:analyzed` / `assist:alert`. Everything runs beside the conversation and fails quietly:
 * assist must never block an agent from answering.
 *
 * Feedback is inferred from what the agent sends: after "Insert", the agent's next public reply
 * records `accepted` when sent as inserted, `edited` when changed. Nothing is ever sent for the agent.
 */
export function useAssist(conversationId: string | null, messages: readonly Message[]): Assist {
  const { me, socket } = useSession();
  const api = sharedAssistApi();
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [moods, setMoods] = useState<ReadonlyMap<string, MessageMood>>(new Map());
  const [alert, setAlert] = useState<AssistAlert | null>(null);
  const [draft, setDraft] = useState<ComposerDraft | null>(null);
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const inserted = useRef<{ articleId: string; text: string; afterSeq: number } | null>(null);
  const [llmEnabled, setLlmEnabled] = useState(false);
  const [aiDraft, setAiDraft] = useState<Assist['aiDraft']>({ state: 'idle' });

  const lastCustomer = [...messages].reverse().find((m) => m.author.kind === 'customer' && m.visibility === 'public');
  const lastCustomerId = lastCustomer?.id ?? null;
  const lastSeq = messages.at(-1)?.seq ?? 0;

  // A new conversation starts without the previous one's checklist or draft.
  useEffect(() => {
    setChecklist(null);
    setAiDraft({ state: 'idle' });
  }, [conversationId]);

  useEffect(() => {
    let cancelled = false;
    api
      .llmStatus()
      .then((r) => !cancelled && setLlmEnabled(r.enabled))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => {
    if (!conversationId || !lastCustomerId) return;
    let cancelled = false;
    api
      .checklist(conversationId)
      .then((r) => !cancelled && setChecklist(r.checklist))
      .catch(() => undefined);
    api
      .suggestions(conversationId)
      .then((r) => !cancelled && setSuggestions(r.items))
      .catch(() => !cancelled && setSuggestions([]));
    api
      .moods(conversationId)
      .then((r) => {
        if (cancelled) return;
        setMoods((prev) => new Map([...prev, ...r.items.map((m) => [m.messageId, m] as const)]));
        if (r.alert) setAlert(r.alert);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [api, conversationId, lastCustomerId]);

  useSocketEvent(socket, 'assist:analyzed', (event) => {
    if (event.conversationId === conversationId) setMoods((prev) => new Map(prev).set(event.mood.messageId, event.mood));
  });
  useSocketEvent(socket, 'assist:alert', (event) => {
    if (event.conversationId === conversationId) setAlert(event.alert);
  });
  useSocketEvent(socket, 'assist:checklist', (event) => {
    if (event.conversationId === conversationId) setChecklist(event.checklist);
  });

  // The agent's first public reply after an insert tells whether the suggestion was used as is.
  useEffect(() => {
    const pending = inserted.current;
    if (!pending || !conversationId) return;
    const reply = messages.find((m) => m.seq > pending.afterSeq && m.author.kind === 'agent' && m.author.id === me.user.id && m.visibility === 'public');
    if (!reply) return;
    inserted.current = null;
    const action = reply.text.trim() === pending.text.trim() ? 'accepted' : 'edited';
    void api.feedback(conversationId, pending.articleId, action).catch(() => undefined);
  }, [api, conversationId, messages, me.user.id]);

  const insert = useCallback(
    (s: Suggestion) => {
      inserted.current = { articleId: s.articleId, text: s.adaptedText, afterSeq: lastSeq };
      setDraft((d) => ({ text: s.adaptedText, nonce: (d?.nonce ?? 0) + 1 }));
    },
    [lastSeq],
  );
  const reject = useCallback(
    (s: Suggestion) => {
      setSuggestions((list) => list?.filter((x) => x.articleId !== s.articleId) ?? null);
      if (conversationId) void api.feedback(conversationId, s.articleId, 'rejected').catch(() => undefined);
    },
    [api, conversationId],
  );
  const toggleStep = useCallback(
    (stepId: string, checked: boolean) => {
      if (!conversationId) return;
      // Optimistic: the box follows the click; the answer (or the live event) brings the recorded state.
      setChecklist((c) => (c ? { ...c, steps: c.steps.map((s) => (s.id === stepId ? { ...s, checked } : s)) } : c));
      api
        .setStep(conversationId, stepId, checked)
        .then((r) => setChecklist(r.checklist))
        .catch(
          () =>
            void api.checklist(conversationId).then(
              (r) => setChecklist(r.checklist),
              () => undefined,
            ),
        );
    },
    [api, conversationId],
  );
  const messageExcerpt = useCallback(
    (messageId: string | null) => {
      const text = messageId ? messages.find((m) => m.id === messageId)?.text : undefined;
      if (!text) return null;
      return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
    },
    [messages],
  );
  const draftWithAi = useCallback(() => {
    if (!conversationId) return;
    const forConversation = conversationId;
    setAiDraft({ state: 'drafting' });
    api
      .draftReply(forConversation)
      .then((r: ReplyDraft) => {
        if (!r.available) return setAiDraft({ state: 'unavailable', reason: r.reason });
        // Into the composer only: the agent reads, edits and sends it.
        setDraft((d) => ({ text: r.text, nonce: (d?.nonce ?? 0) + 1 }));
        setAiDraft({ state: 'done', citations: r.citations.map((c) => ({ n: c.n, title: c.title })) });
      })
      .catch(() => setAiDraft({ state: 'unavailable', reason: 'failed' }));
  }, [api, conversationId]);
  return { suggestions, moods, alert, draft, checklist, insert, reject, toggleStep, messageExcerpt, llmEnabled, aiDraft, draftWithAi };
}
