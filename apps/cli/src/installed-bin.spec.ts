import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'node_modules/.bin/parley');

// `npx parley` must resolve to the workspace's own bin after `npm ci`; without the link, npx
// would look the name up on the public registry instead.
describe('the installed parley command', () => {
  it.runIf(existsSync(join(root, 'apps/cli/dist/main.js')) || process.env.CI)('is linked by npm and runs the built CLI', async () => {
    expect(existsSync(bin)).toBe(true);
    const { stdout } = await run(bin, ['--help']);
    expect(stdout).toContain('nlu eval');
    expect(stdout).toContain('kb eval');
  });

  it.runIf(existsSync(join(root, 'apps/cli/dist/main.js')) || process.env.CI)('exits with 2 and the usage on an unknown command', async () => {
    const failure = await run(bin, ['nope']).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('Unknown command');
  });
});
