import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Clock, JobHandler, JobOutcome } from '@parley/kernel';
import type { Database, JobRow } from '@parley/storage-pg';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { claimJobs, extendJobLocks } from './claim-jobs.js';
import { sqlNow, toJob } from './job-row.js';
import { settleJob } from './settle-job.js';

/** The subset of a pino logger the worker uses. */
export interface JobWorkerLogger {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface JobWorkerOptions {
  db: Kysely<Database>;
  /** Unique per process; written to `locked_by`. Defaults to `host:pid:random`. */
  workerId?: string;
  /** Idle delay between claims when nothing wakes the worker. Default 1000. */
  pollMs?: number;
  /** Jobs run at the same time by this worker. Default 4. */
  concurrency?: number;
  /** Lock lifetime; renewed every lockMs/2 while the handler runs. A dead worker's jobs are reclaimed after it. Default 30000. */
  lockMs?: number;
  backoff?: Partial<BackoffOptions>;
  logger?: JobWorkerLogger;
  /** Test clock; by default the database clock decides what is due. */
  clock?: Clock;
}

export interface DrainOptions {
  /** Also wait for pending jobs whose backoff has not elapsed yet. Default false. */
  includeDelayed?: boolean;
  /** Reject after this long. Default 30000. */
  timeoutMs?: number;
}

interface ActiveJob {
  row: JobRow;
  done: Promise<void>;
}

const MAX_ERROR_LENGTH = 4_000;

const consoleLogger: JobWorkerLogger = {
  warn: (object, message) => console.warn(`[parley/queue] ${message}`, object),
  error: (object, message) => console.error(`[parley/queue] ${message}`, object),
};

/**
 * Runs jobs from the `jobs` table: claims due jobs with SKIP LOCKED, runs their queue's handler,
 * then records done / retry with backoff / dead letter. Several workers (in one or many
 * processes) can share the table; jobs with the same ordering key run one at a time, in order.
 * Delivery is at-least-once: a handler must tolerate a rerun after a crash (`job.id` is stable
 * across attempts and serves as the delivery id downstream).
 *
 * @example
 * const worker = new JobWorker({ db, concurrency: 8, backoff: { baseMs: 2_000 } });
 * worker.register<{ messageId: string }>('outbound', async (job) => {
 *   const result = await send(job.payload.messageId, { deliveryId: job.id });
 *   if (result.temporary) return { kind: 'retry', error: result.reason };
 * });
 * worker.start();
 * // after a local commit that enqueued a job:
 * worker.wake();
 * // on shutdown:
 * await worker.stop();
 */
export class JobWorker {
  readonly workerId: string;
  private readonly db: Kysely<Database>;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly lockMs: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: JobWorkerLogger;
  private readonly clock: Clock | undefined;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly active = new Map<string, ActiveJob>();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private wakeRequested = false;
  private wakeSleeper: (() => void) | undefined;

  constructor(options: JobWorkerOptions) {
    this.db = options.db;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.pollMs = options.pollMs ?? 1_000;
    this.concurrency = options.concurrency ?? 4;
    this.lockMs = options.lockMs ?? 30_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.logger = options.logger ?? consoleLogger;
    this.clock = options.clock;
    if (!(this.concurrency >= 1)) throw new RangeError('JobWorker: concurrency must be at least 1');
    if (!(this.lockMs >= 10)) throw new RangeError('JobWorker: lockMs must be at least 10');
  }

  /**
   * Sets the handler of a queue; only registered queues are claimed. The payload type is the
   * caller's promise: validate it in the handler if it comes from outside.
   */
  register<P>(queue: string, handler: JobHandler<P>): this {
    this.handlers.set(queue, handler as JobHandler);
    this.wake();
    return this;
  }

  /** Starts polling. Calling it on a running worker does nothing. */
  start(): void {
    if (this.running || this.stopping) return;
    this.running = true;
    this.heartbeat = setInterval(() => void this.extendLocks(), Math.max(5, Math.floor(this.lockMs / 2)));
    this.loopDone = this.loop();
  }

  /** Stops claiming, waits for the jobs in progress to finish and be recorded, then resolves. */
  stop(): Promise<void> {
    if (!this.running) return this.stopping ?? Promise.resolve();
    this.running = false;
    this.wake();
    this.stopping = (async () => {
      await this.loopDone;
      await Promise.allSettled([...this.active.values()].map((a) => a.done));
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
      this.stopping = undefined;
    })();
    return this.stopping;
  }

  /** Claims now instead of at the next poll; call it after committing a transaction that enqueued jobs. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeSleeper?.();
  }

  /**
   * For tests: resolves once this worker runs nothing and no job of its queues is due or running
   * anywhere (with `includeDelayed`, none is pending at all).
   */
  async drain(options: DrainOptions = {}): Promise<void> {
    if (!this.running) throw new Error('JobWorker.drain: the worker is not started');
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      if (this.active.size === 0 && !(await this.hasOutstandingJobs(options.includeDelayed ?? false))) return;
      if (Date.now() > deadline) throw new Error(`JobWorker.drain: jobs still outstanding after ${options.timeoutMs ?? 30_000} ms`);
      this.wake();
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, 10)));
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.wakeRequested = false;
      const free = this.concurrency - this.active.size;
      let claimed = 0;
      if (free > 0 && this.handlers.size > 0) {
        try {
          const rows = await claimJobs(this.db, { queues: [...this.handlers.keys()], workerId: this.workerId, limit: free, lockMs: this.lockMs, clock: this.clock });
          claimed = rows.length;
          for (const row of rows) this.track(row);
        } catch (error) {
          this.logger.error({ err: error, workerId: this.workerId }, 'job claim failed');
          await this.sleep(this.pollMs);
          continue;
        }
      }
      // A full batch probably means more is due; otherwise idle until polled, woken or a slot frees.
      if (!this.running || (claimed > 0 && claimed === free) || this.wakeRequested) continue;
      await this.sleep(this.pollMs);
    }
  }

  private track(row: JobRow): void {
    const key = `${row.id}:${row.attempts}`;
    const done = this.execute(row).finally(() => {
      this.active.delete(key);
      // A finished job may unblock the next job of its ordering key, and it frees a slot.
      this.wake();
    });
    this.active.set(key, { row, done });
  }

  private async execute(row: JobRow): Promise<void> {
    let outcome: JobOutcome;
    const handler = this.handlers.get(row.queue);
    if (row.attempts > row.max_attempts) {
      // Reclaimed after its last attempt died with its worker (e.g. it crashes the process):
      // running it again would loop forever.
      outcome = { kind: 'dead', error: row.last_error ?? 'Worker lost the job on its last attempt (lock expired)' };
    } else if (!handler) {
      outcome = { kind: 'retry', error: `No handler registered for queue ${row.queue}` };
    } else {
      try {
        outcome = (await handler(toJob(row))) ?? { kind: 'done' };
      } catch (error) {
        outcome = { kind: 'retry', error: describeError(error) };
      }
    }
    await this.record(row, outcome);
  }

  /** Records an outcome, retrying a few times over a database blip before leaving it to lock expiry. */
  private async record(row: JobRow, outcome: JobOutcome): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const status = await settleJob(this.db, row, outcome, { workerId: this.workerId, backoff: this.backoff, clock: this.clock });
        if (status === null) this.logger.warn({ jobId: row.id, queue: row.queue, attempt: row.attempts }, 'job lock was lost before completion; result dropped');
        else if (status === 'dead') this.logger.warn({ jobId: row.id, queue: row.queue, attempt: row.attempts, error: outcome.kind === 'done' ? undefined : outcome.error }, 'job moved to dead letter');
        return;
      } catch (error) {
        if (attempt >= 3) {
          this.logger.error({ err: error, jobId: row.id, queue: row.queue }, 'could not record job outcome; it will rerun after its lock expires');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  private async extendLocks(): Promise<void> {
    const ids = [...this.active.values()].map((a) => a.row.id);
    if (ids.length === 0) return;
    try {
      await extendJobLocks(this.db, { ids, workerId: this.workerId, lockMs: this.lockMs, clock: this.clock });
    } catch (error) {
      this.logger.error({ err: error, workerId: this.workerId }, 'job lock heartbeat failed');
    }
  }

  private async hasOutstandingJobs(includeDelayed: boolean): Promise<boolean> {
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return false;
    const now = sqlNow(this.clock);
    const result = await sql<{ outstanding: boolean }>`
      select exists (
        select 1 from jobs
        where queue = any(${queues}::text[])
          and (status = 'running' or (status = 'pending' and (${includeDelayed}::boolean or run_at <= ${now})))
      ) as outstanding
    `.execute(this.db);
    return result.rows[0]?.outstanding === true;
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        if (this.wakeSleeper === finish) this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wakeSleeper = finish;
    });
  }
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.stack ?? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
