import type { Logger } from 'pino';
import type { Clock, EventBus } from '@parley/kernel';
import type { Store } from '@parley/domain';
import type { JobWorker } from '@parley/queue-pg';
import type { AssistRepository, SentimentModelRepository } from '@parley/domain';
import type { KnowledgeDeps } from '@parley/use-cases';
import { analyzeCustomerMessage, ASSIST, type AnalyzePayload } from './analyze-message.job.js';
import { autoTickChecklist, CHECKLIST, type ChecklistPayload } from './checklist.js';
import { SENTIMENT_TRAIN_QUEUE, trainSentimentJob, WorkspaceSentimentModels, type SentimentTrainPayload } from './sentiment-models.js';

/**
 * Wires the emotion cues, the workspace sentiment models and the checklist. Every process keeps
 * one cache of the trained sentiment models (`sentimentModels`, also given to the routes) and,
 * with workers, runs `nlu.sentiment_train`. Every process with workers turns `message.received`
 * into one durable `assist.analyze` job and an agent's or bot's public `message.created` into one
 * `assist.checklist` job (the idempotency key is the message id, so N processes hearing the same
 * bus event still enqueue one job) and runs those jobs. Neither sits in the receive or send path:
 * a slow or failing analysis cannot delay or lose a message.
 *
 * @example
 * const assist = await composeAssist({ store, clock, bus, worker, logger, kb, assist: pgAssistRepositoryFor, sentiment: pgSentimentModelRepositoryFor });
 */
export async function composeAssist(input: {
  store: Store;
  clock: Clock;
  bus: EventBus;
  worker: JobWorker | null;
  logger: Logger;
  kb: KnowledgeDeps;
  assist: (scope: object) => AssistRepository;
  sentiment: (scope: object) => SentimentModelRepository;
}): Promise<{ sentimentModels: WorkspaceSentimentModels; close(): Promise<void> }> {
  const { worker } = input;
  const sentimentModels = new WorkspaceSentimentModels({ store: input.store, repo: input.sentiment }, input.logger);
  if (!worker) return { sentimentModels, close: async () => undefined };
  worker.register<AnalyzePayload>(ASSIST.analyzeQueue, (job) => analyzeCustomerMessage({ ...input, sentiment: sentimentModels }, job));
  worker.register<SentimentTrainPayload>(SENTIMENT_TRAIN_QUEUE, (job) =>
    trainSentimentJob({ store: input.store, clock: input.clock, repo: input.sentiment }, job),
  );
  worker.register<ChecklistPayload>(CHECKLIST.queue, (job) => autoTickChecklist(input, job));
  const outgoing = await input.bus.subscribe('message.created', async (event) => {
    const p = event.payload as { conversationId?: unknown; messageId?: unknown; visibility?: unknown; authorKind?: unknown };
    if (typeof p.conversationId !== 'string' || typeof p.messageId !== 'string' || p.visibility !== 'public') return;
    if (p.authorKind !== 'agent' && p.authorKind !== 'bot') return;
    const payload: ChecklistPayload = { conversationId: p.conversationId, messageId: p.messageId };
    try {
      await input.store.transaction((tx) =>
        tx.enqueue({ queue: CHECKLIST.queue, workspaceId: event.workspaceId, payload, idempotencyKey: `checklist:${p.messageId as string}`, maxAttempts: 3 }),
      );
    } catch (err) {
      input.logger.warn({ err, messageId: p.messageId }, 'enqueuing the checklist match failed');
    }
  });
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
  return {
    sentimentModels,
    close: async () => {
      await subscription.unsubscribe();
      await outgoing.unsubscribe();
    },
  };
}
