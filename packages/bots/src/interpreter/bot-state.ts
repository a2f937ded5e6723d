/** One message the bot sends, as content blocks (structurally the domain's ContentBlock subset). */
export type BotBlock =
  | { type: 'text'; text: string }
  | { type: 'buttons'; text?: string; buttons: BotButton[] }
  | { type: 'quick_replies'; text?: string; replies: BotButton[] }
  | { type: 'cards'; cards: Array<{ title: string; subtitle?: string; buttons?: BotButton[] }> };

export interface BotButton {
  id: string;
  label: string;
  payload?: string;
}

/** A choice the bot offered outside a scenario (top intents, "talk to a human"). */
export interface PendingOffer {
  id: string;
  label: string;
  /** The intent it starts, or "human" for a handoff. */
  target: string;
}

/** Where a turn waits for the driver: an HTTP call or a knowledge-base answer. */
export type Awaiting = { kind: 'http'; stepId: string } | { kind: 'answer'; question: string } | null;

/** Everything the bot remembers about one conversation (stored as JSON between turns). */
export interface BotState {
  lang: string;
  started: boolean;
  status: 'active' | 'handed_off' | 'ended';
  firstName: string | null;
  scenario: { id: string; stepId: string; tries: number } | null;
  slots: Record<string, string>;
  attributes: Record<string, unknown>;
  /** The last intent recognised with confidence. */
  intent: string | null;
  /** The bot already asked to rephrase once since the last understood message. */
  rephrased: boolean;
  offers: PendingOffer[] | null;
  awaiting: Awaiting;
  /** Recent messages of both sides, newest last (for the handoff summary). */
  transcript: Array<{ from: 'customer' | 'bot'; text: string; at: string }>;
  /** Sentiment scores of the customer's messages, newest last. */
  sentiments: Array<{ score: number; emotions: Record<string, number> }>;
}

/** What a turn reacts to. */
export type BotInput =
  | { kind: 'message'; text: string; firstName?: string | null }
  | { kind: 'http_result'; ok: boolean; status: number; body: unknown }
  | { kind: 'answer_result'; answer: { text: string; confidence: number } | null };

/** Side effects the driver performs. */
export type BotAction =
  | { type: 'http'; stepId: string; method: string; url: string; headers: Record<string, string>; body?: string; timeoutMs: number }
  | { type: 'answer'; question: string }
  | { type: 'handoff'; reason: string; queueId?: string; skill?: string; summary: HandoffSummary }
  | { type: 'end'; csat: boolean };

/** What the agent sees first after a handoff. */
export interface HandoffSummary {
  reason: string;
  intent: string | null;
  slots: Record<string, string>;
  sentimentTrend: { direction: 'improving' | 'worsening' | 'stable'; average: number; current: number };
  lastMessages: Array<{ from: 'customer' | 'bot'; text: string; at: string }>;
  language: string;
}

export interface StepResult {
  outputs: BotBlock[][];
  state: BotState;
  actions: BotAction[];
}

/**
 * The state of a conversation the bot has not spoken in yet.
 *
 * @example
 * const state = initialBotState('fr');
 */
export function initialBotState(lang: string): BotState {
  return {
    lang,
    started: false,
    status: 'active',
    firstName: null,
    scenario: null,
    slots: {},
    attributes: {},
    intent: null,
    rephrased: false,
    offers: null,
    awaiting: null,
    transcript: [],
    sentiments: [],
  };
}
