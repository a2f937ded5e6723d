import type { CompiledBot } from '../nlu/compile-bot.js';
import type { BotAction, BotBlock, BotState } from './bot-state.js';

/** A turn being built: the state is copied once at the start, then mutated in place. */
export interface Turn {
  readonly bot: CompiledBot;
  readonly state: BotState;
  readonly now: Date;
  readonly outputs: BotBlock[][];
  readonly actions: BotAction[];
}

/** Appends one bot message and remembers its text for the transcript. */
export function say(turn: Turn, blocks: BotBlock[]): void {
  if (blocks.length === 0) return;
  turn.outputs.push(blocks);
  const text = blocks.map((b) => (b.type === 'text' ? b.text : b.type === 'cards' ? b.cards.map((c) => c.title).join(' / ') : (b.text ?? ''))).join('\n');
  remember(turn.state, 'bot', text, turn.now);
}

/** Keeps the last messages for the handoff summary. */
export function remember(state: BotState, from: 'customer' | 'bot', text: string, now: Date): void {
  state.transcript.push({ from, text: text.slice(0, 500), at: now.toISOString() });
  if (state.transcript.length > TRANSCRIPT_LIMIT) state.transcript.splice(0, state.transcript.length - TRANSCRIPT_LIMIT);
}

const TRANSCRIPT_LIMIT = 12;
