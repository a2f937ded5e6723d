import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { openDatabase, type DatabaseHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { MIGRATIONS } from '../migrations/index.js';

export type TestBackend = 'pglite' | 'postgres';

/**
 * A migrated, empty database for one test file. PGlite starts from a migrated dump cached in
 * the temp folder (about 1 s instead of 5–7 s for initdb + migrations); PostgreSQL gets a fresh
 * database named after a random suffix, dropped on close.
 *
 * @example
 * const handle = await createTestDatabase('pglite');
 * afterAll(() => handle.close());
 */
export async function createTestDatabase(backend: TestBackend = 'pglite', serverUrl = process.env.PARLEY_TEST_DATABASE_URL): Promise<DatabaseHandle & { url?: string }> {
  if (backend === 'postgres') {
    if (!serverUrl) throw new Error('PARLEY_TEST_DATABASE_URL is not set');
    const name = `parley_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const url = withDatabase(serverUrl, name);
    const handle = await openDatabase({ databaseUrl: url, poolSize: 10 });
    await migrateToLatest(handle.db as Kysely<unknown>);
    return {
      ...handle,
      url,
      close: async () => {
        await handle.close();
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dump = await migratedDump();
  return openDatabase({ loadDataDir: new Blob([dump]) });
}

/**
 * A fresh, empty (unmigrated) PostgreSQL database, for suites that start real server processes
 * which migrate it themselves. `drop()` removes it even while connections remain.
 *
 * @example
 * const { url, drop } = await createEmptyPostgresDatabase(process.env.PARLEY_TEST_DATABASE_URL!);
 */
export async function createEmptyPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `parley_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  return { url: withDatabase(serverUrl, name), drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`) };
}

/** Which backends a repository suite should run on: PGlite always, PostgreSQL when configured. */
export function testBackends(): TestBackend[] {
  return process.env.PARLEY_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const [name, migration] of Object.entries(MIGRATIONS)) hash.update(name).update(String(migration.up));
  return hash.digest('hex').slice(0, 16);
}

async function migratedDump(): Promise<Buffer> {
  const path = join(tmpdir(), `parley-pglite-${migrationsFingerprint()}.tar.gz`);
  if (existsSync(path)) return readFileSync(path);
  const pglite = await PGlite.create();
  const pool = new pg.Pool({ ...(createPgConfig(pglite) as pg.PoolConfig), max: 1 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db);
  await db.destroy();
  const blob = await pglite.dumpDataDir('gzip');
  await pglite.close();
  const bytes = Buffer.from(await blob.arrayBuffer());
  // Write then rename so that parallel test files never read a half-written dump.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
  return bytes;
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
