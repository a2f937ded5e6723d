import type { Logger } from 'pino';
import type { Clock, EventBus } from '@parley/kernel';
import type { Store } from '@parley/domain';
import type { JobWorker } from '@parley/queue-pg';
import { analyzeCustomerMessage, ASSIST, type AnalyzePayload } from './analyze-message.job.js';

/**
 * Wires the emotion cues: every process with workers turns `message.received` into one durable
 * `assist.analyze` job (the idempotency key is the message id, so N processes hearing the same bus
 * event still enqueue one job) and runs those jobs. The analysis never sits in the receive path:
 * a slow or failing analysis cannot delay or lose a customer message.
 *
 * @example
 * const assist = await composeAssist({ store, clock, bus, worker, logger });
 */
export async function composeAssist(input: { store: Store; clock: Clock; bus: EventBus; worker: JobWorker | null; logger: Logger }): Promise<{ close(): Promise<void> }> {
  const { worker } = input;
  if (!worker) return { close: async () => undefined };
  worker.register<AnalyzePayload>(ASSIST.analyzeQueue, (job) => analyzeCustomerMessage(input, job));
  const subscription = await input.bus.subscribe('message.received', async (event) => {
    const p = event.payload as { conversationId?: unknown; customerId?: unknown; messageId?: unknown; text?: unknown };
    if (typeof p.conversationId !== 'string' || typeof p.messageId !== 'string' || typeof p.text !== 'string' || p.text.trim() === '') return;
    const payload: AnalyzePayload = { conversationId: p.conversationId, customerId: String(p.customerId ?? ''), messageId: p.messageId };
    try {
      await input.store.transaction((tx) =>
        tx.enqueue({ queue: ASSIST.analyzeQueue, workspaceId: event.workspaceId, payload, idempotencyKey: p.messageId as string, maxAttempts: 3 }),
      );
    } catch (err) {
      // Assist is best effort: the message itself is already stored and routed.
      input.logger.warn({ err, messageId: p.messageId }, 'enqueuing the assist analysis failed');
    }
  });
  return { close: () => subscription.unsubscribe() };
}
