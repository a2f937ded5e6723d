import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Database } from './schema.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Kysely handle plus what the rest of the process needs to know about it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Round trip to check the database answers (readiness probe). */
  ping(): Promise<void>;
  /** PGlite only: a gzip tarball of the whole database (templates, fixtures). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite folder; `undefined` or `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  /** A PGlite dump (from `dumpDataDir`) to start from; test fixtures use it to skip initdb and migrations. */
  loadDataDir?: Blob | File;
  /**
   * A migrated PGlite dump to start a NEW data folder from (built with the app): skips initdb,
   * which takes several seconds, on the very first start. Ignored when the folder has data.
   */
  initialDump?: () => Promise<Blob | null>;
}

// pg returns int8 as string by default; our bigint columns (sequence numbers, counters) fit in a JS number.
pg.types.setTypeParser(20, (value: string) => Number(value));

/**
 * Opens PGlite (embedded, nothing to install) or a PostgreSQL server through one Kysely
 * dialect, so repositories run the same SQL on both.
 *
 * @example
 * const { db, close } = await openDatabase({ dataDir: './data' });
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => db.destroy(),
    };
  }

  let lock: DataDirLock | undefined;
  const inMemory = !options.dataDir || options.dataDir.startsWith('memory://');
  if (!inMemory && options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    lock = acquireDataDirLock(options.dataDir);
  }
  const pgdata = inMemory ? undefined : `${options.dataDir}/pgdata`;
  const fresh = pgdata !== undefined && (!existsSync(pgdata) || readdirSync(pgdata).length === 0);
  const seed = options.loadDataDir ?? (fresh && options.initialDump ? await options.initialDump() : null);
  const pglite = await PGlite.create(pgdata, { ...(seed ? { loadDataDir: seed } : {}) });
  // PGlite is one connection: a pool of one keeps transactions isolated.
  const pool = new pg.Pool({ ...(createPgConfig(pglite) as pg.PoolConfig), max: 1 });
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await pglite.query('select 1');
    },
    dumpDataDir: async () => (await pglite.dumpDataDir('gzip')) as Blob,
    close: async () => {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}
