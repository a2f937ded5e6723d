/**
 * Web chat benchmark: N concurrent widget socket.io clients each send M messages through one
 * in-process Parley server (PGlite, the product default) while one agent socket receives them.
 * Reports messages/s, customer→agent latency (p50/p99) and server memory per connection, beside
 * a bare socket.io relay server measured in the same run with the same clients.
 *
 *   npm run bench:widget -- [--clients 200] [--messages 10] [--transport websocket|polling]
 *
 * The widget clients run in a child process, so the memory figures are the server's alone.
 * A widget may send 30 messages per 10 s (the per-socket flood limit): keep --messages ≤ 30.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { generateKeyringEntry, loadConfig } from '@parley/kernel';
import { composeServer } from '@parley/server';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    messages: { type: 'string', default: '10' },
    transport: { type: 'string', default: 'websocket' },
    role: { type: 'string', default: 'main' },
  },
});
const CLIENTS = positive('clients');
const MESSAGES = positive('messages');
const TRANSPORT = args.transport === 'polling' ? 'polling' : 'websocket';
const ADMIN_EMAIL = 'bench@parley.local';
const ADMIN_PASSWORD = 'bench password 1234';

function positive(name: 'clients' | 'messages'): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** Epoch milliseconds with sub-millisecond precision, comparable across the two processes. */
const now = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// The client process: opens the widget sockets and sends on command.

type Command = { cmd: 'connect'; url: string; kind: 'parley' | 'bare'; channelId?: string } | { cmd: 'send' } | { cmd: 'close' };
type Report = { ev: 'connected'; ms: number } | { ev: 'sent'; ms: number; failed: number } | { ev: 'closed' } | { ev: 'error'; message: string };

async function clientProcess(): Promise<void> {
  let sockets: Socket[] = [];
  let kind: 'parley' | 'bare' = 'parley';
  const reply = (report: Report) => process.send?.(report);
  process.on('message', (command: Command) => {
    void (async () => {
      if (command.cmd === 'connect') {
        kind = command.kind;
        const started = now();
        sockets = await Promise.all(
          Array.from({ length: CLIENTS }, () => {
            const socket = io(`${command.url}/${kind === 'parley' ? 'widget' : 'bare'}`, {
              path: '/socket.io',
              transports: [TRANSPORT],
              forceNew: true,
              reconnection: false,
              auth: kind === 'parley' ? { channelId: command.channelId } : { role: 'visitor' },
            });
            return new Promise<Socket>((resolve, reject) => {
              socket.once('connect_error', reject);
              // Parley is ready for a visitor once its session arrived; the bare server at connect.
              if (kind === 'parley') socket.once('session', () => resolve(socket));
              else socket.once('connect', () => resolve(socket));
            });
          }),
        );
        reply({ ev: 'connected', ms: now() - started });
      } else if (command.cmd === 'send') {
        const started = now();
        let failed = 0;
        await Promise.all(
          sockets.map(async (socket, c) => {
            for (let m = 0; m < MESSAGES; m++) {
              const text = `t=${now()} client ${c} message ${m}`;
              const ack =
                kind === 'parley'
                  ? await socket.timeout(30_000).emitWithAck('message:send', { clientMessageId: `c${c}-m${m}`, text })
                  : await socket.timeout(30_000).emitWithAck('msg', { text });
              if (!(ack as { ok: boolean }).ok) failed++;
            }
          }),
        );
        reply({ ev: 'sent', ms: now() - started, failed });
      } else {
        for (const s of sockets) s.close();
        sockets = [];
        reply({ ev: 'closed' });
      }
    })().catch((error: unknown) => reply({ ev: 'error', message: String(error) }));
  });
}

// ---------------------------------------------------------------------------------------------
// The main process: servers, the agent socket, measurements.

function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const gc = gcFunction();

function memory(): { rss: number; heap: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

class Clients {
  private readonly child: ChildProcess;
  private waiting: ((r: Report) => void) | null = null;
  constructor() {
    this.child = fork(
      fileURLToPath(import.meta.url),
      ['--role', 'clients', '--clients', String(CLIENTS), '--messages', String(MESSAGES), '--transport', TRANSPORT],
      { execArgv: process.execArgv, stdio: 'inherit' },
    );
    this.child.on('message', (r: Report) => this.waiting?.(r));
  }
  ask(command: Command): Promise<Report> {
    return new Promise((resolve, reject) => {
      this.waiting = (r) => (r.ev === 'error' ? reject(new Error(r.message)) : resolve(r));
      this.child.send(command);
    });
  }
  stop(): void {
    this.child.kill();
  }
}

interface RunResult {
  name: string;
  messagesPerSecond: number;
  p50: number;
  p99: number;
  rssPerClient: number;
  heapPerClient: number;
  connectMs: number;
  failed: number;
}

/** Waits until the agent saw every message; returns latencies (ms) and the time of the last one. */
function collector(total: number): { onText(text: string): void; done: Promise<{ latencies: number[]; lastAt: number }> } {
  const latencies: number[] = [];
  let resolve: (v: { latencies: number[]; lastAt: number }) => void = () => undefined;
  const done = new Promise<{ latencies: number[]; lastAt: number }>((r) => (resolve = r));
  return {
    onText(text) {
      const sent = Number(/^t=([\d.]+)/.exec(text)?.[1]);
      if (!Number.isFinite(sent)) return;
      const at = now();
      latencies.push(at - sent);
      if (latencies.length === total) resolve({ latencies: latencies.sort((a, b) => a - b), lastAt: at });
    },
    done,
  };
}

async function measure(name: string, clients: Clients, connect: Command, onText: (listen: (text: string) => void) => void): Promise<RunResult> {
  const total = CLIENTS * MESSAGES;
  const before = memory();
  const connected = await clients.ask(connect);
  const after = memory();
  const collect = collector(total);
  onText(collect.onText);
  const started = now();
  const sent = await clients.ask({ cmd: 'send' });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`${name}: the agent did not receive all ${total} messages`)), 120_000).unref(),
  );
  const { latencies, lastAt } = await Promise.race([collect.done, timeout]);
  await clients.ask({ cmd: 'close' });
  return {
    name,
    messagesPerSecond: total / ((lastAt - started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rssPerClient: (after.rss - before.rss) / CLIENTS,
    heapPerClient: (after.heap - before.heap) / CLIENTS,
    connectMs: connected.ev === 'connected' ? connected.ms : NaN,
    failed: sent.ev === 'sent' ? sent.failed : NaN,
  };
}

async function parleyRun(clients: Clients): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-widget-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_SECRET_KEY: generateKeyringEntry('bench'),
    PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
    PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PARLEY_PUBLIC_RATE_LIMIT: '100000000',
    PARLEY_DEMO: 'false',
    LOG_LEVEL: 'silent',
  });
  const server = await composeServer(config, { logger: pino({ level: 'silent' }) });
  try {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const authed = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const token = (
      (await (await fetch(`${url}/api/v1/api-tokens`, { method: 'POST', headers: authed, body: JSON.stringify({ name: 'bench' }) })).json()) as {
        token: string;
      }
    ).token;
    const channel = (await (
      await fetch(`${url}/api/v1/channels`, { method: 'POST', headers: authed, body: JSON.stringify({ type: 'webchat', name: 'Bench', config: {} }) })
    ).json()) as { id: string };

    const agent = io(`${url}/agent`, { path: '/socket.io', transports: ['websocket'], auth: { token }, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      agent.once('connect', resolve);
      agent.once('connect_error', reject);
    });
    try {
      return await measure('Parley /widget → /agent', clients, { cmd: 'connect', url, kind: 'parley', channelId: channel.id }, (listen) =>
        agent.on('message:created', (e: { message: { text: string; direction: string } }) => {
          if (e.message.direction === 'inbound') listen(e.message.text);
        }),
      );
    } finally {
      agent.close();
    }
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bareRun(clients: Clients): Promise<RunResult> {
  const http = createServer();
  const ioServer = new Server(http, { path: '/socket.io', serveClient: false });
  const nsp = ioServer.of('/bare');
  nsp.on('connection', (socket) => {
    if ((socket.handshake.auth as { role?: string }).role === 'agent') void socket.join('agent');
    socket.on('msg', (payload: { text: string }, ack: (r: { ok: boolean }) => void) => {
      nsp.to('agent').emit('msg', payload);
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const agent = io(`${url}/bare`, { path: '/socket.io', transports: ['websocket'], auth: { role: 'agent' }, forceNew: true });
  await new Promise<void>((resolve) => agent.once('connect', () => resolve()));
  try {
    return await measure('bare socket.io relay', clients, { cmd: 'connect', url, kind: 'bare' }, (listen) =>
      agent.on('msg', (p: { text: string }) => listen(p.text)),
    );
  } finally {
    agent.close();
    await new Promise<void>((resolve) => ioServer.close(() => resolve()));
  }
}

function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}
const kb = (bytes: number) => `${fmt(bytes / 1024)} KiB`;

async function main(): Promise<void> {
  if (MESSAGES > 30) console.warn(`--messages ${MESSAGES} exceeds the widget's flood limit (30 per 10 s per visitor): some sends will be refused.`);
  const clients = new Clients();
  try {
    // Bare first: its memory is then measured on a heap that Parley has not grown yet.
    const bare = await bareRun(clients);
    const parley = await parleyRun(clients);
    const cpu = cpus();
    console.log(`\n## Web chat (socket.io): ${CLIENTS} clients × ${MESSAGES} messages, transport ${TRANSPORT}\n`);
    console.log('| server | messages/s | p50 customer→agent | p99 customer→agent | RSS / connection | heap / connection | connect all | refused |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of [parley, bare]) {
      console.log(
        `| ${r.name} | ${fmt(r.messagesPerSecond, 0)} | ${fmt(r.p50)} ms | ${fmt(r.p99)} ms | ${kb(r.rssPerClient)} | ${kb(r.heapPerClient)} | ${fmt(r.connectMs, 0)} ms | ${r.failed} |`,
      );
    }
    console.log(
      `\nParley / bare: throughput ×${fmt(parley.messagesPerSecond / bare.messagesPerSecond, 2)}, p50 ×${fmt(parley.p50 / bare.p50, 1)}, p99 ×${fmt(parley.p99 / bare.p99, 1)}, heap per connection ×${fmt(parley.heapPerClient / bare.heapPerClient, 1)}`,
    );
    console.log(
      `\nMachine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30)} GiB RAM, ${osType()} ${release()}, Node ${process.version}, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(`Reproduce: npm run bench:widget -- --clients ${CLIENTS} --messages ${MESSAGES} --transport ${TRANSPORT}`);
  } finally {
    clients.stop();
  }
}

if (args.role === 'clients') {
  void clientProcess();
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
