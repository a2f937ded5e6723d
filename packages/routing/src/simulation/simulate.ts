import { ManualClock } from '@parley/kernel';
import { dispatchAgent, dispatchConversation, enqueueForRouting, releaseConversation, type RoutingOutcome } from '../engine.js';
import { MemoryRoutingStore } from '../memory-store.js';
import { defaultQueue, noAttributes, type AgentSettings, type RoutingQueue } from '../model.js';
import type { RoutingRepository } from '../ports.js';

/**
 * How the simulated queues choose an advisor. Both run the same engine; only the queue
 * configuration differs.
 *
 * - `skills`: one queue per skill requiring it (level ≥ 1), so the core ranks holders by proficiency.
 * - `round-robin`: the same queues without skill requirements, so every advisor qualifies and the
 *   core's last tie-break decides: the advisor assigned longest ago.
 */
export type SimulationStrategy = 'skills' | 'round-robin';
export const SIMULATION_STRATEGIES: readonly SimulationStrategy[] = ['skills', 'round-robin'];

export interface SimulationInput {
  /** Advisors, each handling one conversation at a time (Erlang C's server). */
  agents: number;
  /** Poisson arrival rate. */
  arrivalsPerHour: number;
  /** Mean of the exponential handle time. */
  ahtSeconds: number;
  /** Service-level threshold: answered within this many seconds (also the queues' first-response SLA). */
  slaSeconds: number;
  /** Measured simulated time. */
  hours: number;
  /** Simulated time before the measurement, while the queue fills up (default: a tenth of `hours`). */
  warmUpHours?: number;
  /** Default `skills`. */
  strategy?: SimulationStrategy;
  /**
   * Skills (topics), default 1. Conversations ask for one at random, uniformly. Advisor i holds
   * skill i mod k at level 5, 4 or 3 (cycling), and with k > 1 skill i+1 mod k at level 2.
   */
  skills?: number;
  /** Mean of the exponential patience (Erlang A): a conversation still waiting after it abandons. Absent: nobody abandons. */
  patienceSeconds?: number | null;
  seed?: number;
}

export interface SimulationResult {
  /** Conversations that arrived during the measured hours. */
  offered: number;
  answered: number;
  abandoned: number;
  /** Answered within `slaSeconds`, over offered (an abandoned conversation counts as missed). */
  serviceLevel: number;
  /** Average speed of answer: mean wait of the answered conversations, seconds. */
  asaSeconds: number;
  /** Share of the answered conversations that waited at all. */
  probabilityOfWaiting: number;
  /** Abandoned over offered (0 without patience). */
  abandonmentRate: number;
  /** Advisor time spent handling conversations over advisor time available, during the measured hours. */
  occupancy: number;
  /** Mean proficiency (0–5) of the answering advisor in the skill the conversation asked for. */
  meanProficiency: number;
  /** Share of the answered conversations whose advisor holds the skill asked for. */
  qualifiedShare: number;
  /** Engine transactions run (arrival, end of handling, abandonment). */
  decisions: number;
  /** Wall-clock time spent inside the engine and the store, ms. */
  engineMs: number;
}

const MAX_CONVERSATIONS = 2_000_000;
const MAX_AGENTS = 10_000;
const MAX_SKILLS = 100;
const WORKSPACE = 'simulation';
// The virtual clock starts here (a Monday in the past, so the ids made from it never run ahead
// of real time in the process); only differences matter.
const EPOCH_MS = Date.UTC(2000, 0, 3);

/** One thing wrong with a simulation input: the field and what it must be. */
export interface SimulationInputProblem {
  field: keyof SimulationInput;
  message: string;
}

/**
 * What is wrong with a simulation input (empty: it can run).
 *
 * @example
 * simulationInputProblems({ agents: 0, arrivalsPerHour: 60, ahtSeconds: 300, slaSeconds: 20, hours: 8 });
 * // [{ field: 'agents', message: 'must be a whole number from 1 to 10000' }]
 */
export function simulationInputProblems(input: SimulationInput): SimulationInputProblem[] {
  const problems: SimulationInputProblem[] = [];
  const positive = (field: keyof SimulationInput, v: number) => {
    if (!Number.isFinite(v) || v <= 0) problems.push({ field, message: 'must be a number above 0' });
  };
  if (!Number.isInteger(input.agents) || input.agents < 1 || input.agents > MAX_AGENTS)
    problems.push({ field: 'agents', message: `must be a whole number from 1 to ${MAX_AGENTS}` });
  positive('arrivalsPerHour', input.arrivalsPerHour);
  positive('ahtSeconds', input.ahtSeconds);
  positive('hours', input.hours);
  if (!Number.isFinite(input.slaSeconds) || input.slaSeconds < 0) problems.push({ field: 'slaSeconds', message: 'must be a number of at least 0' });
  if (input.warmUpHours !== undefined && (!Number.isFinite(input.warmUpHours) || input.warmUpHours < 0))
    problems.push({ field: 'warmUpHours', message: 'must be a number of at least 0' });
  if (input.patienceSeconds !== undefined && input.patienceSeconds !== null) positive('patienceSeconds', input.patienceSeconds);
  if (input.strategy !== undefined && !SIMULATION_STRATEGIES.includes(input.strategy))
    problems.push({ field: 'strategy', message: `must be one of ${SIMULATION_STRATEGIES.join(', ')}` });
  const skills = input.skills ?? 1;
  if (!Number.isInteger(skills) || skills < 1 || skills > MAX_SKILLS)
    problems.push({ field: 'skills', message: `must be a whole number from 1 to ${MAX_SKILLS}` });
  else if (Number.isInteger(input.agents) && input.agents >= 1 && skills > input.agents)
    problems.push({ field: 'skills', message: 'cannot outnumber the advisors (every skill needs one)' });
  if (input.seed !== undefined && !Number.isSafeInteger(input.seed)) problems.push({ field: 'seed', message: 'must be a whole number' });
  if (problems.length === 0) {
    const expected = input.arrivalsPerHour * (input.hours + (input.warmUpHours ?? input.hours / 10));
    if (expected > MAX_CONVERSATIONS)
      problems.push({
        field: 'hours',
        message: `gives about ${Math.round(expected).toLocaleString('en')} conversations at this arrival rate; the limit is ${MAX_CONVERSATIONS.toLocaleString('en')}`,
      });
  }
  return problems;
}

/** mulberry32: a small seeded generator, so a simulation is reproducible. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exponential = (random: () => number, mean: number) => -Math.log(1 - random()) * mean;

type SimEventBody = { kind: 'arrival' } | { kind: 'departure'; conversationId: string } | { kind: 'abandon'; conversationId: string };
type SimEvent = SimEventBody & { at: number; seq: number };

/** A binary min-heap of events by time, then by scheduling order. */
class EventQueue {
  private readonly heap: SimEvent[] = [];
  private seq = 0;
  push(at: number, body: SimEventBody): void {
    const e: SimEvent = { ...body, at, seq: this.seq++ };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(e, h[p] as SimEvent)) break;
      h[i] = h[p] as SimEvent;
      i = p;
    }
    h[i] = e;
  }
  pop(): SimEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && this.less(h[r] as SimEvent, h[l] as SimEvent) ? r : l;
        if (!this.less(h[c] as SimEvent, last)) break;
        h[i] = h[c] as SimEvent;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
  private less(a: SimEvent, b: SimEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

function agentSettings(index: number, skills: number): AgentSettings {
  const levels: Record<string, number> = { [`skill${index % skills}`]: 5 - (Math.floor(index / skills) % 3) };
  if (skills > 1) levels[`skill${(index + 1) % skills}`] = 2;
  return {
    agentId: `agent${String(index).padStart(5, '0')}`,
    workspaceId: WORKSPACE,
    name: `Agent ${index}`,
    skills: levels,
    languages: [],
    teamIds: [],
    capacity: { voice: 1, chat: 1, async: 1, total: 1 },
  };
}

interface Conversation {
  arrivedAt: number;
  skill: string;
  measured: boolean;
  status: 'waiting' | 'assigned' | 'done';
}

/**
 * A discrete-event simulation through the production routing engine: Poisson arrivals,
 * exponential handle times, optional exponential patience. Every arrival, end of handling and
 * abandonment is one transaction on a {@link MemoryRoutingStore} at the time of a virtual clock,
 * running the engine functions the server's jobs run (`enqueueForRouting` then
 * `dispatchConversation`; `releaseConversation` then `dispatchAgent` for the freed advisor), so
 * every decision (which conversation, which advisor) is taken by `route()`. The simulation only
 * draws the random times, moves the clock and counts.
 *
 * @example
 * const r = await simulateRouting({ agents: 10, arrivalsPerHour: 96, ahtSeconds: 300, slaSeconds: 20, hours: 500, seed: 1 });
 * r.serviceLevel; // ≈ 0.64, Erlang C's 0.642
 */
export async function simulateRouting(input: SimulationInput): Promise<SimulationResult> {
  const problems = simulationInputProblems(input);
  if (problems.length > 0) throw new RangeError(problems.map((p) => `${p.field} ${p.message}`).join('; '));
  const skills = input.skills ?? 1;
  const strategy = input.strategy ?? 'skills';
  const seed = input.seed ?? 42;
  // Two streams, so both strategies see the same arrivals, skills and patience for a seed.
  const arrivalRandom = seededRandom(seed);
  const handleRandom = seededRandom(seed ^ 0x5bd1e995);
  const meanInterarrival = 3600 / input.arrivalsPerHour;
  const measureFrom = (input.warmUpHours ?? input.hours / 10) * 3600;
  const measureTo = measureFrom + input.hours * 3600;
  const patience = input.patienceSeconds ?? null;

  const clock = new ManualClock(new Date(EPOCH_MS));
  const store = new MemoryRoutingStore();
  const settings = Array.from({ length: input.agents }, (_, i) => agentSettings(i, skills));
  const levelOf = new Map(settings.map((s) => [s.agentId, s.skills]));
  const queueOf = new Map<string, string>();
  await store.transaction(async (repo) => {
    for (let k = 0; k < skills; k++) {
      const skill = `skill${k}`;
      const queue: RoutingQueue = defaultQueue({
        id: `queue-${skill}`,
        workspaceId: WORKSPACE,
        name: skill,
        requiredSkills: strategy === 'skills' ? [{ skill, minLevel: 1 }] : [],
        sla: { firstResponseSec: input.slaSeconds > 0 ? input.slaSeconds : null, nextResponseSec: null, escalationQueueId: null },
      });
      queueOf.set(skill, queue.id);
      await repo.saveQueue(queue);
    }
    for (const s of settings) {
      await repo.saveAgent(s, clock.now());
      await repo.setPresence(WORKSPACE, s.agentId, 'online', null, clock.now());
    }
  });

  const events = new EventQueue();
  const conversations = new Map<string, Conversation>();
  const agentOf = new Map<string, string>();
  let arrivals = 0;
  let offered = 0;
  let answered = 0;
  let abandoned = 0;
  let waited = 0;
  let waitSum = 0;
  let withinTarget = 0;
  let proficiencySum = 0;
  let qualified = 0;
  let busy = 0;
  let busyArea = 0;
  let lastAt = 0;
  let decisions = 0;
  let engineMs = 0;

  const transaction = async (work: (repo: RoutingRepository, now: Date) => Promise<RoutingOutcome>): Promise<RoutingOutcome> => {
    const t0 = performance.now();
    const now = clock.now();
    const outcome = await store.transaction((repo) => work(repo, now));
    engineMs += performance.now() - t0;
    decisions++;
    return outcome;
  };
  const apply = (outcome: RoutingOutcome, at: number) => {
    for (const decision of outcome.applied) {
      if (decision.kind !== 'assign') continue;
      const c = conversations.get(decision.conversationId);
      if (!c) continue;
      c.status = 'assigned';
      agentOf.set(decision.conversationId, decision.agentId);
      busy++;
      if (c.measured) {
        const wait = at - c.arrivedAt;
        const level = levelOf.get(decision.agentId)?.[c.skill] ?? 0;
        answered++;
        waitSum += wait;
        if (wait > 1e-6) waited++;
        if (wait <= input.slaSeconds) withinTarget++;
        proficiencySum += level;
        if (level > 0) qualified++;
      }
      events.push(at + exponential(handleRandom, input.ahtSeconds), { kind: 'departure', conversationId: decision.conversationId });
    }
  };
  const finish = async (conversationId: string) => {
    conversations.delete(conversationId);
    agentOf.delete(conversationId);
    await store.forgetClosedConversation(WORKSPACE, conversationId);
  };

  events.push(exponential(arrivalRandom, meanInterarrival), { kind: 'arrival' });
  for (let event = events.pop(); event; event = events.pop()) {
    const at = event.at;
    // Advisor time in use, counted inside the measured window only.
    busyArea += busy * Math.max(0, Math.min(at, measureTo) - Math.max(lastAt, measureFrom));
    lastAt = at;
    clock.set(new Date(EPOCH_MS + at * 1000));
    if (event.kind === 'arrival') {
      const conversationId = `c${String(arrivals++).padStart(9, '0')}`;
      const skill = `skill${Math.floor(arrivalRandom() * skills)}`;
      const measured = at >= measureFrom;
      conversations.set(conversationId, { arrivedAt: at, skill, measured, status: 'waiting' });
      if (measured) offered++;
      if (patience !== null) events.push(at + exponential(arrivalRandom, patience), { kind: 'abandon', conversationId });
      const next = at + exponential(arrivalRandom, meanInterarrival);
      if (next < measureTo) events.push(next, { kind: 'arrival' });
      const outcome = await transaction(async (repo, now) => {
        await enqueueForRouting(
          repo,
          {
            workspaceId: WORKSPACE,
            conversationId,
            customerId: conversationId,
            channelId: 'simulation',
            channelKind: 'chat',
            attributes: noAttributes(),
            queueId: queueOf.get(skill) ?? null,
          },
          now,
        );
        return dispatchConversation(repo, WORKSPACE, conversationId, now);
      });
      apply(outcome, at);
    } else if (event.kind === 'departure') {
      const outcome = await transaction(async (repo, now) => {
        const released = await releaseConversation(repo, WORKSPACE, event.conversationId, now);
        const next: RoutingOutcome = { applied: [], freedAgentIds: released.freedAgentIds };
        for (const agentId of released.freedAgentIds) next.applied.push(...(await dispatchAgent(repo, WORKSPACE, agentId, now)).applied);
        return next;
      });
      busy -= outcome.freedAgentIds.length;
      await finish(event.conversationId);
      apply(outcome, at);
    } else {
      const c = conversations.get(event.conversationId);
      if (c?.status !== 'waiting') continue;
      c.status = 'done';
      if (c.measured) abandoned++;
      await transaction((repo, now) => releaseConversation(repo, WORKSPACE, event.conversationId, now));
      await finish(event.conversationId);
    }
  }
  return {
    offered,
    answered,
    abandoned,
    serviceLevel: offered > 0 ? withinTarget / offered : 0,
    asaSeconds: answered > 0 ? waitSum / answered : 0,
    probabilityOfWaiting: answered > 0 ? waited / answered : 0,
    abandonmentRate: offered > 0 ? abandoned / offered : 0,
    occupancy: busyArea / (input.agents * (measureTo - measureFrom)),
    meanProficiency: answered > 0 ? proficiencySum / answered : 0,
    qualifiedShare: answered > 0 ? qualified / answered : 0,
    decisions,
    engineMs,
  };
}
