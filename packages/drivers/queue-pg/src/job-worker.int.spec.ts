import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@parley/storage-pg';
import { createTestDatabase } from '@parley/storage-pg/testing';
import { describeJobQueueSuite } from './testing/index.js';
import { enqueueJob } from './enqueue-job.js';
import { JobWorker } from './job-worker.js';

const silent = { warn: () => undefined, error: () => undefined };

if (!process.env.PARLEY_TEST_DATABASE_URL) {
  describe('job queue on postgres', () => {
    it.skip('needs PARLEY_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)', () => undefined);
  });
} else {
  describeJobQueueSuite('postgres');

  describe('two workers with separate pools on postgres', () => {
    let main: DatabaseHandle & { url?: string };
    let poolA: DatabaseHandle;
    let poolB: DatabaseHandle;

    beforeAll(async () => {
      main = await createTestDatabase('postgres');
      poolA = await openDatabase({ databaseUrl: main.url, poolSize: 4 });
      poolB = await openDatabase({ databaseUrl: main.url, poolSize: 4 });
    });
    afterAll(async () => {
      await poolA?.close();
      await poolB?.close();
      await main?.close();
    });

    it('runs 300 jobs over 30 keys exactly once each, one at a time per key, in order, despite failing heads', async () => {
      const queue = 'race';
      const workspaceId = randomUUID();
      const keys = Array.from({ length: 30 }, (_, i) => `conversation:${i}`);
      const expected = new Map<string, number[]>(keys.map((k) => [k, []]));
      // Interleave keys pseudo-randomly so that heads of different keys sit next to each other.
      for (let i = 0; i < 300; i += 1) {
        const key = keys[(i * 7 + (i % 11)) % keys.length] ?? 'conversation:0';
        const list = expected.get(key) ?? [];
        await enqueueJob(main.db, { queue, workspaceId, payload: { key, index: list.length, n: i }, orderingKey: key });
        list.push(i);
      }

      const completed = new Map<string, number[]>(keys.map((k) => [k, []]));
      const successes = new Map<number, number>();
      const inFlight = new Set<string>();
      const violations: string[] = [];
      const ranBy = { A: 0, B: 0 };
      let finished = 0;

      const handler = (name: 'A' | 'B') => async (job: { payload: { key: string; n: number }; attempt: number }) => {
        const { key, n } = job.payload;
        if (inFlight.has(key)) violations.push(`${key} ran twice at once (job ${n})`);
        inFlight.add(key);
        try {
          await new Promise((resolve) => setTimeout(resolve, n % 3));
          // Every 10th job fails on its first attempt: its followers must wait for the retry.
          if (n % 10 === 3 && job.attempt === 1) throw new Error('transient');
          completed.get(key)?.push(n);
          successes.set(n, (successes.get(n) ?? 0) + 1);
          ranBy[name] += 1;
          finished += 1;
        } finally {
          inFlight.delete(key);
        }
      };
      const options = { pollMs: 20, concurrency: 8, lockMs: 10_000, backoff: { baseMs: 5, factor: 2, maxMs: 20, jitter: 0.5 }, logger: silent };
      const a = new JobWorker({ ...options, db: poolA.db, workerId: 'A' }).register(queue, handler('A'));
      const b = new JobWorker({ ...options, db: poolB.db, workerId: 'B' }).register(queue, handler('B'));
      a.start();
      b.start();
      try {
        const deadline = Date.now() + 60_000;
        while (finished < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        await a.drain({ includeDelayed: true });
        await b.drain({ includeDelayed: true });
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }

      expect(violations).toEqual([]);
      expect(finished).toBe(300);
      expect([...successes.values()].every((count) => count === 1)).toBe(true);
      expect(successes.size).toBe(300);
      for (const key of keys) expect(completed.get(key)).toEqual(expected.get(key));
      expect(ranBy.A + ranBy.B).toBe(300);
      const statuses = await main.db.selectFrom('jobs').select(['status']).where('queue', '=', queue).execute();
      expect(statuses.every((r) => r.status === 'done')).toBe(true);
    });
  });
}
