import { sentimentTrend } from '@parley/nlu';
import type { Emotion } from '@parley/nlu';
import type { BotState, HandoffSummary } from './bot-state.js';

/**
 * What the agent reads first: intent, collected slots, sentiment trend and the last messages.
 *
 * @example
 * const summary = handoffSummary(state, 'customer_request');
 */
export function handoffSummary(state: BotState, reason: string): HandoffSummary {
  const trend = sentimentTrend(state.sentiments.map((s) => ({ score: s.score, emotions: s.emotions as Record<Emotion, number> })));
  return {
    reason,
    intent: state.intent,
    slots: { ...state.slots },
    sentimentTrend: { direction: trend.direction, average: round(trend.average), current: round(trend.current) },
    lastMessages: state.transcript.slice(-6),
    language: state.lang,
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * The state after a person takes the conversation over without the bot asking (an agent's public
 * reply): handed off, so the bot stays silent, nothing left waiting, and the summary of what the
 * bot knew for the timeline. The input state is not mutated.
 *
 * @example
 * const { state: next, summary } = takenOverState(state, 'agent_took_over'); // next.status === 'handed_off'
 */
export function takenOverState(state: BotState, reason: string): { state: BotState; summary: HandoffSummary } {
  const summary = handoffSummary(state, reason);
  return { state: { ...structuredClone(state), status: 'handed_off', scenario: null, offers: null, awaiting: null, otp: null, csat: null }, summary };
}
