import type { Logger } from 'pino';
import type { Clock, EventBus, NewJob } from '@parley/kernel';
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
  const analyses = createAnalysisEnqueuer(input.store, input.logger);
  const subscription = await input.bus.subscribe('message.received', async (event) => {
    const p = event.payload as { conversationId?: unknown; customerId?: unknown; messageId?: unknown; text?: unknown };
    if (typeof p.conversationId !== 'string' || typeof p.messageId !== 'string' || typeof p.text !== 'string' || p.text.trim() === '') return;
    const payload: AnalyzePayload = { conversationId: p.conversationId, customerId: String(p.customerId ?? ''), messageId: p.messageId };
    analyses.add({ queue: ASSIST.analyzeQueue, workspaceId: event.workspaceId, payload, idempotencyKey: p.messageId, maxAttempts: 3 });
  });
  return {
    sentimentModels,
    close: async () => {
      await subscription.unsubscribe();
      await outgoing.unsubscribe();
      await analyses.drain();
    },
  };
}

/**
 * Enqueues the analysis jobs of the messages received in one loop turn in ONE transaction (a
 * batched ingest commits up to 64 messages at once, and one transaction per job was three
 * statements and a commit each). If that transaction fails, each job is tried in its own, so a
 * failure is logged for its own message only. Best effort, as before: the messages are stored.
 */
function createAnalysisEnqueuer(store: Store, logger: Logger) {
  const MAX_BATCH = 256;
  let pending: NewJob<AnalyzePayload>[] = [];
  let scheduled = false;
  let inFlight: Promise<void> = Promise.resolve();

  const warn = (err: unknown, job: NewJob<AnalyzePayload>) => logger.warn({ err, messageId: job.payload.messageId }, 'enqueuing the assist analysis failed');

  async function flush(jobs: NewJob<AnalyzePayload>[]): Promise<void> {
    try {
      await store.transaction(async (tx) => {
        for (const job of jobs) await tx.enqueue(job);
      });
    } catch (err) {
      if (jobs.length === 1) return warn(err, jobs[0] as NewJob<AnalyzePayload>);
      for (const job of jobs) {
        try {
          await store.transaction((tx) => tx.enqueue(job));
        } catch (error) {
          warn(error, job);
        }
      }
    }
  }

  function run(): void {
    scheduled = false;
    while (pending.length > 0) {
      const jobs = pending.slice(0, MAX_BATCH);
      pending = pending.slice(MAX_BATCH);
      inFlight = inFlight.then(() => flush(jobs));
    }
  }

  return {
    add(job: NewJob<AnalyzePayload>): void {
      pending.push(job);
      if (scheduled) return;
      scheduled = true;
      // After this loop turn's bus deliveries: the events of one commit land in one batch.
      setImmediate(run);
    },
    /** Resolves once every job added so far was tried. */
    async drain(): Promise<void> {
      if (scheduled) run();
      await inFlight;
    },
  };
}
