import type { Job, JobOutcome } from '@parley/kernel';
import type { Emotion } from '@parley/routing';
import type { UseCaseDeps } from '../deps.js';
import { routingOf } from './routing-effects.js';

/** Queue of the job that carries assist's emotion analysis into routing. */
export const ROUTING_EMOTION_QUEUE = 'routing.emotion';

export interface CustomerEmotionPayload {
  conversationId: string;
  /** The analysed customer message. */
  messageId: string;
  emotion: Emotion;
}

/**
 * The `routing.emotion` job for an analysed customer message, to enqueue in the analysis'
 * transaction. Keyed on the message, so a retried analysis enqueues it once.
 *
 * @example
 * await tx.enqueue(customerEmotionJob(workspaceId, { conversationId, messageId, emotion: 'angry' }));
 */
export function customerEmotionJob(workspaceId: string, payload: CustomerEmotionPayload) {
  return { queue: ROUTING_EMOTION_QUEUE, workspaceId, payload, idempotencyKey: `emotion:${payload.messageId}`, maxAttempts: 5 };
}

/**
 * First retry delay while the conversation's routing row does not exist yet (its route job runs
 * first); it doubles with each attempt, so the job's five attempts wait for a route job held up
 * for about 7.5 s (a busy worker) rather than 2 s before giving up.
 */
const NOT_QUEUED_YET_MS = 500;

/**
 * `routing.emotion`: when the workspace turned on `emotionPriority`, the latest emotion of the
 * customer becomes the emotion of their waiting conversation, so the queue's `angryBoost` puts an
 * angry customer first (and the assignment's explanation says "angry customer"). Conversations
 * already offered or assigned keep theirs; so does everything when the setting is off.
 *
 * @example
 * worker.register(ROUTING_EMOTION_QUEUE, (job) => applyCustomerEmotionJob(deps, job));
 */
export async function applyCustomerEmotionJob(deps: UseCaseDeps, job: Job<CustomerEmotionPayload>): Promise<JobOutcome> {
  if (!deps.routing) return { kind: 'done' };
  const { workspaceId } = job;
  const { conversationId, emotion } = job.payload;
  return deps.store.transaction(async (tx): Promise<JobOutcome> => {
    const routing = routingOf(deps, tx);
    if (!(await routing.getSettings(workspaceId)).emotionPriority) return { kind: 'done' };
    // The conversation is read before the routing row, never after: the route job creates the
    // row and moves the handler off 'none' in one transaction, and under READ COMMITTED each
    // statement sees the commits made before it. Read in the other order, a route job committing
    // between the two reads looked like "no row, but handled": the emotion was dropped as done.
    const conversation = await tx.conversations.get(workspaceId, conversationId);
    const item = await routing.lockItem(workspaceId, conversationId);
    if (!item) {
      // The analysis can overtake the route job of a new conversation: look again shortly.
      return conversation?.handler.kind === 'none'
        ? { kind: 'retry', error: 'not in routing yet', delayMs: NOT_QUEUED_YET_MS * 2 ** (job.attempt - 1) }
        : { kind: 'done' };
    }
    if (item.status !== 'waiting' || item.attributes.emotion === emotion) return { kind: 'done' };
    await routing.saveItem({ ...item, attributes: { ...item.attributes, emotion }, updatedAt: deps.clock.now() });
    return { kind: 'done' };
  });
}
