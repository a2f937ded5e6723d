import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

/**
 * Runs pending migrations. Kysely's Postgres adapter takes an advisory lock for the run, so
 * two processes starting together do not race; the second waits, then finds nothing to do.
 *
 * @example
 * await migrateToLatest(db);
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
  const migrator = new Migrator({ db, provider, migrationTableName: 'parley_migrations', migrationLockTableName: 'parley_migrations_lock',
    // Features land in parallel branches: a migration numbered below one already applied must still run.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
