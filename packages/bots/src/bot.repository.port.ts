import type { BotDefinition } from './definition/bot-definition.schema.js';
import type { BotState } from './interpreter/bot-state.js';

/** A stored bot: the draft definition, and the published one the conversations use. */
export interface StoredBot {
  id: string;
  workspaceId: string;
  name: string;
  definition: BotDefinition;
  /** Increments on every save of the draft. */
  version: number;
  /** The version published, or null when never published. */
  publishedVersion: number | null;
  publishedDefinition: BotDefinition | null;
  /** Names of the bot's secrets (`{{secrets.NAME}}`); the values never leave the sealed box. */
  secretNames: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** Who saved or published a version (a user; null for the system, or a user since removed). */
export interface BotVersionAuthor {
  id: string;
  name: string;
}

/** One saved version of a bot's definition, newest first in a history. */
export interface BotVersionSummary {
  version: number;
  /** The bot's name in that version. */
  name: string;
  savedAt: Date;
  savedBy: BotVersionAuthor | null;
  /** When this version was last published, if ever. */
  publishedAt: Date | null;
  publishedBy: BotVersionAuthor | null;
}

/** A saved version with its definition. */
export interface BotVersion extends BotVersionSummary {
  definition: BotDefinition;
}

/** What a bot did, from its `bot.turn` / `bot.handoff` / `bot.ended` events (see `stats`). */
export interface BotActivity {
  /** Conversations the bot answered at least once. */
  conversations: number;
  /** Of those, conversations it handed to a person. */
  handedOff: number;
  /** Of those, conversations that ended (bot end, or resolved/closed) without a handoff. */
  contained: number;
  /** Customer messages the bot answered. */
  turns: number;
  /** Turns by policy outcome (understood, kb, top_choices, rephrase, offer_human, handoff, silent). */
  outcomes: Record<string, number>;
  /** Channels the bot is attached to. */
  channels: Array<{ id: string; name: string; type: string }>;
  /** Satisfaction answers given about the bot (its end steps, and web chat ratings it last answered). */
  csat: CsatCounts & { byScenario: Record<string, CsatCounts> };
}

/** Satisfaction answers by level. */
export interface CsatCounts {
  responses: number;
  good: number;
  neutral: number;
  bad: number;
}

/** Bot storage, bound to a scope of the domain store (a transaction or the pool). */
export interface BotRepository {
  list(workspaceId: string): Promise<StoredBot[]>;
  get(workspaceId: string, id: string): Promise<StoredBot | null>;
  /** Creates the bot and the first version of its history (`authorId`: the user, or null). */
  create(input: { id: string; workspaceId: string; definition: BotDefinition; now: Date; authorId?: string | null }): Promise<StoredBot>;
  /** Saves a new draft version and keeps it in the history. */
  saveDraft(workspaceId: string, id: string, definition: BotDefinition, now: Date, authorId?: string | null): Promise<StoredBot | null>;
  /** Publishes the draft and marks its version as published in the history. */
  publish(workspaceId: string, id: string, now: Date, authorId?: string | null): Promise<StoredBot | null>;
  /** The saved versions, newest first. */
  listVersions(workspaceId: string, id: string, limit: number): Promise<BotVersionSummary[]>;
  getVersion(workspaceId: string, id: string, version: number): Promise<BotVersion | null>;
  /** The conversation's state, row-locked inside a transaction. */
  lockState(workspaceId: string, conversationId: string): Promise<{ botId: string; state: BotState } | null>;
  /** Attaches a bot to a channel (null detaches); false when the channel does not exist. */
  attachToChannel(workspaceId: string, channelId: string, botId: string | null): Promise<boolean>;
  saveState(input: { workspaceId: string; conversationId: string; botId: string; state: BotState; now: Date }): Promise<void>;
  /**
   * The bot's recent activity in one conversation, from its events since `since`: customer messages
   * it answered (`bot.turn`) and whether it already asked the customer to slow down (`bot.rate_limited`).
   */
  recentActivity(workspaceId: string, conversationId: string, since: Date): Promise<{ turns: number; slowedDown: boolean }>;
  /** The bot's activity, counted from its events. */
  activity(workspaceId: string, botId: string): Promise<BotActivity>;
  /**
   * Rewrites a customer message's text and content (a one-time code it held is replaced by
   * bullets, so the transcript agents read never shows it).
   */
  redactCustomerMessage(workspaceId: string, messageId: string, text: string, content: unknown): Promise<void>;
  /** The bot's sealed secrets (as the SecretSealer made them), or null when it has none. */
  getSealedSecrets(workspaceId: string, id: string): Promise<unknown>;
  /** Replaces the sealed secrets and their names; false when the bot does not exist. */
  setSecrets(workspaceId: string, id: string, sealed: unknown, names: string[], now: Date): Promise<boolean>;
}
