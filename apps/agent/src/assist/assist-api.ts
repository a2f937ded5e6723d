import { createApiClient, csrfFromCookie, type ApiClient } from '../api/api-client.js';

/** One suggestion of `GET /api/v1/conversations/{id}/suggestions`. */
export interface Suggestion {
  kind: 'kb_answer';
  text: string;
  /** What "Insert" puts in the composer: fitted to the channel, with the persona's greeting. */
  adaptedText: string;
  adaptation: { variant: 'sms' | 'voice' | null; trimmed: boolean; greeting: boolean };
  articleId: string;
  title: string;
  score: number;
  passage: string;
}

export interface Emotions {
  anger: number;
  satisfaction: number;
  urgency: number;
  confusion: number;
}

/** Sentiment and emotions of one customer message. */
export interface MessageMood {
  messageId: string;
  language: string;
  label: 'negative' | 'neutral' | 'positive';
  score: number;
  emotions: Emotions;
}

export interface AssistAlert {
  /** `help`: the advisor asked a supervisor for help. */
  reason: 'anger' | 'worsening' | 'help';
  messageId: string | null;
  guidance: { fr: string; en: string };
}

export interface MoodTrend {
  direction: 'improving' | 'worsening' | 'stable';
  current: number;
}

/** One row of `GET /api/v1/assist/wallboard`. */
export interface WallboardRow {
  conversationId: string;
  customerId: string;
  customerName: string | null;
  status: string;
  agentId: string | null;
  queueId: string | null;
  waitingSince: string | null;
  handlingSince: string | null;
  lastMood: MessageMood | null;
  trend: MoodTrend | null;
  alert: AssistAlert | null;
  help: { requestedAt: string; agentId: string | null; note: string | null } | null;
  struggle: { mood: 'negative' | 'worsening'; handlingSec: number; slaRisk: 'waiting' | 'escalated' } | null;
}

export type Presence = 'online' | 'busy' | 'away' | 'offline';

/** A queue's live figures on the wallboard. */
export interface QueueBoard {
  queueId: string;
  name: string;
  open: boolean;
  waiting: number;
  longestWaitSec: number;
  estimatedWaitSec: number | null;
  serviceLevel: { targetSec: number | null; met: number; decided: number; share: number | null };
  agents: Record<Presence, number>;
  occupancy: { load: number; capacity: number; share: number | null };
}

/** An advisor's live figures on the wallboard. */
export interface AgentBoard {
  agentId: string;
  name: string;
  presence: Presence;
  presenceReason: string | null;
  load: number;
  capacity: number;
  conversations: number;
  handledToday: number;
  averageHandleSec: number | null;
  negativeShare: number | null;
}

export interface WallboardData {
  items: WallboardRow[];
  queues: QueueBoard[];
  agents: AgentBoard[];
}

export type ReassignTarget = { toAgentId: string } | { toQueueId: string };

export type SuggestionAction = 'accepted' | 'edited' | 'rejected';

/** One step of the conversation's procedure checklist. */
export interface ChecklistStep {
  id: string;
  text: string;
  checked: boolean;
  checkedAt: string | null;
  checkedBy: { kind: string; id: string | null } | null;
  source: 'manual' | 'auto' | null;
  messageId: string | null;
  matchedTerms: string[];
}

/** `GET /api/v1/conversations/{id}/checklist`: the procedure the conversation follows. */
export interface Checklist {
  articleId: string;
  title: string;
  language: string;
  stored: boolean;
  steps: ChecklistStep[];
}

export interface Disposition {
  code: string;
  label: { fr: string; en: string };
}

/** How inserted replies address the customer. */
export interface Persona {
  tone: 'vous' | 'tu';
  greetByFirstName: boolean;
}

/** `GET /api/v1/assist/settings`: the workspace's codes and persona, defaults filled in. */
export interface AssistSettings {
  dispositions: Disposition[];
  persona: Persona;
  customised: { dispositions: boolean; persona: boolean };
}

/** `GET /api/v1/conversations/{id}/wrapup`: what the wrap-up form opens with. */
export interface WrapUpDraft {
  dispositions: Disposition[];
  summary: string;
  topic: string | null;
  references: string[];
  language: 'fr' | 'en';
  /** `llm` when the workspace's LLM wrote it, `extractive` otherwise (or when the LLM failed). */
  source: 'llm' | 'extractive';
}

/** `POST /api/v1/conversations/{id}/assist/draft`: a reply drafted by the workspace's LLM with the articles it cites, or why there is none. */
export type ReplyDraft =
  | { available: true; source: 'llm'; text: string; citations: Array<{ n: number; articleId: string; title: string }>; language: string }
  | { available: false; reason: 'not_configured' | 'no_question' | 'failed' };

/** `GET /api/v1/assist/llm/settings`: the workspace's LLM endpoint; the key itself is never returned. */
export interface LlmSettings {
  configured: boolean;
  enabled: boolean;
  source: 'workspace' | 'server' | 'none';
  serverDefault: { baseUrl: string; model: string } | null;
  baseUrl: string | null;
  model: string | null;
  timeoutMs: number;
  apiKeySet: boolean;
  updatedAt: string | null;
}

/** One row of `GET /api/v1/assist/llm/audit`. */
export interface LlmAuditItem {
  id: string;
  actor: { kind: string; id: string | null };
  purpose: 'draft' | 'summary';
  conversationId: string | null;
  model: string;
  prompt: Array<{ role: string; content: string }>;
  output: string | null;
  error: string | null;
  latencyMs: number;
  createdAt: string;
}

const id = (v: string) => encodeURIComponent(v);

/** The assist endpoints, typed. */
export function assistApi(client: ApiClient) {
  return {
    suggestions: (conversationId: string) =>
      client.request<{ question: string; language: string | null; items: Suggestion[] }>('GET', `/api/v1/conversations/${id(conversationId)}/suggestions`),
    feedback: (conversationId: string, articleId: string, action: SuggestionAction) =>
      client.request<null>('POST', `/api/v1/conversations/${id(conversationId)}/suggestions/feedback`, { body: { articleId, action } }),
    moods: (conversationId: string) =>
      client.request<{ items: MessageMood[]; trend: MoodTrend | null; alert: AssistAlert | null }>('GET', `/api/v1/conversations/${id(conversationId)}/moods`),
    wallboard: () => client.request<WallboardData>('GET', '/api/v1/assist/wallboard'),
    requestHelp: (conversationId: string, note: string | null) =>
      client.request<{ requestedAt: string }>('POST', `/api/v1/conversations/${id(conversationId)}/help`, { body: note ? { note } : {} }),
    takeOver: (conversationId: string) =>
      client.request<{ agentId: string | null }>('POST', `/api/v1/assist/wallboard/conversations/${id(conversationId)}/take-over`, { body: {} }),
    reassign: (conversationId: string, target: ReassignTarget, note: string) =>
      client.request<{ agentId: string | null; queueId: string | null }>('POST', `/api/v1/assist/wallboard/conversations/${id(conversationId)}/reassign`, {
        body: { ...target, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    checklist: (conversationId: string) => client.request<{ checklist: Checklist | null }>('GET', `/api/v1/conversations/${id(conversationId)}/checklist`),
    setStep: (conversationId: string, stepId: string, checked: boolean) =>
      client.request<{ checklist: Checklist }>('POST', `/api/v1/conversations/${id(conversationId)}/checklist/steps/${id(stepId)}`, { body: { checked } }),
    wrapUpDraft: (conversationId: string, language: 'fr' | 'en') =>
      client.request<WrapUpDraft>('GET', `/api/v1/conversations/${id(conversationId)}/wrapup?language=${language}`),
    settings: () => client.request<AssistSettings>('GET', '/api/v1/assist/settings'),
    llmSettings: () => client.request<LlmSettings>('GET', '/api/v1/assist/llm/settings'),
    saveLlmSettings: (body: { baseUrl: string; model: string; apiKey?: string | null; timeoutMs: number; enabled: boolean }) =>
      client.request<LlmSettings>('PUT', '/api/v1/assist/llm/settings', { body }),
    clearLlmSettings: () => client.request<LlmSettings>('DELETE', '/api/v1/assist/llm/settings'),
    llmAudit: (cursor: string | null) =>
      client.request<{ items: LlmAuditItem[]; nextCursor: string | null }>('GET', `/api/v1/assist/llm/audit?limit=20${cursor ? `&cursor=${id(cursor)}` : ''}`),
    llmStatus: () => client.request<{ enabled: boolean }>('GET', '/api/v1/assist/llm'),
    draftReply: (conversationId: string) => client.request<ReplyDraft>('POST', `/api/v1/conversations/${id(conversationId)}/assist/draft`),
    saveSettings: (patch: { dispositions?: Disposition[] | null; persona?: Persona | null }) =>
      client.request<AssistSettings>('PUT', '/api/v1/assist/settings', { body: patch }),
    saveWrapUp: (conversationId: string, disposition: string, summary: string) =>
      client.request<{ disposition: Disposition; summary: string }>('POST', `/api/v1/conversations/${id(conversationId)}/wrapup`, {
        body: { disposition, summary },
      }),
    whisper: (conversationId: string, text: string) =>
      client.request<{ messageId: string }>('POST', `/api/v1/conversations/${id(conversationId)}/messages`, {
        body: { text, visibility: 'whisper' },
        headers: { 'idempotency-key': crypto.randomUUID() },
      }),
  };
}

export type AssistApi = ReturnType<typeof assistApi>;

let shared: AssistApi | null = null;

/** One client for the assist and wallboard views (same cookie session and CSRF as the rest of the app). */
export function sharedAssistApi(): AssistApi {
  shared ??= assistApi(createApiClient({ getCsrfToken: () => csrfFromCookie(document.cookie) }));
  return shared;
}
