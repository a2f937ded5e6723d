/**
 * Inbound ingest benchmark: messages/s and latency through the API channel (signed webhook →
 * composed Fastify server → batching ingestor → database), beside the raw insert rates of the
 * same database and the rate of a no-op route on the same server, all measured in one run.
 *
 *   npm run bench:ingest -- [--messages 5000] [--concurrency 64] [--customers 500]
 *                           [--backends pglite,postgres] [--raw-rows 5000] [--batch-rows 50000]
 *
 * PostgreSQL is used when reachable at PARLEY_BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test); the bench creates a fresh database there and drops it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { sql, type Kysely } from 'kysely';
import { generateKeyringEntry, loadConfig, signBody } from '@parley/kernel';
import { composeServer, type ParleyServer } from '@parley/server';

type Backend = 'pglite' | 'postgres';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '64' },
    customers: { type: 'string', default: '500' },
    backends: { type: 'string', default: 'pglite,postgres' },
    'raw-rows': { type: 'string', default: '5000' },
    'batch-rows': { type: 'string', default: '50000' },
    'noop-requests': { type: 'string' },
  },
});
const MESSAGES = positive('messages');
const CONCURRENCY = positive('concurrency');
const CUSTOMERS = Math.min(positive('customers'), MESSAGES);
const RAW_ROWS = positive('raw-rows');
const BATCH_ROWS = positive('batch-rows');
const NOOP_REQUESTS = args['noop-requests'] ? positive('noop-requests') : MESSAGES;
const BATCH_SIZE = 500;
const PG_URL = process.env.PARLEY_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ADMIN_EMAIL = 'bench@parley.local';
const ADMIN_PASSWORD = 'bench password 1234';

function positive(name: keyof typeof args): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// HTTP client: node:http with a keep-alive agent, one socket per in-flight request.

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });

interface HttpAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// Load generators.

interface LoadResult {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function summarise(latenciesMs: number[], seconds: number): LoadResult {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return { count: sorted.length, seconds, perSecond: sorted.length / seconds, p50: at(0.5), p99: at(0.99) };
}

/**
 * Sends every customer's messages one after another (the next one only after the previous one's
 * answer), different customers in parallel, at most `concurrency` requests in flight.
 */
async function driveCustomers<T>(
  queues: T[][],
  concurrency: number,
  send: (item: T) => Promise<void>,
): Promise<{ latencies: number[]; seconds: number }> {
  const ready: T[][] = queues.filter((q) => q.length > 0).map((q) => [...q]);
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  async function lane(): Promise<void> {
    for (;;) {
      const queue = ready.shift();
      if (!queue) return;
      const item = queue.shift() as T;
      const t0 = process.hrtime.bigint();
      await send(item);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (queue.length > 0) ready.push(queue);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => lane()));
  return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** `total` independent operations, `concurrency` at a time. */
async function driveFlat(total: number, concurrency: number, op: (i: number) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
  let next = 0;
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  async function lane(): Promise<void> {
    while (next < total) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      await op(i);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, () => lane()));
  return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

// ---------------------------------------------------------------------------------------------
// Server under test.

interface Started {
  server: ParleyServer;
  url: string;
  cleanup: () => Promise<void>;
}

async function startServer(backend: Backend): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (backend === 'postgres') {
    const name = `parley_bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(PG_URL, `create database ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = () => adminQuery(PG_URL, `drop database if exists ${name} with (force)`);
  }
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    // PGlite: the product default, an on-disk data folder (not the in-memory test database).
    PARLEY_DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PARLEY_SECRET_KEY: generateKeyringEntry('bench'),
    PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
    PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PARLEY_OUTBOUND_ALLOW_HOSTS: '127.0.0.1,localhost',
    // Every request comes from 127.0.0.1: lift the per-IP webhook limit out of the way (it is still evaluated).
    PARLEY_PUBLIC_RATE_LIMIT: '100000000',
    PARLEY_WORKERS: 'true',
    LOG_LEVEL: 'silent',
  });
  let server: ParleyServer;
  try {
    server = await composeServer(config, { logger: pino({ level: 'silent' }) });
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  // The HTTP ceiling: a route on the same app (same hooks, JSON parser with raw body, rate-limit
  // config, body limit) that does nothing with the body. Registered before listen.
  const noopAnswer = { conversationId: '00000000-0000-7000-8000-000000000000', messageId: '00000000-0000-7000-8000-000000000000', duplicate: false };
  server.app.post('/bench/noop', { config: { public: true, rateLimit: { max: config.publicRateLimitPerMinute, timeWindow: '1 minute' } } }, async (_request, reply) => reply.status(202).send(noopAnswer));
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    cleanup: async () => {
      await server.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createApiChannel(url: string, name: string): Promise<{ id: string; secret: string }> {
  const login = await post(`${url}/api/v1/auth/login`, JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }));
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.body}`);
  const setCookie = login.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((c) => c.split(';')[0]).join('; ');
  const csrf = String((JSON.parse(login.body) as { csrfToken: string }).csrfToken);
  const created = await post(`${url}/api/v1/channels`, JSON.stringify({ type: 'api', name, config: { webhookUrl: 'http://127.0.0.1:9/bench-hook' } }), { cookie, 'x-csrf-token': csrf });
  if (created.status !== 201) throw new Error(`channel creation failed: ${created.status} ${created.body}`);
  const body = JSON.parse(created.body) as { id: string; secret: string };
  return { id: body.id, secret: body.secret };
}

// ---------------------------------------------------------------------------------------------
// Measurements.

interface InboundItem {
  customer: number;
  index: number;
  providerId: string;
  raw: string;
  signature: string;
}

function inboundQueues(channelSecret: string, prefix: string, messages: number, customers: number): InboundItem[][] {
  const queues: InboundItem[][] = Array.from({ length: customers }, () => []);
  for (let i = 0; i < messages; i++) {
    const customer = i % customers;
    const queue = queues[customer] as InboundItem[];
    const providerId = `${prefix}-m-${i}`;
    const raw = JSON.stringify({
      customer: { externalId: `${prefix}-c-${customer}`, name: `Customer ${customer}` },
      message: { id: providerId, text: `Hello, this is message ${queue.length + 1} from customer ${customer}. Where is my order #${100000 + i}?` },
    });
    queue.push({ customer, index: queue.length, providerId, raw, signature: signBody(channelSecret, raw) });
  }
  return queues;
}

async function ingest(url: string, channel: { id: string; secret: string }, prefix: string, messages: number, customers: number, concurrency: number) {
  const queues = inboundQueues(channel.secret, prefix, messages, customers);
  const target = `${url}/api/v1/channels/${channel.id}/inbound`;
  const failures: string[] = [];
  let duplicates = 0;
  const run = await driveCustomers(queues, concurrency, async (item) => {
    const res = await post(target, item.raw, { 'x-parley-signature': item.signature });
    if (res.status !== 202) failures.push(`${item.providerId}: ${res.status} ${res.body.slice(0, 200)}`);
    else if ((JSON.parse(res.body) as { duplicate: boolean }).duplicate) duplicates++;
  });
  if (failures.length > 0) throw new Error(`${failures.length} inbound requests failed, e.g.\n  ${failures.slice(0, 5).join('\n  ')}`);
  if (duplicates > 0) throw new Error(`${duplicates} inbound messages were answered as duplicates`);
  return summarise(run.latencies, run.seconds);
}

async function noop(url: string, channel: { id: string; secret: string }, requests: number, customers: number, concurrency: number) {
  // The same bodies and headers as the ingest run, sent the same way.
  const queues = inboundQueues(channel.secret, 'noop', requests, customers);
  const target = `${url}/bench/noop`;
  const run = await driveCustomers(queues, concurrency, async (item) => {
    const res = await post(target, item.raw, { 'x-parley-signature': item.signature });
    if (res.status !== 202) throw new Error(`no-op route answered ${res.status}: ${res.body}`);
  });
  return summarise(run.latencies, run.seconds);
}

/** Exactly `messages` rows for the channel, and each customer's messages stored in the order sent. */
async function verifyStored(db: Kysely<unknown>, channelId: string, messages: number, customers: number): Promise<void> {
  const counted = await sql<{ n: number }>`select count(*)::int as n from messages where channel_id = ${channelId}`.execute(db);
  const stored = counted.rows[0]?.n ?? -1;
  if (stored !== messages) throw new Error(`VERIFY FAILED: ${stored} messages stored for ${messages} acknowledged`);
  const rows = await sql<{ provider_message_id: string; conversation_id: string; seq: number }>`
    select provider_message_id, conversation_id, seq from messages where channel_id = ${channelId} order by conversation_id, seq`.execute(db);
  const lastIndex = new Map<string, number>();
  const conversations = new Set<string>();
  for (const row of rows.rows) {
    conversations.add(row.conversation_id);
    const i = Number(row.provider_message_id.split('-m-')[1]);
    const previous = lastIndex.get(row.conversation_id);
    if (previous !== undefined && i <= previous) throw new Error(`VERIFY FAILED: conversation ${row.conversation_id} stores message ${i} after ${previous}`);
    lastIndex.set(row.conversation_id, i);
  }
  if (conversations.size !== customers) throw new Error(`VERIFY FAILED: ${conversations.size} conversations for ${customers} customers`);
}

const RAW_TABLE = 'bench_raw_messages';

async function prepareRawTable(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists ${sql.id(RAW_TABLE)}`.execute(db);
  // Same columns, defaults, checks, unique constraints and indexes as messages (no foreign keys).
  await sql`create table ${sql.id(RAW_TABLE)} (like messages including defaults including constraints including indexes)`.execute(db);
}

interface RawRow {
  id: string;
  conversationId: string;
  seq: number;
  providerId: string;
  text: string;
}

function rawRows(count: number, tag: string): RawRow[] {
  const conversations = Array.from({ length: 500 }, () => randomUUID());
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    conversationId: conversations[i % conversations.length] as string,
    seq: Math.floor(i / conversations.length) + 1,
    providerId: `${tag}-${i}`,
    text: `Hello, this is raw row ${i}. Where is my order #${100000 + i}?`,
  }));
}

const INSERT_ONE = `insert into ${RAW_TABLE} (id, workspace_id, conversation_id, seq, channel_id, provider_message_id, direction, author_kind, author_id, visibility, content, text, delivery_status, created_at)
  values ($1, $2, $3, $4, $5, $6, 'inbound', 'customer', $7, 'public', $8::jsonb, $9, 'received', now())`;

function oneParams(row: RawRow, workspaceId: string, channelId: string): unknown[] {
  return [row.id, workspaceId, row.conversationId, row.seq, channelId, row.providerId, row.conversationId, JSON.stringify({ type: 'text', text: row.text }), row.text];
}

/** Single-row autocommit INSERTs, one after another on one dedicated connection (PostgreSQL only). */
async function rawSingleOneConnection(url: string, workspaceId: string, channelId: string, count: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = rawRows(count, 'one');
    const run = await driveFlat(count, 1, async (i) => {
      await client.query(INSERT_ONE, oneParams(rows[i] as RawRow, workspaceId, channelId));
    });
    return summarise(run.latencies, run.seconds);
  } finally {
    await client.end();
  }
}

/** Single-row autocommit INSERTs through the server's own Kysely/pg pool, `concurrency` in flight. */
async function rawSinglePool(db: Kysely<unknown>, workspaceId: string, channelId: string, count: number, concurrency: number, tag: string) {
  const rows = rawRows(count, tag);
  const run = await driveFlat(count, concurrency, async (i) => {
    const r = rows[i] as RawRow;
    await sql`insert into ${sql.id(RAW_TABLE)} (id, workspace_id, conversation_id, seq, channel_id, provider_message_id, direction, author_kind, author_id, visibility, content, text, delivery_status, created_at)
      values (${r.id}, ${workspaceId}, ${r.conversationId}, ${r.seq}, ${channelId}, ${r.providerId}, 'inbound', 'customer', ${r.conversationId}, 'public', ${JSON.stringify({ type: 'text', text: r.text })}::jsonb, ${r.text}, 'received', now())`.execute(db);
  });
  return summarise(run.latencies, run.seconds);
}

/** Multi-row INSERTs (unnest of arrays, BATCH_SIZE rows each, autocommit), one after another through the pool. */
async function rawBatched(db: Kysely<unknown>, workspaceId: string, channelId: string, count: number) {
  const rows = rawRows(count, 'batch');
  const batches = Math.ceil(count / BATCH_SIZE);
  const run = await driveFlat(batches, 1, async (b) => {
    const slice = rows.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
    await sql`insert into ${sql.id(RAW_TABLE)} (id, workspace_id, conversation_id, seq, channel_id, provider_message_id, direction, author_kind, author_id, visibility, content, text, delivery_status, created_at)
      select u.id, ${workspaceId}::uuid, u.conversation_id, u.seq, ${channelId}::uuid, u.provider_message_id, 'inbound', 'customer', u.conversation_id::text, 'public', u.content, u.text, 'received', now()
        from unnest(${slice.map((r) => r.id)}::uuid[], ${slice.map((r) => r.conversationId)}::uuid[], ${slice.map((r) => r.seq)}::int[],
                    ${slice.map((r) => r.providerId)}::text[], ${slice.map((r) => JSON.stringify({ type: 'text', text: r.text }))}::jsonb[], ${slice.map((r) => r.text)}::text[])
          as u(id, conversation_id, seq, provider_message_id, content, text)`.execute(db);
  });
  return { rowsPerSecond: count / run.seconds, seconds: run.seconds, batches };
}

interface BackendReport {
  backend: Backend;
  ingest: LoadResult;
  noop: LoadResult;
  singleOneConnection: LoadResult | null;
  singlePool: LoadResult;
  batched: { rowsPerSecond: number; seconds: number; batches: number };
}

async function benchBackend(backend: Backend): Promise<BackendReport> {
  const started = await startServer(backend);
  try {
    const { server, url } = started;
    const db = server.database.db as unknown as Kysely<unknown>;
    const channel = await createApiChannel(url, 'Bench');
    const warmChannel = await createApiChannel(url, 'Warm-up');

    // Warm-up (JIT, plans, connections) on its own channel, not counted.
    const warm = Math.min(500, Math.max(50, Math.floor(MESSAGES / 10)));
    await noop(url, warmChannel, warm, Math.min(CUSTOMERS, warm), CONCURRENCY);
    await ingest(url, warmChannel, 'warm', warm, Math.min(CUSTOMERS, warm), CONCURRENCY);

    const noopResult = await noop(url, channel, NOOP_REQUESTS, CUSTOMERS, CONCURRENCY);
    const ingestResult = await ingest(url, channel, 'bench', MESSAGES, CUSTOMERS, CONCURRENCY);
    await server.context.ingestor.flush();
    await verifyStored(db, channel.id, MESSAGES, CUSTOMERS);

    const channelRow = await sql<{ workspace_id: string }>`select workspace_id from channels where id = ${channel.id}`.execute(db);
    const workspaceId = channelRow.rows[0]?.workspace_id as string;
    await prepareRawTable(db);
    await rawSinglePool(db, workspaceId, channel.id, Math.min(200, RAW_ROWS), CONCURRENCY, 'warm');
    const singlePool = await rawSinglePool(db, workspaceId, channel.id, RAW_ROWS, CONCURRENCY, 'pool');
    const singleOneConnection = backend === 'postgres' ? await rawSingleOneConnection(databaseUrlOf(server), workspaceId, channel.id, RAW_ROWS) : null;
    const batched = await rawBatched(db, workspaceId, channel.id, BATCH_ROWS);
    await sql`drop table if exists ${sql.id(RAW_TABLE)}`.execute(db);
    return { backend, ingest: ingestResult, noop: noopResult, singleOneConnection, singlePool, batched };
  } finally {
    await started.cleanup();
  }
}

function databaseUrlOf(server: ParleyServer): string {
  const url = server.context.config.databaseUrl;
  if (!url) throw new Error('no database URL');
  return url;
}

// ---------------------------------------------------------------------------------------------
// Report.

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => n.toFixed(1);
const ratio = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;

function printReport(reports: BackendReport[], skipped: string[], load: { before: number[]; after: number[] }, command: string): void {
  const cpu = cpus();
  const lines: string[] = [];
  lines.push('');
  lines.push(`Inbound ingest through the API channel — ${MESSAGES} messages, ${CUSTOMERS} customers (each one's messages in sequence), ${CONCURRENCY} requests in flight`);
  lines.push(`Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`);
  lines.push(`Load average (1/5/15 min): before ${load.before.map((x) => x.toFixed(2)).join(' / ')}, after ${load.after.map((x) => x.toFixed(2)).join(' / ')}`);
  lines.push(`Date: ${new Date().toISOString()}`);
  lines.push('');
  const header = ['', ...reports.map((r) => r.backend)];
  const rows: string[][] = [
    ['ingest (msg/s)', ...reports.map((r) => f0(r.ingest.perSecond))],
    ['ingest p50 / p99 (ms)', ...reports.map((r) => `${f1(r.ingest.p50)} / ${f1(r.ingest.p99)}`)],
    ['no-op route, same body (req/s)', ...reports.map((r) => f0(r.noop.perSecond))],
    ['no-op p50 / p99 (ms)', ...reports.map((r) => `${f1(r.noop.p50)} / ${f1(r.noop.p99)}`)],
    [`raw single-row INSERT, pool, ${CONCURRENCY} in flight (rows/s)`, ...reports.map((r) => f0(r.singlePool.perSecond))],
    ['raw single-row INSERT, 1 connection, sequential (rows/s)', ...reports.map((r) => (r.singleOneConnection ? f0(r.singleOneConnection.perSecond) : '= pool (1 conn)'))],
    [`raw batched INSERT, ${BATCH_SIZE} rows/stmt (rows/s)`, ...reports.map((r) => f0(r.batched.rowsPerSecond))],
    ['ingest / raw single-row (pool)', ...reports.map((r) => ratio(r.ingest.perSecond, r.singlePool.perSecond))],
    ['ingest / raw single-row (1 conn)', ...reports.map((r) => (r.singleOneConnection ? ratio(r.ingest.perSecond, r.singleOneConnection.perSecond) : ratio(r.ingest.perSecond, r.singlePool.perSecond)))],
    ['ingest / raw batched', ...reports.map((r) => ratio(r.ingest.perSecond, r.batched.rowsPerSecond))],
    ['ingest / no-op route', ...reports.map((r) => ratio(r.ingest.perSecond, r.noop.perSecond))],
  ];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => (row[c] ?? '').length)));
  const fmt = (row: string[]) => `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join(' | ')} |`;
  lines.push(fmt(header));
  lines.push(`|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) lines.push(fmt(row));
  for (const s of skipped) lines.push(`(${s})`);
  lines.push('');
  lines.push(`Every run verified: all ${MESSAGES} requests answered 202 (none duplicate), exactly ${MESSAGES} rows in messages, each customer's messages in send order, one conversation per customer.`);
  lines.push(`Reproduce: ${command}`);
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const wanted = String(args.backends).split(',').map((s) => s.trim()).filter(Boolean) as Backend[];
  const before = loadavg();
  const reports: BackendReport[] = [];
  const skipped: string[] = [];
  for (const backend of wanted) {
    if (backend !== 'pglite' && backend !== 'postgres') throw new Error(`unknown backend ${backend}`);
    if (backend === 'postgres' && !(await postgresReachable())) {
      skipped.push(`postgres skipped: not reachable at ${PG_URL.replace(/\/\/[^@]*@/, '//…@')}`);
      continue;
    }
    process.stderr.write(`[bench] ${backend}…\n`);
    reports.push(await benchBackend(backend));
  }
  agent.destroy();
  const extra = process.argv.slice(2).join(' ');
  printReport(reports, skipped, { before, after: loadavg() }, `npm run bench:ingest${extra ? ` -- ${extra}` : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
