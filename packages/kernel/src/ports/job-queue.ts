/** A durable unit of work (bot turn, routing, outbound delivery, indexing). */
export interface Job<P = unknown> {
  id: string;
  queue: string;
  workspaceId: string;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /** Jobs sharing an ordering key run one at a time, in enqueue order; a retry is never overtaken. */
  orderingKey: string | null;
  idempotencyKey: string | null;
  createdAt: Date;
}

export interface EnqueueOptions {
  orderingKey?: string | null;
  /** A second enqueue with the same (queue, idempotencyKey) is ignored and returns the first job's id. */
  idempotencyKey?: string | null;
  maxAttempts?: number;
  /** Earliest time to run. */
  runAt?: Date;
}

export interface NewJob<P = unknown> extends EnqueueOptions {
  queue: string;
  workspaceId: string;
  payload: P;
}

/** What a handler may ask for instead of throwing: retry later, or give up now. */
export type JobOutcome = { kind: 'done' } | { kind: 'retry'; error: string; delayMs?: number } | { kind: 'dead'; error: string };

export type JobHandler<P = unknown> = (job: Job<P>) => Promise<JobOutcome | void>;
