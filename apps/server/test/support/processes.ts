import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built entry point: the suite runs the real `npm start`, not the TypeScript sources. */
export const SERVER_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** A free loopback port: bind port 0, read it, release it (the server gets it via PORT). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited (at once if it already has). */
  exited(): Promise<void>;
  /** Sends the signal and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerSpec {
  name: string;
  /** Added to (and overriding) the group's shared environment. */
  env?: Record<string, string>;
}

/**
 * Starts and tracks `node apps/server/dist/main.js` children. Their stdout/stderr go to one
 * shared, name-prefixed log that the suite prints when something fails; `killAll` (and, as a
 * last resort, the test process's own exit) makes sure no child outlives the suite.
 */
export class ServerProcesses {
  private readonly children = new Set<ServerProcess>();
  private readonly lines: string[] = [];
  private readonly onExit = (): void => {
    for (const p of this.children) if (isRunning(p.child)) p.child.kill('SIGKILL');
  };

  private readonly baseEnv: Record<string, string>;

  constructor(baseEnv: Record<string, string>) {
    // Login rate limits live in Redis in scale-out mode and key on the client IP, so every suite's
    // logins from 127.0.0.1 would share one budget: tests raise it (suites may override).
    this.baseEnv = { PARLEY_LOGIN_RATE_LIMIT: '10000', PARLEY_PUBLIC_RATE_LIMIT: '100000', ...baseEnv };
    if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npx tsc -b tsconfig.build.json\` first`);
    process.once('exit', this.onExit);
  }

  /** Spawns one server on a free port; it is not ready yet (see {@link waitReady}). */
  async spawn(name: string, env: Record<string, string> = {}): Promise<ServerProcess> {
    const port = await freePort();
    // A minimal environment: vitest's own variables (NODE_OPTIONS, VITEST…) must not leak in.
    const child = spawn(process.execPath, [SERVER_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        PARLEY_DATA_DIR: mkdtempSync(join(tmpdir(), `parley-${name}-`)),
        ...this.baseEnv,
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const capture = (stream: string) => (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(`[${name} ${stream}] ${line}`);
    };
    child.stdout?.on('data', capture('out'));
    child.stderr?.on('data', capture('err'));
    const exit = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        this.lines.push(`[${name}] exited (code ${code}, signal ${signal})`);
        resolve();
      });
    });
    const proc: ServerProcess = {
      name,
      url: `http://127.0.0.1:${port}`,
      child,
      exited: () => exit,
      kill: async (signal = 'SIGKILL') => {
        if (isRunning(child)) child.kill(signal);
        await exit;
      },
    };
    this.children.add(proc);
    return proc;
  }

  /** Spawns several servers at the same instant (they race on migrations and bootstrap), then waits for all to be ready. */
  async startAll<const S extends readonly ServerSpec[]>(specs: S, timeoutMs = 45_000): Promise<{ -readonly [K in keyof S]: ServerProcess }> {
    const procs = await Promise.all(specs.map((s) => this.spawn(s.name, s.env)));
    await Promise.all(procs.map((p) => waitReady(p, timeoutMs)));
    return procs as { -readonly [K in keyof S]: ServerProcess };
  }

  /** Everything the children printed so far. */
  log(): string {
    return this.lines.join('\n');
  }

  async killAll(): Promise<void> {
    await Promise.all([...this.children].map((p) => p.kill('SIGKILL')));
    process.removeListener('exit', this.onExit);
  }
}

/** Polls `/ready` until it answers 200; fails early if the process dies first. */
export async function waitReady(proc: ServerProcess, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void proc.exited().then(() => (died = true));
  for (;;) {
    if (died) throw new Error(`${proc.name} exited before it was ready`);
    try {
      const res = await fetch(`${proc.url}/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      await res.body?.cancel();
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${proc.name} was not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

export interface EventStream {
  events: SseEvent[];
  /** Resolves with the first event (already received or future) matching the predicate. */
  next(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/**
 * Opens `GET /api/v1/events/stream` with a Bearer token and parses `event:`/`data:` frames.
 * Resolves once the server's `: connected` comment arrived (the subscription is live).
 */
export async function openEventStream(baseUrl: string, token: string, timeoutMs = 10_000): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/events/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let onConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();

  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith(': connected')) onConnected();
          const parsed = parseFrame(frame);
          if (parsed) events.push(parsed);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // Aborted by close().
    }
  })();

  await withDeadline(connected, timeoutMs, 'event stream did not connect');
  return {
    events,
    next: (match, ms = 10_000) => {
      let check: () => void = () => undefined;
      const found = new Promise<SseEvent>((resolve) => {
        check = () => {
          const event = events.find(match);
          if (event) resolve(event);
        };
      });
      waiters.add(check);
      check();
      return withDeadline(found, ms, 'expected event not received').finally(() => waiters.delete(check));
    },
    close: () => abort.abort(),
  };
}

function parseFrame(frame: string): SseEvent | null {
  let event = 'message';
  let id: string | null = null;
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) continue; // comment (connected, ping)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, id, data: data.join('\n') } : null;
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms)));
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
