/**
 * Routing benchmark, through the production routing engine:
 *
 *   1. Erlang C against the simulation (`simulateRouting`: Poisson arrivals, exponential handle
 *      times, every event one engine transaction on the in-memory store at a virtual clock), a few
 *      (advisors, load) rows, replications with a 95 % interval, and the issue's tolerance
 *      (service level within 2 points, ASA within 10 %) checked per row.
 *   2. A multi-skill scenario: skills-based routing against round-robin, same engine, same arrivals.
 *   3. Decision latency p50/p99 of route() as the engine calls it, with 1,000 advisors and 10,000
 *      waiting conversations (target p99 ≤ 5 ms), and of the whole engine call on the in-memory store.
 *   4. Decisions per second of the core, the in-memory store and the database store (PGlite, and
 *      PostgreSQL when reachable).
 *
 *   npm run bench:routing -- [--sections erlang,multi,latency,throughput] [--replications 4] [--sim-conversations 60000]
 *                            [--multi-hours 250] [--latency-samples 2000] [--decisions 20000] [--db-conversations 1000] [--backends pglite,postgres]
 *
 * PostgreSQL is used when reachable at PARLEY_BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test); the bench creates a fresh database there and drops it.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { newId } from '@parley/kernel';
import {
  defaultQueue,
  dispatchAgent,
  dispatchConversation,
  enqueueForRouting,
  erlangC,
  MemoryRoutingStore,
  noAttributes,
  route,
  simulateRouting,
  type AgentProfile,
  type ErlangCInput,
  type RoutingItem,
  type RoutingQueue,
  type RoutingStore,
  type SimulationInput,
  type SimulationResult,
} from '@parley/routing';
import { createPgRoutingStore, createPgStore } from '@parley/storage-pg';
import { createTestDatabase, type TestBackend } from '@parley/storage-pg/testing';

const { values: args } = parseArgs({
  options: {
    sections: { type: 'string', default: 'erlang,multi,latency,throughput' },
    replications: { type: 'string', default: '4' },
    'sim-conversations': { type: 'string', default: '60000' },
    'multi-hours': { type: 'string', default: '250' },
    'latency-samples': { type: 'string', default: '2000' },
    decisions: { type: 'string', default: '20000' },
    'db-conversations': { type: 'string', default: '1000' },
    backends: { type: 'string', default: 'pglite,postgres' },
  },
});
const SECTIONS = new Set(args.sections.split(','));
const REPLICATIONS = Math.max(2, Number(args.replications));
const SIM_CONVERSATIONS = Math.max(1000, Number(args['sim-conversations']));
const MULTI_HOURS = Math.max(1, Number(args['multi-hours']));
const LATENCY_SAMPLES = Math.max(100, Number(args['latency-samples']));
const CORE_DECISIONS = Number(args.decisions);
const DB_CONVERSATIONS = Number(args['db-conversations']);
const AGENTS = 50;
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '∞');
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
// Student's t, 97.5th percentile, for 1–9 degrees of freedom (the 95 % interval of a mean of replications).
const T975 = [12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26];

function meanAndHalfWidth(values: number[]): { mean: number; half: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, half: (T975[values.length - 2] ?? 1.96) * Math.sqrt(variance / values.length) };
}

async function replicate(input: Omit<SimulationInput, 'seed'>): Promise<{ runs: SimulationResult[]; cpuMs: number }> {
  const runs: SimulationResult[] = [];
  const t0 = process.cpuUsage();
  for (let seed = 1; seed <= REPLICATIONS; seed++) runs.push(await simulateRouting({ ...input, seed }));
  const cpu = process.cpuUsage(t0);
  return { runs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function erlangTable(): Promise<void> {
  const rows: ErlangCInput[] = [
    { arrivalRate: 1 / 300, handleTimeSec: 300, agents: 2, targetSec: 20 },
    { arrivalRate: 3 / 180, handleTimeSec: 180, agents: 5, targetSec: 30 },
    { arrivalRate: 8 / 300, handleTimeSec: 300, agents: 10, targetSec: 20 },
    { arrivalRate: 15 / 240, handleTimeSec: 240, agents: 18, targetSec: 15 },
    { arrivalRate: 17 / 300, handleTimeSec: 300, agents: 20, targetSec: 20 },
  ];
  console.log(
    `\n## 1. Erlang C vs simulation through the engine (${REPLICATIONS} replications, seeds 1-${REPLICATIONS}, of ${SIM_CONVERSATIONS.toLocaleString('en')} conversations each after a 10 % warm-up; ± is the 95 % interval of the mean)\n`,
  );
  console.log(
    '| A (erl) | N | h (s) | T (s) | SL Erlang C | SL sim | ASA Erlang C (s) | ASA sim (s) | Pw Erlang C | Pw sim | occupancy sim | SL ≤ 2 pts | ASA ≤ 10 % | engine tx/s (CPU) |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|:---:|---:|');
  for (const row of rows) {
    const e = erlangC(row);
    const arrivalsPerHour = row.arrivalRate * 3600;
    const { runs, cpuMs } = await replicate({
      agents: row.agents,
      arrivalsPerHour,
      ahtSeconds: row.handleTimeSec,
      slaSeconds: row.targetSec,
      hours: SIM_CONVERSATIONS / arrivalsPerHour,
    });
    const sl = meanAndHalfWidth(runs.map((r) => r.serviceLevel));
    const asa = meanAndHalfWidth(runs.map((r) => r.asaSeconds));
    const pw = meanAndHalfWidth(runs.map((r) => r.probabilityOfWaiting));
    const occupancy = meanAndHalfWidth(runs.map((r) => r.occupancy));
    const slOk = Math.abs(sl.mean - e.serviceLevel) <= 0.02;
    const asaOk = Math.abs(asa.mean / e.averageSpeedOfAnswerSec - 1) <= 0.1;
    const rate = runs.reduce((s, r) => s + r.decisions, 0) / (cpuMs / 1000);
    console.log(
      `| ${fmt(e.trafficErlangs)} | ${row.agents} | ${row.handleTimeSec} | ${row.targetSec} | ${pct(e.serviceLevel)} | ${pct(sl.mean)} ± ${fmt(sl.half * 100)} | ${fmt(e.averageSpeedOfAnswerSec)} | ${fmt(asa.mean)} ± ${fmt(asa.half)} | ${pct(e.probabilityOfWaiting)} | ${pct(pw.mean)} | ${pct(occupancy.mean)} | ${slOk ? 'yes' : 'NO'} (${fmt((sl.mean - e.serviceLevel) * 100)}) | ${asaOk ? 'yes' : 'NO'} (${fmt((asa.mean / e.averageSpeedOfAnswerSec - 1) * 100)} %) | ${Math.round(rate).toLocaleString('en')} |`,
    );
  }
}

async function multiSkill(): Promise<void> {
  const scenario = { agents: 24, skills: 4, arrivalsPerHour: 240, ahtSeconds: 300, slaSeconds: 20, hours: MULTI_HOURS };
  console.log(
    `\n## 2. Multi-skill: skills-based routing vs round-robin (${scenario.agents} advisors, ${scenario.skills} skills, ${scenario.arrivalsPerHour} arrivals/h = ${(scenario.arrivalsPerHour * scenario.ahtSeconds) / 3600} erlangs, AHT ${scenario.ahtSeconds} s, T = ${scenario.slaSeconds} s; ${REPLICATIONS} replications of ${MULTI_HOURS} h, same arrivals for both strategies)\n`,
  );
  console.log('Advisor i holds skill i mod 4 at level 5, 4 or 3 and skill i+1 mod 4 at level 2; handle times do not depend on proficiency.\n');
  console.log('| strategy | patience | SL | ASA (s) | abandoned | occupancy | mean proficiency (0–5) | answered by a holder of the skill |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const patienceSeconds of [null, 120]) {
    for (const strategy of ['skills', 'round-robin'] as const) {
      const { runs } = await replicate({ ...scenario, strategy, patienceSeconds });
      const m = (f: (r: SimulationResult) => number) => meanAndHalfWidth(runs.map(f));
      const sl = m((r) => r.serviceLevel);
      const asa = m((r) => r.asaSeconds);
      console.log(
        `| ${strategy} | ${patienceSeconds === null ? 'none' : `${patienceSeconds} s (mean)`} | ${pct(sl.mean)} ± ${fmt(sl.half * 100)} | ${fmt(asa.mean)} ± ${fmt(asa.half)} | ${pct(m((r) => r.abandonmentRate).mean)} | ${pct(m((r) => r.occupancy).mean)} | ${m((r) => r.meanProficiency).mean.toFixed(2)} | ${pct(m((r) => r.qualifiedShare).mean)} |`,
      );
    }
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

/** 1,000 advisors over 10 skill queues, 10,000 conversations waiting: a large, saturated contact center. */
function bigState(ws: string, now: Date): { queues: RoutingQueue[]; agents: AgentProfile[]; items: RoutingItem[] } {
  const queues = Array.from({ length: 10 }, (_, k) =>
    defaultQueue({
      id: `q${k}`,
      workspaceId: ws,
      name: `Skill ${k}`,
      requiredSkills: [{ skill: `s${k}`, minLevel: 2 }],
      languages: k % 2 === 0 ? ['fr'] : [],
      sla: { firstResponseSec: 60, nextResponseSec: null, escalationQueueId: null },
    }),
  );
  const agents: AgentProfile[] = Array.from({ length: 1000 }, (_, i) => {
    // 95 % of the online advisors are full (10,000 conversations wait); the others have a slot.
    const full = i % 20 !== 0;
    return {
      agentId: `a${String(i).padStart(4, '0')}`,
      workspaceId: ws,
      name: `Agent ${i}`,
      skills: { [`s${i % 10}`]: 2 + (i % 4), [`s${(i + 3) % 10}`]: 1 + (i % 5), [`s${(i + 7) % 10}`]: 3 },
      languages: i % 3 === 0 ? ['en'] : ['fr', 'en'],
      teamIds: [`t${i % 8}`],
      capacity: { voice: 1, chat: 3, async: 5, total: 5 },
      presence: i % 10 === 5 ? 'away' : 'online',
      presenceReason: null,
      load: full ? { voice: 0, chat: 3, async: 2, total: 5 } : { voice: 0, chat: 1, async: 0, total: 1 },
      lastActivityAt: now,
      lastAssignedAt: new Date(now.getTime() - i * 1000),
    };
  });
  const items = Array.from({ length: 10_000 }, (_, i) => {
    const at = new Date(now.getTime() - (10_000 - i) * 300);
    return {
      conversationId: `c${String(i).padStart(5, '0')}`,
      workspaceId: ws,
      customerId: `u${i}`,
      queueId: `q${i % 10}`,
      channelKind: 'chat' as const,
      status: 'waiting' as const,
      enqueuedAt: at,
      requestedAt: at,
      attributes: noAttributes({ language: i % 4 === 0 ? 'en' : 'fr', vip: i % 50 === 0, botHandoff: i % 7 === 0, team: `t${i % 8}` }),
      declinedAgentIds: [],
      escalated: false,
      agentId: null,
      offerExpiresAt: null,
      firstResponseDueAt: null,
      updatedAt: at,
    };
  });
  return { queues, agents, items };
}

async function latency(): Promise<void> {
  const ws = 'latency';
  const now = new Date('2026-03-02T10:00:00Z');
  const { queues, agents, items } = bigState(ws, now);
  // dispatchAgent lists the 500 oldest waiting conversations (listItems, limit 500) and asks the core about them.
  const oldest500 = items.slice(0, 500);
  const newcomer = (i: number): RoutingItem => ({ ...(items[items.length - 1 - (i % 1000)] as RoutingItem), conversationId: `new${i}` });
  const freed = (i: number): string => (agents[(i * 20) % agents.length] as AgentProfile).agentId;
  const measure = (label: string, fn: (i: number) => unknown): string => {
    for (let i = 0; i < Math.min(200, LATENCY_SAMPLES); i++) fn(i);
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const t0 = performance.now();
      fn(i);
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return `| ${label} | ${fmt(percentile(samples, 0.5), 3)} | ${fmt(percentile(samples, 0.99), 3)} | ${fmt(samples[samples.length - 1] ?? Number.NaN, 2)} |`;
  };
  console.log(
    `\n## 3. Assignment decision latency: 1,000 advisors (10 skill queues, 95 % full), 10,000 waiting conversations; ${LATENCY_SAMPLES} samples each\n`,
  );
  console.log('| decision | p50 (ms) | p99 (ms) | max (ms) |');
  console.log('|---|---:|---:|---:|');
  console.log(
    measure('core `route()`, new conversation (as `dispatchConversation` calls it: the conversation, all advisors)', (i) => {
      const item = newcomer(i);
      return route({ queues, agents, items: [item] }, { kind: 'conversation_waiting', conversationId: item.conversationId }, now);
    }),
  );
  console.log(
    measure('core `route()`, advisor frees a slot (as `dispatchAgent` calls it: the 500 oldest waiting)', (i) =>
      route({ queues, agents, items: oldest500 }, { kind: 'agent_available', agentId: freed(i) }, now),
    ),
  );
  console.log(
    measure('core `route()`, advisor frees a slot, all 10,000 waiting (no 500 cap; not what the engine does)', (i) =>
      route({ queues, agents, items }, { kind: 'agent_available', agentId: freed(i) }, now),
    ),
  );

  // The whole engine call on the in-memory store: lock, copies of the snapshot, route(), reserve, assignment.
  const store = new MemoryRoutingStore();
  await store.transaction(async (repo) => {
    for (const q of queues) await repo.saveQueue(q);
    for (const a of agents) {
      await repo.saveAgent(a, now);
      await repo.setPresence(ws, a.agentId, a.presence, null, now);
      for (let k = 0; k < a.load.chat; k++) await repo.reserveSlot(ws, a.agentId, 'chat', now, { requireOnline: false });
      for (let k = 0; k < a.load.async; k++) await repo.reserveSlot(ws, a.agentId, 'async', now, { requireOnline: false });
    }
    for (const item of items) await repo.saveItem(item);
  });
  const engineSamples = async (fn: (i: number) => Promise<unknown>): Promise<number[]> => {
    const samples: number[] = [];
    const n = Math.max(50, Math.round(LATENCY_SAMPLES / 10));
    for (let i = 0; i < n + 20; i++) {
      const t0 = performance.now();
      await fn(i);
      if (i >= 20) samples.push(performance.now() - t0);
    }
    return samples.sort((a, b) => a - b);
  };
  const row = (label: string, s: number[]) =>
    console.log(
      `| ${label} (${s.length} samples) | ${fmt(percentile(s, 0.5), 3)} | ${fmt(percentile(s, 0.99), 3)} | ${fmt(s[s.length - 1] ?? Number.NaN, 2)} |`,
    );
  row(
    'engine `enqueueForRouting` + `dispatchConversation` on the in-memory store, new conversation',
    await engineSamples((i) =>
      store.transaction(async (repo) => {
        const id = `engine-new${i}`;
        await enqueueForRouting(
          repo,
          {
            workspaceId: ws,
            conversationId: id,
            customerId: id,
            channelId: 'x',
            channelKind: 'chat',
            attributes: noAttributes({ language: 'fr' }),
            queueId: `q${i % 10}`,
          },
          now,
        );
        return dispatchConversation(repo, ws, id, now);
      }),
    ),
  );
  row(
    'engine `dispatchAgent` on the in-memory store, advisor with a free slot',
    await engineSamples((i) =>
      store.transaction(async (repo) => {
        const agentId = freed(i);
        await repo.releaseSlot(ws, agentId, 'chat');
        return dispatchAgent(repo, ws, agentId, now);
      }),
    ),
  );
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
  return {
    conversationId: `c${i}`,
    workspaceId: ws,
    customerId: `u${i}`,
    queueId,
    channelKind: 'chat',
    status: 'waiting',
    enqueuedAt: at,
    requestedAt: new Date(at.getTime() - i * 1000),
    attributes: noAttributes({ language: 'fr', vip: i % 20 === 0 }),
    declinedAgentIds: [],
    escalated: false,
    agentId: null,
    offerExpiresAt: null,
    firstResponseDueAt: null,
    updatedAt: at,
  };
}

function coreRate(): { waiting: number; available: number } {
  const ws = 'bench';
  const queue: RoutingQueue = defaultQueue({
    id: 'q',
    workspaceId: ws,
    name: 'Billing',
    requiredSkills: [{ skill: 'billing', minLevel: 2 }],
    languages: ['fr'],
    sla: { firstResponseSec: 60, nextResponseSec: null, escalationQueueId: null },
  });
  const agents = agentsFor(
    ws,
    Array.from({ length: AGENTS }, (_, i) => `a${i}`),
  );
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
    for (const c of conversations)
      await enqueueForRouting(
        repo,
        {
          workspaceId: ws,
          conversationId: c.id,
          customerId: c.customerId,
          channelId: 'x',
          channelKind: 'chat',
          attributes: noAttributes({ language: 'fr' }),
          queueId: queue.id,
        },
        new Date(),
      );
  });
}

async function memoryFixture(): Promise<StoreFixture> {
  const store = new MemoryRoutingStore();
  const ws = newId();
  const conversations = Array.from({ length: DB_CONVERSATIONS }, () => ({ id: newId(), customerId: newId() }));
  await seed(
    store,
    ws,
    Array.from({ length: AGENTS }, () => newId()),
    conversations,
  );
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
      await tx.conversations.create({
        id: c.id,
        workspaceId: ws,
        customerId: c.customerId,
        channelId,
        topic: '',
        status: 'open',
        handlerKind: 'none',
        now: new Date(),
      });
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

async function throughput(): Promise<void> {
  const core = coreRate();
  console.log(`\n## 4. Decisions per second (${AGENTS} advisors, skills and languages, SLA priority)\n`);
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
    console.log(
      `| database store on ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'}: dispatchConversation, ${width} in flight | ${Math.round(rate).toLocaleString('en')} |`,
    );
    await fixture.close();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Routing benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  if (SECTIONS.has('erlang')) await erlangTable();
  if (SECTIONS.has('multi')) await multiSkill();
  if (SECTIONS.has('latency')) await latency();
  if (SECTIONS.has('throughput')) await throughput();
  console.log(
    `\nLoad average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`,
  );
  console.log(
    `Command: npm run bench:routing -- --sections ${args.sections} --replications ${REPLICATIONS} --sim-conversations ${SIM_CONVERSATIONS} --multi-hours ${MULTI_HOURS} --latency-samples ${LATENCY_SAMPLES} --decisions ${CORE_DECISIONS} --db-conversations ${DB_CONVERSATIONS} --backends ${args.backends}`,
  );
}

await main();
