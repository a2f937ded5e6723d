import type { OtpChallenge } from './otp.js';

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

/** Where a turn waits for the driver: an HTTP call, a knowledge-base answer or a code sent. */
export type Awaiting = { kind: 'http'; stepId: string } | { kind: 'answer'; question: string } | { kind: 'otp'; stepId: string } | null;

/** A code sent for an `otp` step: its hash (never the code), tries and resends so far. */
export interface OtpState {
  stepId: string;
  challenge: OtpChallenge;
  via: 'sms' | 'email';
  /** The address as the bot may show it ("•• •• •• •• 42"). */
  masked: string;
  attempts: number;
  resends: number;
}

/** The customer's satisfaction levels, as the web chat asks them. */
export type CsatLevel = 'good' | 'neutral' | 'bad';

/** Everything the bot remembers about one conversation (stored as JSON between turns). */
export interface BotState {
  lang: string;
  started: boolean;
  status: 'active' | 'handed_off' | 'ended';
  firstName: string | null;
  /**
   * The running scenario: the current step, the tries at it, and `passed`: the questions answered
   * or skipped (slot already known) since the bot last waited for the customer. A question reached
   * again while in `passed` asks again, so a loop through a question always waits (optional:
   * states saved before it existed).
   */
  scenario: { id: string; stepId: string; tries: number; passed?: string[] } | null;
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
  /** The pending one-time code of an `otp` step (optional: states saved before it existed). */
  otp?: OtpState | null;
  /** An end step asked for satisfaction: the next message may answer it. */
  csat?: { scenarioId: string } | null;
}

/** What a turn reacts to. */
export type BotInput =
  | {
      kind: 'message';
      text: string;
      firstName?: string | null;
      /** When the known customer's previous conversation started (ISO), for "good to see you again". */
      previousConversationAt?: string | null;
    }
  | { kind: 'otp_result'; ok: true; challenge: OtpChallenge; via: 'sms' | 'email'; masked: string }
  | { kind: 'otp_result'; ok: false; reason: 'no_address' | 'no_channel' }
  | { kind: 'http_result'; ok: boolean; status: number; body: unknown }
  | { kind: 'answer_result'; answer: { text: string; confidence: number } | null };

/** Side effects the driver performs. */
export type BotAction =
  | { type: 'http'; stepId: string; method: string; url: string; headers: Record<string, string>; body?: string; timeoutMs: number }
  | { type: 'answer'; question: string }
  | { type: 'handoff'; reason: string; queueId?: string; skill?: string; summary: HandoffSummary }
  | { type: 'end'; csat: boolean }
  /** Send a new one-time code out of band; the driver answers with `otp_result`. */
  | { type: 'otp'; stepId: string; via: Array<'sms' | 'email'>; channelId?: string; digits: number; ttlSeconds: number; lang: string }
  /** The customer typed the right code: recorded on the timeline, so an agent knows who they talk to. */
  | { type: 'otp_verified'; stepId: string; via: 'sms' | 'email' }
  /** The customer rated the bot at the end of a scenario. */
  | { type: 'csat'; rating: CsatLevel; scenarioId: string };

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
    otp: null,
    csat: null,
  };
}
