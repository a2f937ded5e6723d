import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_MAIN, ServerProcesses, type ServerProcess } from './support/processes.js';

// The "done when": after `npm ci` (which builds), `npm start` on an empty data folder answers
// /health within 20 s and prints the generated administrator password once. This runs the built
// server (`node apps/server/dist/main.js`, as `npm start` does) with nothing configured but the
// data folder and the port: embedded PGlite, in-process bus, generated secret key.
const built = existsSync(SERVER_MAIN);
// In CI `npm ci` has built it: a missing build is a failure there, not a silent skip.
if (!built && process.env.CI) throw new Error(`first start cannot run: ${SERVER_MAIN} is missing (run npm run build)`);

const HEALTH_WITHIN_MS = 20_000;
const PASSWORD_LINE = /Administrator: (\S+)\s+password: (\S+)/;

describe.skipIf(!built)('first start of the built server on an empty data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-first-start-'));
  // No DATABASE_URL, REDIS_URL, PARLEY_SECRET_KEY or admin variables: ServerProcesses passes only PATH,
  // PORT, HOST and what is given here.
  const processes = new ServerProcesses({ LOG_LEVEL: 'info' });
  afterAll(async () => {
    await processes.killAll();
  }, 30_000);

  function output(name: string): string[] {
    return processes
      .log()
      .split('\n')
      .filter((line) => line.startsWith(`[${name} `));
  }

  /** Polls /health from the spawn on; fails when the process dies or the deadline passes. */
  async function healthWithin(proc: ServerProcess, ms: number): Promise<number> {
    const started = Date.now();
    let died = false;
    void proc.exited().then(() => (died = true));
    for (;;) {
      if (died) throw new Error(`${proc.name} exited before /health answered:\n${processes.log()}`);
      try {
        const res = await fetch(`${proc.url}/health`, { signal: AbortSignal.timeout(2_000) });
        await res.body?.cancel();
        if (res.status === 200) return Date.now() - started;
      } catch {
        // Not listening yet.
      }
      if (Date.now() - started > ms) throw new Error(`${proc.name}: no /health after ${ms} ms:\n${processes.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function login(url: string, email: string, password: string): Promise<{ status: number; workspaceId?: string }> {
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { workspaceId?: string };
    return { status: res.status, ...(body.workspaceId ? { workspaceId: body.workspaceId } : {}) };
  }

  async function stop(proc: ServerProcess): Promise<void> {
    // SIGTERM: the clean shutdown of `npm start` (PGlite closed, data folder lock released).
    await proc.kill('SIGTERM');
    expect(proc.child.exitCode, processes.log()).toBe(0);
  }

  it('answers /health within 20 s, prints the generated admin password once, and a restart reuses workspace and admin', async () => {
    const first = await processes.spawn('first', { PARLEY_DATA_DIR: dataDir });
    const elapsed = await healthWithin(first, HEALTH_WITHIN_MS);
    expect(elapsed).toBeLessThan(HEALTH_WITHIN_MS);

    // The password line is written before the server listens, so it is there once /health answers.
    const lines = output('first');
    const passwordLines = lines.filter((line) => PASSWORD_LINE.test(line));
    expect(passwordLines, processes.log()).toHaveLength(1);
    expect(passwordLines[0]?.startsWith('[first out]')).toBe(true);
    const [, email, password] = PASSWORD_LINE.exec(passwordLines[0] as string) ?? [];
    expect(email).toBe('admin@parley.local');
    expect(password).toMatch(/^\S{16,}$/);
    // Printed once, and nowhere else: not in the logs on stdout or stderr.
    expect(lines.filter((line) => line.includes(password as string))).toHaveLength(1);

    const loggedIn = await login(first.url, email as string, password as string);
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.workspaceId).toBeTruthy();
    expect((await login(first.url, email as string, 'not the password')).status).toBe(401);
    await stop(first);

    // Second start on the same folder: the same workspace and admin, no new password.
    const second = await processes.spawn('second', { PARLEY_DATA_DIR: dataDir });
    await healthWithin(second, HEALTH_WITHIN_MS);
    const again = await login(second.url, email as string, password as string);
    expect(again).toEqual({ status: 200, workspaceId: loggedIn.workspaceId });
    const secondLines = output('second');
    expect(
      secondLines.filter((line) => /password:/i.test(line)),
      processes.log(),
    ).toEqual([]);
    expect(secondLines.filter((line) => line.includes(password as string))).toEqual([]);
    // The secret key generated on the first start is reused too (sealed channel secrets stay readable).
    expect(output('first').some((line) => line.includes('Generated a secret key'))).toBe(true);
    expect(secondLines.some((line) => line.includes('Generated a secret key'))).toBe(false);
    await stop(second);
  }, 90_000);
});
