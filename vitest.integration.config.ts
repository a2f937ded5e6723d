import { defineConfig } from 'vitest/config';

// Scale-out suites: PostgreSQL + Redis, several server processes. `.ci/run` sets
// PARLEY_TEST_DATABASE_URL and PARLEY_TEST_REDIS_URL after making sure both servers are up.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    // The *.int.spec.ts suites, plus the server's HTTP suites run again on PostgreSQL + Redis.
    include: ['packages/**/src/**/*.int.spec.ts', 'apps/**/src/**/*.int.spec.ts', 'apps/**/test/**/*.int.spec.ts', 'apps/server/test/*.spec.ts'],
    // These are about the embedded default: its files surviving a restart, and the first start with nothing configured.
    exclude: ['**/node_modules/**', '**/dist/**', 'apps/server/test/ingest-durability.spec.ts', 'apps/server/test/first-start.spec.ts'],
    env: { PARLEY_TEST_BACKEND: 'postgres' },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
