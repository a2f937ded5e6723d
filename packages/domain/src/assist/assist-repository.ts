import type { Actor } from '../access/principal.js';

/** Who ticked a checklist step and why (an agent's click, or the message that covered it). */
export interface ChecklistTick {
  by: Actor;
  at: Date;
  /** `manual`: the agent ticked it; `auto`: an outgoing message covered the step. */
  source: 'manual' | 'auto';
  /** The outgoing message that covered the step (auto ticks). */
  messageId: string | null;
  /** The step's words found in that message ("why it ticked"). */
  matchedTerms: string[];
}

/** One step of a conversation's checklist; `tick` is null while it is not done. */
export interface ChecklistStep {
  /** Stable within the checklist: "1", "2", … in the procedure's order. */
  id: string;
  text: string;
  tick: ChecklistTick | null;
}

/** The procedure a conversation follows, its steps copied when it was first stored (a later edit of the article does not move ticks). */
export interface ConversationChecklist {
  workspaceId: string;
  conversationId: string;
  articleId: string;
  title: string;
  language: string;
  steps: ChecklistStep[];
  updatedAt: Date;
}

/** A wrap-up disposition code with its label in both interface languages. */
export interface Disposition {
  code: string;
  label: { fr: string; en: string };
}

/** How inserted replies address the customer. */
export interface AssistPersona {
  /** French register: "vous" (formal) or "tu". */
  tone: 'vous' | 'tu';
  /** Prefix a greeting with the customer's first name ("Bonjour Camille, …"). */
  greetByFirstName: boolean;
}

/** Per-workspace assist settings; null fields mean "use the defaults". */
export interface AssistSettings {
  dispositions: Disposition[] | null;
  persona: AssistPersona | null;
}

/** A workspace's OpenAI-compatible text generation endpoint; the API key stays sealed here. */
export interface AssistLlmSettings {
  /** Up to the version, e.g. `http://localhost:11434/v1`; Parley POSTs to `{baseUrl}/chat/completions`. */
  baseUrl: string;
  model: string;
  /** The sealed `{ apiKey }`, or null when the endpoint needs no key. */
  apiKeySealed: unknown;
  timeoutMs: number;
  enabled: boolean;
  updatedAt: Date;
}

/** One message of a chat-completion prompt. */
export interface LlmPromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The audit row of one call to the workspace's LLM: what was asked, what came back, how long it took. */
export interface LlmCallRecord {
  id: string;
  workspaceId: string;
  actor: Actor;
  purpose: 'draft' | 'summary';
  conversationId: string | null;
  model: string;
  prompt: LlmPromptMessage[];
  /** The generated text, null when the call failed. */
  output: string | null;
  /** Why the call failed (timeout, status, unreadable answer), null on success. */
  error: string | null;
  latencyMs: number;
  createdAt: Date;
}

/**
 * Storage of the augmented agent: per-conversation checklists and per-workspace settings.
 * Every method is scoped to the workspace.
 *
 * @example
 * const checklist = await assistRepo(tx).getChecklist(workspaceId, conversationId);
 */
export interface AssistRepository {
  getChecklist(workspaceId: string, conversationId: string): Promise<ConversationChecklist | null>;
  /** Inserts or replaces the conversation's checklist. */
  saveChecklist(checklist: ConversationChecklist): Promise<void>;
  getSettings(workspaceId: string): Promise<AssistSettings>;
  /** Replaces the given fields (a field left out keeps its value). */
  saveSettings(workspaceId: string, patch: Partial<AssistSettings>, now: Date): Promise<AssistSettings>;
  getLlmSettings(workspaceId: string): Promise<AssistLlmSettings | null>;
  /** Inserts or replaces the workspace's LLM settings; null removes them. */
  saveLlmSettings(workspaceId: string, settings: AssistLlmSettings | null): Promise<void>;
  recordLlmCall(record: LlmCallRecord): Promise<void>;
  /** Newest first; `before` is the id of the last row of the previous page. */
  listLlmCalls(workspaceId: string, page: { before: string | null; limit: number }): Promise<LlmCallRecord[]>;
}
