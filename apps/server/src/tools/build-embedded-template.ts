#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { migrateToLatest, openDatabase } from '@parley/storage-pg';

// Run by the build (npm ci → prepare): a migrated, empty PGlite database saved as a dump, so
// that the first `npm start` copies it instead of running initdb (several seconds) and every
// migration. The server falls back to initdb when the file is missing.
export const TEMPLATE_PATH = fileURLToPath(new URL('../embedded-template.tar.gz', import.meta.url));

async function main(): Promise<void> {
  const handle = await openDatabase({});
  await migrateToLatest(handle.db as unknown as Kysely<unknown>);
  const dump = await handle.dumpDataDir?.();
  await handle.close();
  if (!dump) throw new Error('This database cannot be dumped');
  mkdirSync(dirname(TEMPLATE_PATH), { recursive: true });
  writeFileSync(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  console.log(`embedded database template written to ${TEMPLATE_PATH} (${dump.size} bytes)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
