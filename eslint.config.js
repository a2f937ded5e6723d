// ESLint flat config. Besides typescript-eslint's recommended rules, it enforces the
// dependency rule of docs/architecture.md with `no-restricted-imports`, one block per folder.
// package.json dependencies say what a package may use; these rules fail the build when the
// code reaches further.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TEST_FILES = ['**/*.spec.ts', '**/test/**', '**/src/testing/**', '**/src/bench/**'];

// A relative import into another package's src/ or dist/ (`../../storage-pg/src/schema.js`)
// would bypass the package's public entry point and the rules below.
const CROSS_PACKAGE_RELATIVE = {
  regex: '^(\\.\\./)+(?!src/|dist/)[^./][^/]*/(src|dist)(/|$)',
  message: "Import another package through its name ('@parley/…'), not a relative path into its src/ or dist/.",
};

// `@parley/<pkg>/testing` entry points (fixtures, contract suites) exist for tests only.
const TESTING_ENTRY = {
  group: ['@parley/*/testing'],
  message: 'Testing helpers are for tests only.',
};

/**
 * Allows only the listed workspace packages (`allow`) or bans the listed ones (`deny`) in
 * `files` (minus `except`). Production files also may not import testing entry points.
 * Blocks must not overlap: a later block's `no-restricted-imports` replaces an earlier one.
 */
function boundary(name, files, { allow, deny, why, except = [] }) {
  const group = allow ? ['@parley/*', ...allow.map((pkg) => `!${pkg}`)] : deny;
  const workspacePattern = { group, message: why };
  const rule = (patterns) => ['error', { patterns }];
  return [
    {
      name: `parley/boundaries/${name}`,
      files,
      ignores: [...TEST_FILES, ...except],
      rules: {
        'no-restricted-imports': rule([workspacePattern, TESTING_ENTRY, CROSS_PACKAGE_RELATIVE]),
      },
    },
    {
      name: `parley/boundaries/${name}/tests`,
      files: files.map((f) => f.replace(/\*\*$/, '')).flatMap((dir) => TEST_FILES.map((t) => `${dir}${t}`)),
      ignores: except,
      rules: {
        'no-restricted-imports': rule([workspacePattern, CROSS_PACKAGE_RELATIVE]),
      },
    },
  ];
}

export default defineConfig(
  {
    name: 'parley/ignores',
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/*.tsbuildinfo',
      '**/.tmp/**',
      'data/**',
      '.parley-data/**',
      '**/bench-results/**',
      '**/bench/results/**',
      '**/bench/out/**',
      '**/*.bench.json',
    ],
  },
  tseslint.configs.recommended,
  {
    name: 'parley/typescript',
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // No ts-ignore or ts-nocheck comments; ts-expect-error only with an issue link saying why.
      '@typescript-eslint/ban-ts-comment': [
        'error',
        {
          'ts-ignore': true,
          'ts-nocheck': true,
          'ts-check': false,
          'ts-expect-error': { descriptionFormat: '(https?://\\S+|#\\d+)' },
          minimumDescriptionLength: 10,
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    name: 'parley/tests',
    files: TEST_FILES,
    rules: {
      // Tests poke at loosely typed JSON bodies; warn so that it stays visible.
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The configuration is read once, by loadConfig, from the environment main.ts passes in.
    name: 'parley/config-from-env-only',
    files: ['packages/**/src/**/*.ts', 'apps/**/src/**/*.ts'],
    ignores: [...TEST_FILES, 'apps/*/src/main.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Add a variable to CONFIG_VARS (packages/kernel/src/config.ts) and receive it through ParleyConfig.',
        },
      ],
    },
  },

  // The dependency rule: apps → use-cases → domain → kernel. Drivers and channel adapters are
  // plugged in only by the apps (apps/server/src/compose.ts is the composition root).
  ...boundary('kernel', ['packages/kernel/**'], {
    allow: [],
    why: 'The kernel is the bottom layer: it imports no @parley package.',
  }),
  ...boundary('domain', ['packages/domain/**'], {
    allow: ['@parley/kernel'],
    why: 'Domain modules depend only on @parley/kernel: no drivers, adapters, use-cases or apps.',
  }),
  ...boundary('use-cases', ['packages/use-cases/**'], {
    allow: ['@parley/kernel', '@parley/domain', '@parley/channel-sdk', '@parley/routing', '@parley/kb', '@parley/bots', '@parley/nlu'],
    why: 'Use-cases depend only on the kernel, the domain, the channel SDK contract and the pure engines (routing, knowledge, bots, NLU); drivers and adapters are injected by the composition root.',
  }),
  ...boundary('routing', ['packages/routing/**'], {
    allow: ['@parley/kernel'],
    why: 'The routing core is pure: decisions from (state, event, now) behind a store port; at most the kernel.',
  }),
  ...boundary('channel-sdk', ['packages/channels/sdk/**'], {
    allow: ['@parley/kernel', '@parley/domain'],
    why: 'The channel SDK is a contract: it depends only on the kernel and the domain types.',
  }),
  ...boundary('channel-adapters', ['packages/channels/*/**'], {
    except: ['packages/channels/sdk/**', 'packages/channels/meta-graph/**'],
    allow: ['@parley/kernel', '@parley/domain', '@parley/channel-sdk', '@parley/http-outbound', '@parley/meta-graph'],
    why: 'A channel adapter translates: it uses the kernel, domain types, the channel SDK and the SSRF-guarded HTTP client, never use-cases, storage, other adapters or apps.',
  }),
  ...boundary('meta-graph', ['packages/channels/meta-graph/**'], {
    allow: ['@parley/kernel', '@parley/channel-sdk', '@parley/http-outbound'],
    why: "The Meta Graph helpers are shared by Meta's adapters; they import no adapter themselves.",
  }),
  ...boundary('drivers', ['packages/drivers/**'], {
    deny: ['@parley/use-cases', '@parley/server', '@parley/cli', '@parley/channel-*'],
    why: 'Drivers implement ports; they never import use-cases, channel adapters or apps.',
  }),
  ...boundary('kb', ['packages/kb/**'], {
    allow: ['@parley/kernel', '@parley/nlu'],
    why: 'The knowledge-base engine is a library: the kernel and the NLU text tools only.',
  }),
  ...boundary('bots', ['packages/bots/**'], {
    allow: ['@parley/kernel', '@parley/nlu'],
    why: 'The bot engine is pure: definitions and an interpreter over the NLU; actions come back as data.',
  }),
  ...boundary('nlu', ['packages/nlu/**'], {
    allow: ['@parley/kernel'],
    why: 'The NLU engine is a library: at most the kernel.',
  }),
  {
    name: 'parley/boundaries/apps',
    files: ['apps/**'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': ['error', { patterns: [TESTING_ENTRY, CROSS_PACKAGE_RELATIVE] }],
    },
  },
);
