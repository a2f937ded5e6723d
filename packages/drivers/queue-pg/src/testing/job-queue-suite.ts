import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ManualClock, type Job, type JobHandler } from '@parley/kernel';
import type { DatabaseHandle } from '@parley/storage-pg';
import { createTestDatabase, type TestBackend } from '@parley/storage-pg/testing';
import { enqueueJob } from '../enqueue-job.js';
import { JobWorker, type JobWorkerOptions } from '../job-worker.js';
import { listDeadJobs, queueStats, retryDeadJob } from '../job-inspection.js';

const silent = { warn: () => undefined, error: () => undefined };

/**
 * The queue's behaviour on one backend; `job-worker.spec.ts` runs it on PGlite and
 * `job-worker.int.spec.ts` on PostgreSQL. Each test uses its own queue names.
 *
 * @example
 * describeJobQueueSuite('pglite');
 */
export function describeJobQueueSuite(backend: TestBackend): void {
  describe(`job queue on ${backend}`, () => {
    let handle: DatabaseHandle;
    const workers: JobWorker[] = [];
    const workspaceId = randomUUID();

    beforeAll(async () => {
      handle = await createTestDatabase(backend);
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
    });
    afterAll(async () => {
      await handle?.close();
    });

    const worker = (options: Partial<JobWorkerOptions> = {}): JobWorker => {
      const w = new JobWorker({
        db: handle.db,
        pollMs: 50,
        concurrency: 4,
        lockMs: 5_000,
        backoff: { baseMs: 10, factor: 2, maxMs: 100, jitter: 0 },
        logger: silent,
        ...options,
      });
      workers.push(w);
      return w;
    };
    const queue = (): string => `q-${randomUUID().slice(0, 8)}`;
    const rowOf = (id: string) => handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('runs a job enqueued in a committed transaction and nothing from a rolled-back one', async () => {
      const q = queue();
      const seen: string[] = [];
      await expect(
        handle.db.transaction().execute(async (trx) => {
          await enqueueJob(trx, { queue: q, workspaceId, payload: { n: 'rolled back' } });
          throw new Error('domain write failed');
        }),
      ).rejects.toThrow('domain write failed');
      const { id } = await handle.db.transaction().execute((trx) => enqueueJob(trx, { queue: q, workspaceId, payload: { n: 'committed' } }));
      const w = worker().register<{ n: string }>(q, async (job) => void seen.push(job.payload.n));
      w.start();
      await w.drain();
      expect(seen).toEqual(['committed']);
      const rows = await handle.db.selectFrom('jobs').select(['id', 'status', 'attempts', 'locked_by']).where('queue', '=', q).execute();
      expect(rows).toEqual([{ id, status: 'done', attempts: 1, locked_by: null }]);
    });

    it('dedupes on (queue, idempotency key) and returns the first job id', async () => {
      const q = queue();
      const first = await enqueueJob(handle.db, { queue: q, workspaceId, payload: 1, idempotencyKey: 'send:42' });
      const second = await enqueueJob(handle.db, { queue: q, workspaceId, payload: 2, idempotencyKey: 'send:42' });
      const otherQueue = await enqueueJob(handle.db, { queue: queue(), workspaceId, payload: 3, idempotencyKey: 'send:42' });
      expect(first.created).toBe(true);
      expect(second).toEqual({ id: first.id, created: false });
      expect(otherQueue.created).toBe(true);
      const payloads: unknown[] = [];
      const w = worker().register(q, async (job) => void payloads.push(job.payload));
      w.start();
      await w.drain();
      expect(payloads).toEqual([1]);
    });

    it('dedupes inside one transaction too, and a rolled-back job frees its key', async () => {
      const q = queue();
      const [first, second] = await handle.db
        .transaction()
        .execute(async (trx) => [
          await enqueueJob(trx, { queue: q, workspaceId, payload: 1, idempotencyKey: 'k' }),
          await enqueueJob(trx, { queue: q, workspaceId, payload: 2, idempotencyKey: 'k' }),
        ]);
      expect(first?.created).toBe(true);
      expect(second).toEqual({ id: first?.id, created: false });
      const other = queue();
      await expect(
        handle.db.transaction().execute(async (trx) => {
          await enqueueJob(trx, { queue: other, workspaceId, payload: 1, idempotencyKey: 'k' });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect((await enqueueJob(handle.db, { queue: other, workspaceId, payload: 2, idempotencyKey: 'k' })).created).toBe(true);
    });

    it('retries with exponential backoff, keeping the job id, then succeeds', async () => {
      const q = queue();
      const { id } = await enqueueJob(handle.db, { queue: q, workspaceId, payload: null, maxAttempts: 5 });
      const runs: Array<{ id: string; attempt: number; at: number }> = [];
      const w = worker({ backoff: { baseMs: 40, factor: 2, maxMs: 1_000, jitter: 0 } }).register(q, async (job) => {
        runs.push({ id: job.id, attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
      });
      w.start();
      await w.drain({ includeDelayed: true });
      expect(runs.map((r) => [r.id, r.attempt])).toEqual([
        [id, 1],
        [id, 2],
        [id, 3],
      ]);
      const [r1, r2, r3] = runs;
      // 40 ms then 80 ms; a few ms of slack for the database and timer clocks.
      expect((r2?.at ?? 0) - (r1?.at ?? 0)).toBeGreaterThanOrEqual(35);
      expect((r3?.at ?? 0) - (r2?.at ?? 0)).toBeGreaterThanOrEqual(75);
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: 'done', attempts: 3, locked_by: null, locked_until: null });
      expect(row.last_error).toContain('flaky 2');
      expect(row.finished_at).toBeInstanceOf(Date);
    });

    it('honours a retry outcome with an explicit delay', async () => {
      const q = queue();
      await enqueueJob(handle.db, { queue: q, workspaceId, payload: null });
      const at: number[] = [];
      const w = worker().register(q, async (job) => {
        at.push(Date.now());
        return job.attempt === 1 ? { kind: 'retry', error: 'rate limited', delayMs: 150 } : undefined;
      });
      w.start();
      await w.drain({ includeDelayed: true });
      expect(at).toHaveLength(2);
      expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(140);
    });

    it('dead-letters after max attempts, lists it, and can retry it', async () => {
      const q = queue();
      const { id } = await enqueueJob(handle.db, { queue: q, workspaceId, payload: null, maxAttempts: 2 });
      let fail = true;
      let calls = 0;
      const w = worker().register(q, async () => {
        calls += 1;
        if (fail) throw new Error('permanent');
      });
      w.start();
      await w.drain({ includeDelayed: true });
      expect(calls).toBe(2);
      expect(await rowOf(id)).toMatchObject({ status: 'dead', attempts: 2 });
      const dead = await listDeadJobs(handle.db, { queue: q });
      expect(dead.map((d) => d.id)).toEqual([id]);
      expect(dead[0]?.lastError).toContain('permanent');
      expect((await queueStats(handle.db)).find((s) => s.queue === q)).toEqual({ queue: q, pending: 0, running: 0, dead: 1, done: 0 });

      fail = false;
      expect(await retryDeadJob(handle.db, id)).toBe(true);
      expect(await retryDeadJob(handle.db, id)).toBe(false);
      w.wake();
      await w.drain();
      expect(calls).toBe(3);
      expect(await rowOf(id)).toMatchObject({ status: 'done', attempts: 1 });
    });

    it('dead-letters at once on a dead outcome, and a dead job no longer blocks its key', async () => {
      const q = queue();
      const key = `k-${randomUUID()}`;
      const first = await enqueueJob(handle.db, { queue: q, workspaceId, payload: 1, orderingKey: key });
      await enqueueJob(handle.db, { queue: q, workspaceId, payload: 2, orderingKey: key });
      const seen: unknown[] = [];
      const w = worker().register(q, async (job) => {
        seen.push(job.payload);
        return job.payload === 1 ? { kind: 'dead', error: 'invalid recipient' } : undefined;
      });
      w.start();
      await w.drain();
      expect(seen).toEqual([1, 2]);
      expect(await rowOf(first.id)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'invalid recipient' });
    });

    it('keeps per-key FIFO behind a failing head while other keys proceed', async () => {
      const q = queue();
      const log: string[] = [];
      await enqueueJob(handle.db, { queue: q, workspaceId, payload: 'K-1', orderingKey: 'K' });
      await enqueueJob(handle.db, { queue: q, workspaceId, payload: 'K-2', orderingKey: 'K' });
      await enqueueJob(handle.db, { queue: q, workspaceId, payload: 'L-1', orderingKey: 'L' });
      await enqueueJob(handle.db, { queue: q, workspaceId, payload: 'free', orderingKey: null });
      const w = worker({ backoff: { baseMs: 60, factor: 1, maxMs: 60, jitter: 0 } }).register<string>(q, async (job) => {
        if (job.payload === 'K-1' && job.attempt < 3) {
          log.push(`K-1 failed #${job.attempt}`);
          throw new Error('head fails');
        }
        log.push(`${job.payload} ok`);
      });
      w.start();
      await w.drain({ includeDelayed: true });
      expect(log.filter((l) => l.startsWith('K'))).toEqual(['K-1 failed #1', 'K-1 failed #2', 'K-1 ok', 'K-2 ok']);
      // Other keys are not held up by K's backoff.
      expect(log.indexOf('L-1 ok')).toBeLessThan(log.indexOf('K-1 ok'));
      expect(log.indexOf('free ok')).toBeLessThan(log.indexOf('K-1 ok'));
    });

    it('reclaims the job of a crashed worker once its lock expires, keeping its id', async () => {
      const q = queue();
      const { id } = await enqueueJob(handle.db, { queue: q, workspaceId, payload: null, orderingKey: 'crash' });
      const behind = await enqueueJob(handle.db, { queue: q, workspaceId, payload: null, orderingKey: 'crash' });
      // What a worker that died mid-job leaves behind.
      await handle.db
        .updateTable('jobs')
        .set({ status: 'running', attempts: 1, locked_by: 'dead-worker', locked_until: sql<Date>`now() - interval '1 second'` })
        .where('id', '=', id)
        .execute();
      const runs: Array<Pick<Job, 'id' | 'attempt'>> = [];
      const w = worker({ workerId: 'survivor' }).register(q, async (job) => void runs.push({ id: job.id, attempt: job.attempt }));
      w.start();
      await w.drain();
      expect(runs).toEqual([
        { id, attempt: 2 },
        { id: behind.id, attempt: 1 },
      ]);
      expect(await rowOf(id)).toMatchObject({ status: 'done', locked_by: null });
    });

    it('does not rerun a reclaimed job whose last attempt was lost', async () => {
      const q = queue();
      const { id } = await enqueueJob(handle.db, { queue: q, workspaceId, payload: null, maxAttempts: 1 });
      await handle.db
        .updateTable('jobs')
        .set({ status: 'running', attempts: 1, locked_by: 'dead-worker', locked_until: sql<Date>`now() - interval '1 second'` })
        .where('id', '=', id)
        .execute();
      let calls = 0;
      const w = worker().register(q, async () => void (calls += 1));
      w.start();
      await w.drain();
      expect(calls).toBe(0);
      expect(await rowOf(id)).toMatchObject({ status: 'dead' });
    });

    it('extends the lock of a long job so that another worker does not steal it', async () => {
      const q = queue();
      const { id } = await enqueueJob(handle.db, { queue: q, workspaceId, payload: null });
      const runs: string[] = [];
      const handler: JobHandler = async (job) => {
        runs.push(`${job.id}#${job.attempt}`);
        await new Promise((resolve) => setTimeout(resolve, 800)); // several lock lifetimes
      };
      const a = worker({ lockMs: 300, pollMs: 20 }).register(q, handler);
      const b = worker({ lockMs: 300, pollMs: 20 }).register(q, handler);
      a.start();
      b.start();
      await a.drain();
      await b.drain();
      expect(runs).toEqual([`${id}#1`]);
    });

    it('wake() runs a fresh job without waiting for the poll interval', async () => {
      const q = queue();
      let ranAt = 0;
      const w = worker({ pollMs: 60_000 }).register(q, async () => void (ranAt = Date.now()));
      w.start();
      await new Promise((resolve) => setTimeout(resolve, 30)); // let the first (empty) claim pass
      await handle.db.transaction().execute((trx) => enqueueJob(trx, { queue: q, workspaceId, payload: null }));
      const committedAt = Date.now();
      w.wake();
      const deadline = Date.now() + 5_000;
      while (ranAt === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(ranAt).toBeGreaterThan(0);
      expect(ranAt - committedAt).toBeLessThan(2_000);
    });

    it('stop() waits for running jobs and records them', async () => {
      const q = queue();
      const { id } = await enqueueJob(handle.db, { queue: q, workspaceId, payload: null });
      let started = false;
      const w = worker().register(q, async () => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 150));
      });
      w.start();
      while (!started) await new Promise((resolve) => setTimeout(resolve, 5));
      await w.stop();
      expect(await rowOf(id)).toMatchObject({ status: 'done' });
    });

    it('decides what is due with an injected clock', async () => {
      const q = queue();
      const clock = new ManualClock(new Date(Date.now() + 3_600_000));
      await enqueueJob(handle.db, { queue: q, workspaceId, payload: null, runAt: new Date(clock.now().getTime() + 60_000) });
      const jobs: Job[] = [];
      const w = worker({ clock }).register(q, async (job) => void jobs.push(job));
      w.start();
      await w.drain();
      expect(jobs).toHaveLength(0);
      clock.advance(60_000);
      await w.drain();
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ queue: q, workspaceId, attempt: 1, maxAttempts: 10, orderingKey: null, idempotencyKey: null, payload: null });
      expect(jobs[0]?.createdAt).toBeInstanceOf(Date);
    });

    it('reports counts per queue and status', async () => {
      const q = queue();
      await enqueueJob(handle.db, { queue: q, workspaceId, payload: null });
      await enqueueJob(handle.db, { queue: q, workspaceId, payload: null, runAt: new Date(Date.now() + 60_000) });
      const stats = await queueStats(handle.db);
      expect(stats.find((s) => s.queue === q)).toEqual({ queue: q, pending: 2, running: 0, dead: 0, done: 0 });
    });

    it('rejects invalid enqueue options', async () => {
      await expect(enqueueJob(handle.db, { queue: queue(), workspaceId, payload: null, maxAttempts: 0 })).rejects.toThrow(TypeError);
    });
  });
}
