import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, testBackends } from './testing/index.js';
import { migrateToLatest } from './migrate.js';

describe.each(testBackends())('migrations on %s', (backend) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  afterAll(async () => handle?.close());

  it('creates every table and is idempotent on a second run', async () => {
    handle = await createTestDatabase(backend);
    const again = await migrateToLatest(handle.db as never);
    expect(again).toEqual([]);
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(handle.db);
    const names = tables.rows.map((r) => r.table_name);
    for (const t of ['workspaces', 'customers', 'conversations', 'messages', 'jobs', 'domain_events']) expect(names).toContain(t);
  });
});
