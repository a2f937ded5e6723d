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
