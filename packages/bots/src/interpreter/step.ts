import { readPath } from '../definition/localized.js';
import type { CompiledBot } from '../nlu/compile-bot.js';
import type { BotInput, BotState, StepResult } from './bot-state.js';
import { onAnswer, onMessage } from './policy.js';
import { resumeHttp, resumeOtp } from './scenario-runner.js';
import type { Turn } from './turn.js';

/**
 * The interpreter: a pure state machine. Given the bot, its state for one conversation and an
 * input (a customer message, or the result of an action the driver ran), returns the messages to
 * send, the next state and the actions to perform (HTTP calls, knowledge-base questions, handoff,
 * end). The input state is never mutated.
 *
 * @example
 * const r1 = step(bot, initialBotState('fr'), { kind: 'message', text: 'où en est ma commande ?' }, now);
 * const r2 = step(bot, r1.state, { kind: 'message', text: 'CMD-10042' }, now); // r2.actions[0].type === 'http'
 */
export function step(bot: CompiledBot, state: BotState, input: BotInput, now: Date): StepResult {
  const turn: Turn = { bot, state: structuredClone(state), now, outputs: [], actions: [] };
  if (input.kind === 'message') onMessage(turn, input.text, payloadOf(input.text), input.firstName ?? null, input.previousConversationAt ?? null);
  else if (input.kind === 'answer_result') onAnswer(turn, input.answer);
  else if (input.kind === 'otp_result') {
    if (turn.state.awaiting?.kind === 'otp') resumeOtp(turn, turn.state.awaiting.stepId, input);
  } else if (turn.state.awaiting?.kind === 'http') resumeHttp(turn, turn.state.awaiting.stepId, input, readPath);
  return { outputs: turn.outputs, state: turn.state, actions: turn.actions };
}

// Channels send a button's payload as the message text; ids are short tokens without spaces.
function payloadOf(text: string): string | null {
  const trimmed = text.trim();
  return /^[a-z0-9_.:-]{1,64}$/i.test(trimmed) ? trimmed : null;
}
