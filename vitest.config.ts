import { defineConfig } from 'vitest/config';

// Unit and embedded-default tests: everything runs on PGlite and the in-process bus.
// Workspace packages resolve to their TypeScript sources through the "source" export condition.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/**/src/**/*.spec.ts', 'apps/**/src/**/*.spec.ts', 'apps/**/test/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.int.spec.ts', '**/*.e2e.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
