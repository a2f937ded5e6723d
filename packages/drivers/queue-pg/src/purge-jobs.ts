import { sql, type Kysely } from 'kysely';
import type { Database } from '@parley/storage-pg';

/**
 * Deletes finished jobs (done) older than the retention, so the table stays small. Dead jobs
 * are kept longer (they are the dead-letter queue someone may want to inspect or retry).
 *
 * @example
 * await purgeFinishedJobs(db, { doneOlderThanMs: 7 * 86_400_000, deadOlderThanMs: 30 * 86_400_000 });
 */
export async function purgeFinishedJobs(db: Kysely<Database>, options: { doneOlderThanMs: number; deadOlderThanMs: number }): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('finished_at', '<', sql<Date>`now() - make_interval(secs => ${options.doneOlderThanMs / 1000})`)]),
        eb.and([eb('status', '=', 'dead'), eb('finished_at', '<', sql<Date>`now() - make_interval(secs => ${options.deadOlderThanMs / 1000})`)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
