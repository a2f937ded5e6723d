import { isOpen, nextOpening } from './calendar.js';
import { hasCapacity, qualify, unavailability, type Qualification } from './eligibility.js';
import { explain } from './explanation.js';
import { compareItems, itemPriority, type ItemPriority } from './priority.js';
import type {
  AgentProfile,
  ChannelCapacity,
  ExplanationFactor,
  HookAnswer,
  RoutingDecision,
  RoutingEvent,
  RoutingItem,
  RoutingQueue,
  RoutingState,
} from './model.js';

// The pure core: route(state, event, now) → decisions. No I/O, no clock, no randomness, so the
// same inputs always give the same decisions (the simulator and the stores rely on it). The
// stores apply the decisions under their locks and re-check capacity there.

interface Candidate {
  agent: AgentProfile;
  qualification: Qualification;
}

interface Planner {
  state: RoutingState;
  now: Date;
  /** Load as it will be once earlier decisions of this call are applied. */
  loads: Map<string, ChannelCapacity>;
  names: (id: string) => string;
}

/**
 * Decides what to do after an event, from the state and the time only.
 *
 * - `conversation_waiting`: route that conversation (assign, offer, wait, overflow or after hours).
 * - `agent_available`: give the advisor the most urgent waiting conversations they qualify for, up to their capacity.
 * - `tick`: re-evaluate every waiting conversation (overflow, preferred-advisor fallback, opening hours).
 *
 * @example
 * const [decision] = route({ queues, agents, items }, { kind: 'conversation_waiting', conversationId }, now);
 * if (decision?.kind === 'assign') console.log(decision.explanation.text.en); // "assigned to Léa: skill billing 5/5, …"
 */
export function route(state: RoutingState, event: RoutingEvent, now: Date): RoutingDecision[] {
  const planner: Planner = { state, now, loads: new Map(), names: namesOf(state) };
  if (event.kind === 'conversation_waiting') {
    const item = state.items.find((i) => i.conversationId === event.conversationId);
    if (!item || item.status !== 'waiting') return [];
    const decision = routeItem(planner, item, null, event.hook ?? null);
    return decision ? [decision] : [];
  }
  const waiting = state.items
    .filter((i) => i.status === 'waiting')
    .map((item) => ({ item, queue: queueOf(state, item), priority: { score: 0, reasons: [] } as ItemPriority }))
    .filter((e): e is { item: RoutingItem; queue: RoutingQueue; priority: ItemPriority } => e.queue !== null)
    .map((e) => ({ ...e, priority: itemPriority(e.item, e.queue, now) }))
    .sort(compareItems);
  const decisions: RoutingDecision[] = [];
  if (event.kind === 'agent_available') {
    const agent = state.agents.find((a) => a.agentId === event.agentId);
    if (!agent || agent.presence !== 'online') return [];
    for (const { item, queue } of waiting) {
      if (queue.mode !== 'push' || !isOpen(queue.businessHours, now)) continue;
      if (!hasCapacity({ capacity: agent.capacity, load: loadOf(planner, agent) }, item.channelKind)) continue;
      // routeItem only ever gives the conversation to a ranked candidate, so when this advisor is
      // not one (not qualified, declined it) the answer is known without ranking every advisor:
      // this keeps a freed advisor's decision linear in the waiting conversations, not in their
      // product with the advisors.
      if (item.declinedAgentIds.includes(agent.agentId) || !qualify(agent, item, queue).qualified) continue;
      const decision = routeItem(planner, item, agent.agentId, null);
      if (decision && (decision.kind === 'assign' || decision.kind === 'offer')) decisions.push(decision);
      if (loadOf(planner, agent).total >= agent.capacity.total) break;
    }
    return decisions;
  }
  for (const { item } of waiting) {
    const decision = routeItem(planner, item, null, null);
    if (decision && decision.kind !== 'wait') decisions.push(decision);
  }
  return decisions;
}

function namesOf(state: RoutingState): (id: string) => string {
  const names = new Map<string, string>();
  for (const a of state.agents) names.set(a.agentId, a.name || a.agentId);
  for (const q of state.queues) names.set(q.id, q.name);
  return (id) => names.get(id) ?? id;
}

function queueOf(state: RoutingState, item: RoutingItem): RoutingQueue | null {
  return state.queues.find((q) => q.id === item.queueId) ?? null;
}

function loadOf(planner: Planner, agent: AgentProfile): ChannelCapacity {
  return planner.loads.get(agent.agentId) ?? agent.load;
}

/** Qualified advisors who can take the conversation now, best first. */
export function rankCandidates(
  agents: readonly AgentProfile[],
  item: RoutingItem,
  queue: RoutingQueue,
  loads: ReadonlyMap<string, ChannelCapacity> = new Map(),
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const agent of agents) {
    const current = { ...agent, load: loads.get(agent.agentId) ?? agent.load };
    if (unavailability(current, item)) continue;
    const qualification = qualify(agent, item, queue);
    if (qualification.qualified) candidates.push({ agent: current, qualification });
  }
  const team = item.attributes.team;
  return candidates.sort((a, b) => {
    // Nearest branch/team first, then proficiency, then the lightest load, then the longest idle.
    const teamA = team && a.agent.teamIds.includes(team) ? 1 : 0;
    const teamB = team && b.agent.teamIds.includes(team) ? 1 : 0;
    if (teamA !== teamB) return teamB - teamA;
    if (a.qualification.skillScore !== b.qualification.skillScore) return b.qualification.skillScore - a.qualification.skillScore;
    const ratio = (c: Candidate) => c.agent.load.total / Math.max(1, c.agent.capacity.total);
    if (ratio(a) !== ratio(b)) return ratio(a) - ratio(b);
    const idle = (c: Candidate) => c.agent.lastAssignedAt?.getTime() ?? 0;
    if (idle(a) !== idle(b)) return idle(a) - idle(b);
    return a.agent.agentId.localeCompare(b.agent.agentId);
  });
}

function routeItem(planner: Planner, item: RoutingItem, onlyAgentId: string | null, hook: HookAnswer | null): RoutingDecision | null {
  const { state, now, names } = planner;
  const queue = queueOf(state, item);
  if (!queue) return null;
  const waitedSec = Math.max(0, Math.round((now.getTime() - item.requestedAt.getTime()) / 1000));
  const id = item.conversationId;

  if (!isOpen(queue.businessHours, now)) {
    const nextOpenAt = nextOpening(queue.businessHours, now);
    const factors: ExplanationFactor[] = [{ kind: 'after_hours', action: queue.afterHours, nextOpenAt: nextOpenAt?.toISOString() ?? null }];
    return {
      kind: 'after_hours',
      conversationId: id,
      action: queue.afterHours,
      nextOpenAt,
      explanation: explain({ en: queue.name, fr: queue.name }, factors, names),
    };
  }

  const overflowAt = queue.overflow ? new Date(item.enqueuedAt.getTime() + queue.overflow.afterSec * 1000) : null;
  const overflow = (): RoutingDecision | null => {
    if (!queue.overflow || !overflowAt || now < overflowAt || !state.queues.some((q) => q.id === queue.overflow?.queueId)) return null;
    const factors: ExplanationFactor[] = [
      { kind: 'overflow', fromQueueId: queue.id, toQueueId: queue.overflow.queueId, afterSec: queue.overflow.afterSec },
      { kind: 'waited', seconds: waitedSec },
    ];
    return {
      kind: 'overflow',
      conversationId: id,
      fromQueueId: queue.id,
      toQueueId: queue.overflow.queueId,
      explanation: explain({ en: queue.name, fr: queue.name }, factors, names),
    };
  };

  if (queue.mode !== 'push') {
    const moved = overflow();
    if (moved) return moved;
    const factors: ExplanationFactor[] = [
      { kind: 'mode', mode: queue.mode },
      { kind: 'waited', seconds: waitedSec },
    ];
    return {
      kind: 'wait',
      conversationId: id,
      reason: queue.mode === 'pull' ? 'pull_mode' : 'manual_mode',
      retryAt: overflowAt,
      explanation: explain(waitingHead(queue), factors, names),
    };
  }

  // For one advisor's decision only that advisor and the preferred one can matter (the others
  // would be filtered out below), so only they are ranked.
  const pool = onlyAgentId && !hook ? state.agents.filter((a) => a.agentId === onlyAgentId || a.agentId === item.attributes.preferredAgentId) : state.agents;
  let candidates = rankCandidates(pool, item, queue, planner.loads);
  const notes: ExplanationFactor[] = [];
  // The hook's advisor wins when still eligible now; otherwise Parley's own choice stands.
  let hookFactor: ExplanationFactor | null = null;
  if (hook) {
    const picked = hook.agentId && !hook.failure ? candidates.find((c) => c.agent.agentId === hook.agentId) : undefined;
    hookFactor = { kind: 'hook', outcome: picked ? 'chosen' : (hook.failure ?? (hook.agentId ? 'ineligible' : 'no_choice')), agentId: hook.agentId };
    if (picked) candidates = [picked];
  }
  const preferredId = hookFactor?.kind === 'hook' && hookFactor.outcome === 'chosen' ? null : item.attributes.preferredAgentId;
  const preferred = preferredId && !item.declinedAgentIds.includes(preferredId) ? state.agents.find((a) => a.agentId === preferredId) : undefined;
  if (preferred) {
    const deadline = new Date(item.enqueuedAt.getTime() + queue.preferredAgentWaitSec * 1000);
    const note = (outcome: Extract<ExplanationFactor, { kind: 'preferred' }>['outcome']): ExplanationFactor => ({
      kind: 'preferred',
      agentId: preferred.agentId,
      name: preferred.name || preferred.agentId,
      outcome,
      reason: item.attributes.preferredReason,
    });
    const chosen = candidates.find((c) => c.agent.agentId === preferred.agentId);
    if (chosen) {
      candidates = [chosen];
      notes.push(note('chosen'));
    } else if (!qualify(preferred, item, queue).qualified) {
      notes.push(note('not_qualified'));
    } else if (preferred.presence === 'offline') {
      notes.push(note('offline'));
    } else if (now < deadline) {
      // Busy, away or full: keep the conversation for them until the configured wait is over.
      const factors: ExplanationFactor[] = [note('waiting'), { kind: 'waited', seconds: waitedSec }];
      return {
        kind: 'wait',
        conversationId: id,
        reason: 'preferred_agent',
        retryAt: overflowAt && overflowAt < deadline ? overflowAt : deadline,
        explanation: explain(waitingHead(queue), factors, names),
      };
    } else {
      notes.push(note('timed_out'));
    }
  }
  if (onlyAgentId) candidates = candidates.filter((c) => c.agent.agentId === onlyAgentId);
  const best = candidates[0];
  if (!best) {
    const moved = overflow();
    if (moved) return moved;
    const online = state.agents.filter((a) => a.presence === 'online').length;
    const qualified = state.agents.filter((a) => qualify(a, item, queue).qualified).length;
    const factors: ExplanationFactor[] = [{ kind: 'no_agent', online, qualified }, { kind: 'waited', seconds: waitedSec }, ...notes];
    return { kind: 'wait', conversationId: id, reason: 'no_agent', retryAt: overflowAt, explanation: explain(waitingHead(queue), factors, names) };
  }

  const agent = best.agent;
  const load = { ...agent.load, [item.channelKind]: agent.load[item.channelKind] + 1, total: agent.load.total + 1 };
  planner.loads.set(agent.agentId, load);
  const priority = itemPriority(item, queue, now);
  const factors: ExplanationFactor[] = [
    ...(hookFactor ? [hookFactor] : []),
    ...best.qualification.factors,
    ...(item.attributes.team && agent.teamIds.includes(item.attributes.team) ? [{ kind: 'team' as const, team: item.attributes.team }] : []),
    { kind: 'load', channelKind: item.channelKind, load: load[item.channelKind], capacity: agent.capacity[item.channelKind] },
    { kind: 'waited', seconds: waitedSec },
    { kind: 'priority', score: priority.score, reasons: priority.reasons },
    ...(item.declinedAgentIds.length > 0 ? [{ kind: 'declined' as const, agentIds: item.declinedAgentIds }] : []),
    ...notes,
  ];
  const name = agent.name || agent.agentId;
  if (queue.offerTimeoutSec !== null) {
    const expiresAt = new Date(now.getTime() + queue.offerTimeoutSec * 1000);
    return {
      kind: 'offer',
      conversationId: id,
      agentId: agent.agentId,
      expiresAt,
      explanation: explain({ en: `offered to ${name}`, fr: `proposée à ${name}` }, factors, names),
    };
  }
  return {
    kind: 'assign',
    conversationId: id,
    agentId: agent.agentId,
    explanation: explain({ en: `assigned to ${name}`, fr: `attribuée à ${name}` }, factors, names),
  };
}

function waitingHead(queue: RoutingQueue): { en: string; fr: string } {
  return { en: `waiting in ${queue.name}`, fr: `en attente dans ${queue.name}` };
}
