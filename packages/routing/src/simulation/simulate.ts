import { route } from '../route.js';
import { defaultQueue, noAttributes, type AgentProfile, type RoutingItem, type RoutingQueue } from '../model.js';

export interface SimulationInput {
  arrivalRate: number;
  handleTimeSec: number;
  agents: number;
  targetSec: number;
  /** Conversations to simulate (after the warm-up). */
  conversations: number;
  /** Conversations ignored at the start while the queue fills up (default 10 %). */
  warmUp?: number;
  seed?: number;
}

export interface SimulationResult {
  conversations: number;
  probabilityOfWaiting: number;
  averageSpeedOfAnswerSec: number;
  serviceLevel: number;
  /** Routing decisions taken by the core. */
  decisions: number;
  /** Wall-clock time spent inside route(), ms. */
  routeMs: number;
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

/**
 * A discrete-event simulation of the routing core under Erlang C's assumptions: Poisson
 * arrivals, exponential handle times, N advisors with a capacity of one conversation, one push
 * queue without SLA boosts (so service is first come, first served). Every routing decision is
 * taken by `route()`; the simulation only moves the clock and applies them.
 *
 * @example
 * simulateQueue({ arrivalRate: 8 / 300, handleTimeSec: 300, agents: 10, targetSec: 20, conversations: 50_000 }).serviceLevel; // ≈ 0.64
 */
export function simulateQueue(input: SimulationInput): SimulationResult {
  const random = seededRandom(input.seed ?? 42);
  const ws = 'sim';
  const queue: RoutingQueue = defaultQueue({
    id: 'q',
    workspaceId: ws,
    name: 'Sim',
    priorityRules: { vipAttribute: null, vipBoost: 0, botHandoffBoost: 0, angryBoost: 0, escalationBoost: 0, slaWeight: 0 },
  });
  const agents = new Map<string, AgentProfile>();
  for (let i = 0; i < input.agents; i++) {
    const id = `a${String(i).padStart(4, '0')}`;
    agents.set(id, {
      agentId: id,
      workspaceId: ws,
      name: id,
      skills: {},
      languages: [],
      teamIds: [],
      capacity: { voice: 1, chat: 1, async: 1, total: 1 },
      presence: 'online',
      presenceReason: null,
      load: { voice: 0, chat: 0, async: 0, total: 0 },
      lastActivityAt: null,
      lastAssignedAt: null,
    });
  }
  const warmUp = input.warmUp ?? Math.round(input.conversations / 10);
  const total = input.conversations + warmUp;
  // Pending departures, kept sorted by time (few of them: at most N).
  const departures: Array<{ at: number; agentId: string }> = [];
  const waiting: RoutingItem[] = [];
  const arrivedAt = new Map<string, number>();
  let nextArrival = exponential(random, 1 / input.arrivalRate);
  let arrived = 0;
  let decisions = 0;
  let routeMs = 0;
  let measured = 0;
  let waited = 0;
  let waitSum = 0;
  let withinTarget = 0;

  const apply = (conversationId: string, agentId: string, now: number) => {
    const start = arrivedAt.get(conversationId) ?? now;
    const index = Number(conversationId.slice(1));
    if (index >= warmUp) {
      const wait = now - start;
      measured++;
      waitSum += wait;
      if (wait > 1e-9) waited++;
      if (wait <= input.targetSec) withinTarget++;
    }
    const agent = agents.get(agentId) as AgentProfile;
    agents.set(agentId, { ...agent, load: { voice: 0, chat: 1, async: 0, total: 1 }, lastAssignedAt: new Date(now * 1000) });
    const at = now + exponential(random, input.handleTimeSec);
    const pos = departures.findIndex((d) => d.at > at);
    departures.splice(pos < 0 ? departures.length : pos, 0, { at, agentId });
  };
  const decide = (items: RoutingItem[], event: Parameters<typeof route>[1], now: number) => {
    const t0 = performance.now();
    const result = route({ queues: [queue], agents: [...agents.values()], items }, event, new Date(now * 1000));
    routeMs += performance.now() - t0;
    decisions++;
    return result;
  };

  while (arrived < total || departures.length > 0) {
    const departure = departures[0];
    if (arrived < total && (!departure || nextArrival <= departure.at)) {
      const now = nextArrival;
      const id = `c${arrived}`;
      arrived++;
      nextArrival = now + exponential(random, 1 / input.arrivalRate);
      arrivedAt.set(id, now);
      const item: RoutingItem = {
        conversationId: id,
        workspaceId: ws,
        customerId: id,
        queueId: queue.id,
        channelKind: 'chat',
        status: 'waiting',
        enqueuedAt: new Date(now * 1000),
        requestedAt: new Date(now * 1000),
        attributes: noAttributes(),
        declinedAgentIds: [],
        escalated: false,
        agentId: null,
        offerExpiresAt: null,
        firstResponseDueAt: null,
        updatedAt: new Date(now * 1000),
      };
      // FCFS: a newcomer is only routed when nobody waits ahead of it.
      const [decision] = waiting.length === 0 ? decide([item], { kind: 'conversation_waiting', conversationId: id }, now) : [];
      if (decision?.kind === 'assign') apply(id, decision.agentId, now);
      else waiting.push(item);
    } else if (departure) {
      departures.shift();
      const now = departure.at;
      const agent = agents.get(departure.agentId) as AgentProfile;
      agents.set(agent.agentId, { ...agent, load: { voice: 0, chat: 0, async: 0, total: 0 } });
      if (waiting.length === 0) continue;
      const [decision] = decide(waiting, { kind: 'agent_available', agentId: agent.agentId }, now);
      if (decision?.kind === 'assign') {
        const index = waiting.findIndex((w) => w.conversationId === decision.conversationId);
        waiting.splice(index, 1);
        apply(decision.conversationId, decision.agentId, now);
      }
    }
  }
  return {
    conversations: measured,
    probabilityOfWaiting: waited / measured,
    averageSpeedOfAnswerSec: waitSum / measured,
    serviceLevel: withinTarget / measured,
    decisions,
    routeMs,
  };
}
