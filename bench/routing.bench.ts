/**
 * Routing benchmark: the Erlang C formulas beside the discrete-event simulation of the routing
 * core (Poisson arrivals, exponential handle times), then decisions per second of the pure core,
 * of the in-memory store and of the database store (PGlite, and PostgreSQL when reachable).
 *
 *   npm run bench:routing -- [--conversations 30000] [--decisions 20000] [--db-conversations 1000] [--backends pglite,postgres]
 *
 * PostgreSQL is used when reachable at PARLEY_BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test); the bench creates a fresh database there and drops it.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { newId } from '@parley/kernel';
import {
  defaultQueue,
  dispatchConversation,
  enqueueForRouting,
  erlangC,
  MemoryRoutingStore,
  noAttributes,
  route,
  simulateQueue,
  type AgentProfile,
  type RoutingItem,
  type RoutingQueue,
  type RoutingStore,
} from '@parley/routing';
import { createPgRoutingStore, createPgStore } from '@parley/storage-pg';
import { createTestDatabase, type TestBackend } from '@parley/storage-pg/testing';

const { values: args } = parseArgs({
  options: {
    conversations: { type: 'string', default: '30000' },
    decisions: { type: 'string', default: '20000' },
    'db-conversations': { type: 'string', default: '1000' },
    backends: { type: 'string', default: 'pglite,postgres' },
  },
});
const SIM_CONVERSATIONS = Number(args.conversations);
const CORE_DECISIONS = Number(args.decisions);
const DB_CONVERSATIONS = Number(args['db-conversations']);
const AGENTS = 50;
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '∞');
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

function erlangTable(): void {
  const configs = [
    { arrivalRate: 8 / 300, handleTimeSec: 300, agents: 10, targetSec: 20 },
    { arrivalRate: 3 / 180, handleTimeSec: 180, agents: 5, targetSec: 30 },
    { arrivalRate: 15 / 240, handleTimeSec: 240, agents: 18, targetSec: 15 },
    { arrivalRate: 17 / 300, handleTimeSec: 300, agents: 20, targetSec: 20 },
  ];
  console.log(`\n## Erlang C vs simulation of the routing core (mean of seeds 1-3, ${SIM_CONVERSATIONS} conversations each after a 10 % warm-up)\n`);
  console.log('| A (erl) | N | h (s) | T (s) | Pw Erlang C | Pw sim | ASA Erlang C (s) | ASA sim (s) | SL Erlang C | SL sim | core decisions/s in sim |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of configs) {
    const e = erlangC(c);
    const runs = [1, 2, 3].map((seed) => simulateQueue({ ...c, conversations: SIM_CONVERSATIONS, seed }));
    const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
    const rate = runs.reduce((s, r) => s + r.decisions, 0) / (runs.reduce((s, r) => s + r.routeMs, 0) / 1000);
    console.log(
      `| ${fmt(e.trafficErlangs)} | ${c.agents} | ${c.handleTimeSec} | ${c.targetSec} | ${pct(e.probabilityOfWaiting)} | ${pct(mean((r) => r.probabilityOfWaiting))} | ${fmt(e.averageSpeedOfAnswerSec)} | ${fmt(mean((r) => r.averageSpeedOfAnswerSec))} | ${pct(e.serviceLevel)} | ${pct(mean((r) => r.serviceLevel))} | ${Math.round(rate).toLocaleString('en')} |`,
    );
  }
}

function agentsFor(ws: string, ids: string[]): AgentProfile[] {
  return ids.map((agentId, i) => ({
    agentId,
    workspaceId: ws,
    name: `Agent ${i}`,
    skills: { billing: 1 + (i % 5), sales: i % 3 },
    languages: i % 4 === 0 ? ['en'] : ['fr', 'en'],
    teamIds: [],
    capacity: { voice: 1, chat: 3, async: 5, total: 5 },
    presence: i % 10 === 0 ? 'away' : 'online',
    presenceReason: null,
    load: { voice: 0, chat: i % 3, async: 0, total: i % 3 },
    lastActivityAt: null,
    lastAssignedAt: new Date(1_700_000_000_000 + i * 1000),
  }));
}

function item(ws: string, queueId: string, i: number, at: Date): RoutingItem {
  return { conversationId: `c${i}`, workspaceId: ws, customerId: `u${i}`, queueId, channelKind: 'chat', status: 'waiting', enqueuedAt: at, requestedAt: new Date(at.getTime() - i * 1000), attributes: noAttributes({ language: 'fr', vip: i % 20 === 0 }), declinedAgentIds: [], escalated: false, agentId: null, offerExpiresAt: null, firstResponseDueAt: null, updatedAt: at };
}

function coreRate(): { waiting: number; available: number } {
  const ws = 'bench';
  const queue: RoutingQueue = defaultQueue({ id: 'q', workspaceId: ws, name: 'Billing', requiredSkills: [{ skill: 'billing', minLevel: 2 }], languages: ['fr'], sla: { firstResponseSec: 60, nextResponseSec: null, escalationQueueId: null } });
  const agents = agentsFor(ws, Array.from({ length: AGENTS }, (_, i) => `a${i}`));
  const now = new Date();
  const one = [item(ws, queue.id, 1, now)];
  const many = Array.from({ length: 200 }, (_, i) => item(ws, queue.id, i, now));
  const time = (fn: () => void) => {
    for (let i = 0; i < 500; i++) fn();
    const t0 = performance.now();
    for (let i = 0; i < CORE_DECISIONS; i++) fn();
    return CORE_DECISIONS / ((performance.now() - t0) / 1000);
  };
  return {
    waiting: time(() => route({ queues: [queue], agents, items: one }, { kind: 'conversation_waiting', conversationId: 'c1' }, now)),
    available: time(() => route({ queues: [queue], agents, items: many }, { kind: 'agent_available', agentId: 'a7' }, now)),
  };
}

interface StoreFixture {
  store: RoutingStore;
  workspaceId: string;
  conversations: Array<{ id: string; customerId: string }>;
  close(): Promise<void>;
}

async function seed(store: RoutingStore, ws: string, agentIds: string[], conversations: Array<{ id: string; customerId: string }>): Promise<void> {
  const queue = defaultQueue({ id: newId(), workspaceId: ws, name: 'Billing', isDefault: true, requiredSkills: [{ skill: 'billing', minLevel: 2 }] });
  await store.transaction(async (repo) => {
    await repo.saveQueue(queue);
    for (const a of agentsFor(ws, agentIds)) {
      await repo.saveAgent({ ...a, capacity: { voice: 1, chat: 1_000, async: 5, total: 1_000 } }, new Date());
      await repo.setPresence(ws, a.agentId, 'online', null, new Date());
    }
    for (const c of conversations) await enqueueForRouting(repo, { workspaceId: ws, conversationId: c.id, customerId: c.customerId, channelId: 'x', channelKind: 'chat', attributes: noAttributes({ language: 'fr' }), queueId: queue.id }, new Date());
  });
}

async function memoryFixture(): Promise<StoreFixture> {
  const store = new MemoryRoutingStore();
  const ws = newId();
  const conversations = Array.from({ length: DB_CONVERSATIONS }, () => ({ id: newId(), customerId: newId() }));
  await seed(store, ws, Array.from({ length: AGENTS }, () => newId()), conversations);
  return { store, workspaceId: ws, conversations, close: async () => undefined };
}

async function pgFixture(backend: TestBackend): Promise<StoreFixture> {
  const handle = await createTestDatabase(backend, process.env.PARLEY_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  const domain = createPgStore(handle.db, { enqueue: async () => ({ id: newId(), created: true }), publish: async () => undefined });
  const ws = newId();
  const channelId = newId();
  const agentIds = Array.from({ length: AGENTS }, () => newId());
  const conversations = Array.from({ length: DB_CONVERSATIONS }, () => ({ id: newId(), customerId: newId() }));
  await domain.transaction(async (tx) => {
    await tx.workspaces.create({ id: ws, name: 'Bench', slug: `bench-${ws}`, timeZone: 'Europe/Paris', locale: 'fr' });
    await tx.channels.create({ id: channelId, workspaceId: ws, type: 'api', name: 'c', config: {}, sealedSecrets: {}, botId: null });
    for (const id of agentIds) await tx.access.createUser({ id, email: `${id}@bench.parley`, name: id, passwordHash: null });
    for (const c of conversations) {
      await tx.customers.create({ id: c.customerId, workspaceId: ws, displayName: null });
      await tx.conversations.create({ id: c.id, workspaceId: ws, customerId: c.customerId, channelId, topic: '', status: 'open', handlerKind: 'none', now: new Date() });
    }
  });
  const store = createPgRoutingStore(handle.db);
  await seed(store, ws, agentIds, conversations);
  return { store, workspaceId: ws, conversations, close: () => handle.close() };
}

/** One dispatchConversation transaction per conversation (lock, snapshot, route, reserve, assignment), `width` in flight. */
async function storeRate(fixture: StoreFixture, width: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < fixture.conversations.length) {
        const c = fixture.conversations[next++] as { id: string };
        const { applied } = await fixture.store.transaction((repo) => dispatchConversation(repo, fixture.workspaceId, c.id, new Date()));
        if (applied[0]?.kind !== 'assign') throw new Error(`expected an assignment, got ${applied[0]?.kind}`);
      }
    }),
  );
  return fixture.conversations.length / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  console.log(`Routing benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  erlangTable();

  const core = coreRate();
  console.log(`\n## Decisions per second (${AGENTS} advisors, skills and languages, SLA priority)\n`);
  console.log('| what | decisions/s |');
  console.log('|---|---:|');
  console.log(`| core route(): one conversation waiting | ${Math.round(core.waiting).toLocaleString('en')} |`);
  console.log(`| core route(): advisor available, 200 waiting | ${Math.round(core.available).toLocaleString('en')} |`);
  const memory = await memoryFixture();
  console.log(`| in-memory store: dispatchConversation, ${DB_CONVERSATIONS} conversations | ${Math.round(await storeRate(memory, 1)).toLocaleString('en')} |`);
  for (const backend of args.backends.split(',') as TestBackend[]) {
    let fixture: StoreFixture;
    try {
      fixture = await pgFixture(backend);
    } catch (error) {
      console.log(`| ${backend}: skipped (${(error as Error).message}) | |`);
      continue;
    }
    const width = backend === 'postgres' ? 8 : 1;
    const rate = await storeRate(fixture, width);
    console.log(`| database store on ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'}: dispatchConversation, ${width} in flight | ${Math.round(rate).toLocaleString('en')} |`);
    await fixture.close();
  }
  console.log(`\nCommand: npm run bench:routing -- --conversations ${SIM_CONVERSATIONS} --decisions ${CORE_DECISIONS} --db-conversations ${DB_CONVERSATIONS} --backends ${args.backends}`);
}

await main();
