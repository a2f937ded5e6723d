import type { BotAction, BotRepository } from '@parley/bots';

/** What the virtual agent needs beyond the common deps, wired in the composition root. */
export interface BotServices {
  /** The bot store bound to a scope of `store` (its transaction, or `store.read`). */
  repository(scope: object): BotRepository;
  /** Runs a bot's HTTP action through the SSRF-guarded client; never throws. */
  http(request: Extract<BotAction, { type: 'http' }>): Promise<{ ok: boolean; status: number; body: unknown }>;
  /** The knowledge base's best answer, when a knowledge base is wired. */
  answer?(workspaceId: string, question: string, lang: string): Promise<{ text: string; confidence: number } | null>;
}

/** The `bot.turn` job's payload: the customer message the bot answers. */
export interface BotTurnPayload {
  conversationId: string;
  messageId: string;
}

/** Queue of the bot turn job. */
export const BOT_TURN_QUEUE = 'bot.turn';
