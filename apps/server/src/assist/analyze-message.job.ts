import type { Clock, Job, JobOutcome } from '@parley/kernel';
import type { Store } from '@parley/domain';
import type { Emotion } from '@parley/routing';
import { customerEmotionJob } from '@parley/use-cases';
import { ANGER_ALERT, assessMoods, moodOf, type MessageMood } from './emotion-cues.js';
import { recentCustomerMessages } from './customer-messages.js';
import type { WorkspaceSentimentModels } from './sentiment-models.js';

/** Queue and bus names of the agent assist. */
export const ASSIST = {
  analyzeQueue: 'assist.analyze',
  /** Bus: a customer message was analysed ({conversationId, customerId, mood, trend}). */
  analyzed: 'message.analyzed',
  /** Bus: the customer looks angry or the mood keeps falling ({conversationId, customerId, alert}). */
  alert: 'assist.alert',
} as const;

export interface AnalyzePayload {
  conversationId: string;
  customerId: string;
  messageId: string;
}

/** A message's mood as the routing emotion (anger first: it is what a queue may boost). */
export function routingEmotionOf(mood: MessageMood): Emotion {
  if (mood.emotions.anger >= ANGER_ALERT) return 'angry';
  return mood.label === 'negative' || mood.label === 'positive' ? mood.label : 'neutral';
}

/** The trend is read over this many recent customer messages. */
const TREND_WINDOW = 5;

/**
 * `assist.analyze`: sentiment and emotions of a new customer message, recorded as a
 * `message.analyzed` timeline event; an `assist.alert` event too when the customer is angry or the
 * trend falls; a `routing.emotion` job when the customer turns angry or calms down (routing uses
 * it for waiting conversations when the workspace says so). Both are published after commit for the agents' and supervisors' sockets. The
 * earlier messages are re-analysed rather than read back: the lexicon analysis takes well under a
 * millisecond and this keeps the trend exact even if an earlier job has not run yet. With
 * `sentiment`, the workspace's trained model decides the label of messages in its language.
 *
 * @example
 * worker.register(ASSIST.analyzeQueue, (job) => analyzeCustomerMessage({ store, clock }, job));
 */
export async function analyzeCustomerMessage(
  deps: { store: Store; clock: Clock; sentiment?: WorkspaceSentimentModels },
  job: Job<AnalyzePayload>,
): Promise<JobOutcome> {
  const { conversationId, customerId, messageId } = job.payload;
  const messages = await recentCustomerMessages(deps.store, job.workspaceId, conversationId, TREND_WINDOW);
  // Not among the latest (a burst overtook it) or gone (erased): the newer messages' jobs cover the trend.
  if (!messages.some((m) => m.id === messageId)) return { kind: 'done' };
  const models = deps.sentiment ? await deps.sentiment.lookup(job.workspaceId) : undefined;
  const moods = messages.slice(0, messages.findIndex((m) => m.id === messageId) + 1).map((m) => moodOf(m, models));
  const mood = moods.at(-1);
  if (!mood) return { kind: 'done' };
  const { trend, alert } = assessMoods(moods);
  const trendView = { direction: trend.direction, current: trend.current };
  await deps.store.transaction(async (tx) => {
    const actor = { kind: 'system' as const, id: null };
    const occurredAt = deps.clock.now();
    const base = { workspaceId: job.workspaceId, customerId, conversationId, messageId, actor, occurredAt };
    await tx.events.record({
      ...base,
      type: ASSIST.analyzed,
      payload: { label: mood.label, score: mood.score, emotions: mood.emotions, language: mood.language, source: mood.source, trend: trendView },
    });
    tx.publishAfterCommit({ name: ASSIST.analyzed, workspaceId: job.workspaceId, payload: { conversationId, customerId, mood, trend: trendView } });
    // Routing only weighs anger: tell it when the customer turns angry or calms down.
    const emotion = routingEmotionOf(mood);
    const before = moods.length > 1 ? routingEmotionOf(moods[moods.length - 2] as MessageMood) : null;
    if (emotion !== before && (emotion === 'angry' || before === 'angry'))
      await tx.enqueue(customerEmotionJob(job.workspaceId, { conversationId, messageId, emotion }));
    if (alert) {
      await tx.events.record({ ...base, type: ASSIST.alert, payload: { reason: alert.reason } });
      tx.publishAfterCommit({ name: ASSIST.alert, workspaceId: job.workspaceId, payload: { conversationId, customerId, alert } });
    }
  });
  return { kind: 'done' };
}
