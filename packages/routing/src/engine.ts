import { AppError, newId } from '@parley/kernel';
import { explain } from './explanation.js';
import { qualify } from './eligibility.js';
import { compareItems, itemPriority } from './priority.js';
import { firstResponseDueAt } from './sla.js';
import { route } from './route.js';
import type {
  AgentProfile,
  Assignment,
  ChannelKind,
  Explanation,
  HookAnswer,
  ItemAttributes,
  Presence,
  RoutingDecision,
  RoutingItem,
  RoutingQueue,
} from './model.js';
import type { RoutingRepository } from './ports.js';

// The engine applies the pure core's decisions through a RoutingRepository. Lock order is
// always conversation row first, then advisor row, so two dispatchers never deadlock; an
// advisor-driven dispatch takes conversation rows with "skip locked" and never waits on one.

/** A decision as applied: assignments and offers carry the assignment id. */
export type AppliedDecision = RoutingDecision & { assignmentId?: string };

/** A change the caller reflects in the conversation (handler) and the timeline. */
export interface RoutingOutcome {
  applied: AppliedDecision[];
  /** Advisors whose capacity was freed (dispatch them next). */
  freedAgentIds: string[];
}

const MAX_ATTEMPTS = 12;

export interface RoutingRequest {
  workspaceId: string;
  conversationId: string;
  customerId: string;
  channelId: string;
  channelKind: ChannelKind;
  attributes: ItemAttributes;
  /** Explicit queue (transfer, bot handoff); otherwise the channel's queue, else the default one. */
  queueId?: string | null;
}

/** The queue for a channel: the one that lists it, else the default queue, else none. */
export function queueForChannel(queues: readonly RoutingQueue[], channelId: string): RoutingQueue | null {
  return queues.find((q) => q.channelIds.includes(channelId)) ?? queues.find((q) => q.isDefault) ?? null;
}

/**
 * Puts a conversation in its queue as waiting, unless it already waits, is offered or assigned.
 * Fills in the preferred advisor from history when the caller gave none. Returns null when no
 * queue applies (routing is not configured).
 *
 * @example
 * await enqueueForRouting(repo, { workspaceId, conversationId, customerId, channelId, channelKind: 'chat', attributes: noAttributes() }, now);
 */
export async function enqueueForRouting(repo: RoutingRepository, request: RoutingRequest, now: Date): Promise<RoutingItem | null> {
  const existing = await repo.lockItem(request.workspaceId, request.conversationId);
  if (existing && (existing.status === 'waiting' || existing.status === 'offered' || existing.status === 'assigned')) return existing;
  const queues = await repo.listQueues(request.workspaceId);
  const queue = request.queueId ? (queues.find((q) => q.id === request.queueId) ?? null) : queueForChannel(queues, request.channelId);
  if (!queue) return null;
  const attributes = { ...request.attributes };
  if (!attributes.preferredAgentId) {
    const last = await repo.lastAgentForCustomer(request.workspaceId, request.customerId);
    if (last) Object.assign(attributes, { preferredAgentId: last, preferredReason: 'last_agent' });
  }
  const item: RoutingItem = {
    conversationId: request.conversationId,
    workspaceId: request.workspaceId,
    customerId: request.customerId,
    queueId: queue.id,
    channelKind: request.channelKind,
    status: 'waiting',
    enqueuedAt: now,
    requestedAt: now,
    attributes,
    declinedAgentIds: [],
    escalated: false,
    agentId: null,
    offerExpiresAt: null,
    firstResponseDueAt: firstResponseDueAt(queue, now),
    updatedAt: now,
  };
  await repo.saveItem(item);
  return item;
}

/**
 * Routes one waiting conversation: assign, offer, wait, overflow (then route in the new queue)
 * or after hours. Safe to run concurrently for the same conversation and advisors. `hook` is
 * the external routing hook's answer, asked before the transaction (see the core's route()).
 *
 * @example
 * const { applied } = await store.transaction((repo) => dispatchConversation(repo, ws, conversationId, now));
 */
export async function dispatchConversation(
  repo: RoutingRepository,
  workspaceId: string,
  conversationId: string,
  now: Date,
  options: { hook?: HookAnswer } = {},
): Promise<RoutingOutcome> {
  const outcome: RoutingOutcome = { applied: [], freedAgentIds: [] };
  let item = await repo.lockItem(workspaceId, conversationId);
  if (!item || item.status !== 'waiting') return outcome;
  const queues = await repo.listQueues(workspaceId);
  let agents = await repo.listAgents(workspaceId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [decision] = route(
      { queues, agents, items: [item] },
      { kind: 'conversation_waiting', conversationId, ...(options.hook ? { hook: options.hook } : {}) },
      now,
    );
    if (!decision) return outcome;
    if (decision.kind === 'assign' || decision.kind === 'offer') {
      const assignmentId = await tryAssign(repo, item, decision, now);
      if (assignmentId) {
        outcome.applied.push({ ...decision, assignmentId });
        return outcome;
      }
      // Someone else took the slot since the snapshot: look at this advisor again, fresh.
      const fresh = await repo.getAgent(workspaceId, decision.agentId);
      // The reservation failed, so treat the advisor as full for the rest of this call (no loop on them).
      agents = agents.map((a) => (a.agentId === decision.agentId ? { ...(fresh ?? a), load: { ...(fresh ?? a).capacity } } : a));
      continue;
    }
    outcome.applied.push(decision);
    if (decision.kind === 'overflow') {
      item = { ...item, queueId: decision.toQueueId, enqueuedAt: now, declinedAgentIds: [], updatedAt: now };
      await repo.saveItem(item);
      continue;
    }
    if (decision.kind === 'after_hours') await repo.saveItem({ ...item, status: 'after_hours', updatedAt: now });
    return outcome;
  }
  return outcome;
}

/**
 * Gives a newly available advisor the most urgent waiting conversations they qualify for, up to
 * their capacity. Conversations another dispatcher holds are skipped, never waited for.
 *
 * @example
 * await store.transaction((repo) => dispatchAgent(repo, ws, agentId, now));
 */
export async function dispatchAgent(repo: RoutingRepository, workspaceId: string, agentId: string, now: Date): Promise<RoutingOutcome> {
  const outcome: RoutingOutcome = { applied: [], freedAgentIds: [] };
  const [queues, items] = await Promise.all([repo.listQueues(workspaceId), repo.listItems(workspaceId, { statuses: ['waiting'], limit: 500 })]);
  let agents = await repo.listAgents(workspaceId);
  // Conversations another dispatcher holds (or already took) are skipped; the core is asked
  // again without them, so two advisors freed at once don't both give up on the same head.
  const skipped = new Set<string>();
  // Bounded by the conversations listed: every round skips at least one more.
  for (let round = 0; round < items.length; round++) {
    const decisions = route({ queues, agents, items: items.filter((i) => !skipped.has(i.conversationId)) }, { kind: 'agent_available', agentId }, now);
    let contended = false;
    for (const decision of decisions) {
      if (decision.kind !== 'assign' && decision.kind !== 'offer') continue;
      skipped.add(decision.conversationId);
      const item = await repo.tryLockItem(workspaceId, decision.conversationId);
      if (!item || item.status !== 'waiting') {
        contended = true;
        continue;
      }
      const assignmentId = await tryAssign(repo, item, decision, now);
      if (!assignmentId) return outcome; // full or no longer online
      outcome.applied.push({ ...decision, assignmentId });
    }
    if (!contended) return outcome;
    const fresh = await repo.getAgent(workspaceId, agentId);
    if (!fresh) return outcome;
    agents = agents.map((a) => (a.agentId === agentId ? fresh : a));
  }
  return outcome;
}

/**
 * Re-evaluates every waiting conversation of the workspace: overflow, preferred-advisor
 * fallback and opening hours, then whatever became possible.
 *
 * @example
 * await store.transaction((repo) => dispatchTick(repo, ws, now));
 */
export async function dispatchTick(repo: RoutingRepository, workspaceId: string, now: Date): Promise<RoutingOutcome> {
  const outcome: RoutingOutcome = { applied: [], freedAgentIds: [] };
  const items = await repo.listItems(workspaceId, { statuses: ['waiting'], limit: 500 });
  for (const item of items) {
    const result = await dispatchConversation(repo, workspaceId, item.conversationId, now);
    outcome.applied.push(...result.applied.filter((d) => d.kind !== 'wait'));
  }
  return outcome;
}

async function tryAssign(
  repo: RoutingRepository,
  item: RoutingItem,
  decision: Extract<RoutingDecision, { kind: 'assign' | 'offer' }>,
  now: Date,
): Promise<string | null> {
  const reserved = await repo.reserveSlot(item.workspaceId, decision.agentId, item.channelKind, now);
  if (!reserved) return null;
  return recordAssignment(repo, item, decision.agentId, decision.kind === 'offer' ? { offeredUntil: decision.expiresAt } : {}, decision.explanation, now);
}

async function recordAssignment(
  repo: RoutingRepository,
  item: RoutingItem,
  agentId: string,
  options: { offeredUntil?: Date },
  explanation: Explanation,
  now: Date,
): Promise<string> {
  const offered = options.offeredUntil !== undefined;
  const assignment: Assignment = {
    id: newId(now.getTime()),
    workspaceId: item.workspaceId,
    conversationId: item.conversationId,
    agentId,
    channelKind: item.channelKind,
    status: offered ? 'offered' : 'active',
    createdAt: now,
    acceptedAt: offered ? null : now,
    endedAt: null,
    expiresAt: options.offeredUntil ?? null,
    explanation,
  };
  await repo.createAssignment(assignment);
  await repo.saveItem({ ...item, status: offered ? 'offered' : 'assigned', agentId, offerExpiresAt: options.offeredUntil ?? null, updatedAt: now });
  return assignment.id;
}

/**
 * The advisor accepts the conversation offered to them. Throws `invalid_state` if the offer
 * was withdrawn, expired or is someone else's.
 *
 * @example
 * await store.transaction((repo) => acceptOffer(repo, ws, conversationId, agentId, now));
 */
export async function acceptOffer(repo: RoutingRepository, workspaceId: string, conversationId: string, agentId: string, now: Date): Promise<Assignment> {
  const item = await repo.lockItem(workspaceId, conversationId);
  const current = await repo.currentAssignment(workspaceId, conversationId);
  if (!item || item.status !== 'offered' || !current || current.status !== 'offered' || current.agentId !== agentId)
    throw new AppError('invalid_state', 'This conversation is not offered to you (any more)');
  if (current.expiresAt && current.expiresAt <= now) throw new AppError('invalid_state', 'The offer has expired');
  await repo.updateAssignment(workspaceId, current.id, { status: 'active', acceptedAt: now });
  await repo.saveItem({ ...item, status: 'assigned', offerExpiresAt: null, updatedAt: now });
  await repo.touchAgent(workspaceId, agentId, now);
  return { ...current, status: 'active', acceptedAt: now };
}

/**
 * The advisor declines an offer, or it expired: the slot is given back, the advisor is not
 * offered this conversation again, and it is routed to the next advisor. A stale call (the offer
 * was already answered) does nothing.
 *
 * @example
 * await store.transaction((repo) => withdrawOffer(repo, ws, conversationId, agentId, 'expired', now));
 */
export async function withdrawOffer(
  repo: RoutingRepository,
  workspaceId: string,
  conversationId: string,
  agentId: string,
  reason: 'declined' | 'expired',
  now: Date,
): Promise<RoutingOutcome> {
  const item = await repo.lockItem(workspaceId, conversationId);
  const current = await repo.currentAssignment(workspaceId, conversationId);
  if (!item || item.status !== 'offered' || !current || current.status !== 'offered' || current.agentId !== agentId) {
    if (reason === 'declined') throw new AppError('invalid_state', 'This conversation is not offered to you (any more)');
    return { applied: [], freedAgentIds: [] };
  }
  await repo.updateAssignment(workspaceId, current.id, { status: reason, endedAt: now });
  await repo.releaseSlot(workspaceId, agentId, current.channelKind);
  await repo.saveItem({
    ...item,
    status: 'waiting',
    agentId: null,
    offerExpiresAt: null,
    declinedAgentIds: [...new Set([...item.declinedAgentIds, agentId])],
    updatedAt: now,
  });
  const next = await dispatchConversation(repo, workspaceId, conversationId, now);
  return { applied: next.applied, freedAgentIds: [agentId] };
}

/**
 * Pull mode: the advisor takes the most urgent conversation of the queue they qualify for.
 * Returns null when there is none (or all are being taken by others right now).
 *
 * @example
 * const taken = await store.transaction((repo) => pullFromQueue(repo, ws, queueId, agentId, now));
 */
export async function pullFromQueue(
  repo: RoutingRepository,
  workspaceId: string,
  queueId: string,
  agentId: string,
  now: Date,
): Promise<AppliedDecision | null> {
  const queue = await repo.getQueue(workspaceId, queueId);
  if (!queue) throw new AppError('not_found', `Queue ${queueId} does not exist`);
  const agent = await repo.getAgent(workspaceId, agentId);
  if (!agent) throw new AppError('invalid_state', 'You have no routing profile in this workspace');
  const items = (await repo.listItems(workspaceId, { statuses: ['waiting'], queueId, limit: 500 }))
    .map((item) => ({ item, priority: itemPriority(item, queue, now) }))
    .sort(compareItems);
  for (const { item: candidate, priority } of items) {
    const qualification = qualify(agent, candidate, queue);
    if (!qualification.qualified) continue;
    const item = await repo.tryLockItem(workspaceId, candidate.conversationId);
    if (!item || item.status !== 'waiting') continue;
    const reserved = await repo.reserveSlot(workspaceId, agentId, item.channelKind, now);
    if (!reserved) throw new AppError('invalid_state', 'You are not online or have no free capacity for this conversation');
    const name = agent.name || agent.agentId;
    const explanation = explain({ en: `taken by ${name} from ${queue.name}`, fr: `prise par ${name} dans ${queue.name}` }, [
      ...qualification.factors,
      { kind: 'load', channelKind: item.channelKind, load: reserved.load[item.channelKind], capacity: reserved.capacity[item.channelKind] },
      { kind: 'waited', seconds: Math.round((now.getTime() - item.requestedAt.getTime()) / 1000) },
      { kind: 'priority', score: priority.score, reasons: priority.reasons },
    ]);
    const assignmentId = await recordAssignment(repo, item, agentId, {}, explanation, now);
    return { kind: 'assign', conversationId: item.conversationId, agentId, explanation, assignmentId };
  }
  return null;
}

export type TransferTarget = { toAgentId: string; toQueueId?: undefined } | { toQueueId: string; toAgentId?: undefined };

/**
 * Transfers a conversation to an advisor (assigned at once, within their capacity, even if not
 * "online") or to a queue (it waits there and is routed again). The current assignment ends as
 * `transferred` and its slot is freed. Also serves manual assignment of a waiting conversation.
 *
 * @example
 * await store.transaction((repo) => transferConversation(repo, ws, id, { toQueueId }, { note: 'billing question', byName: 'Léa' }, now));
 */
export async function transferConversation(
  repo: RoutingRepository,
  workspaceId: string,
  conversationId: string,
  target: TransferTarget,
  context: { note: string | null; byName: string },
  now: Date,
): Promise<RoutingOutcome & { previousAgentId: string | null }> {
  const outcome: RoutingOutcome & { previousAgentId: string | null } = { applied: [], freedAgentIds: [], previousAgentId: null };
  const item = await repo.lockItem(workspaceId, conversationId);
  if (!item || item.status === 'closed') throw new AppError('invalid_state', 'This conversation is not in routing; it cannot be transferred');
  const current = await repo.currentAssignment(workspaceId, conversationId);
  if (target.toAgentId && current?.agentId === target.toAgentId && current.status === 'active')
    throw new AppError('invalid_state', 'The conversation is already assigned to this advisor');
  if (current) {
    await repo.updateAssignment(workspaceId, current.id, { status: 'transferred', endedAt: now });
    await repo.releaseSlot(workspaceId, current.agentId, current.channelKind);
    outcome.freedAgentIds.push(current.agentId);
    outcome.previousAgentId = current.agentId;
  }
  const note = context.note ? { en: ` (note: ${context.note})`, fr: ` (note : ${context.note})` } : { en: '', fr: '' };
  if (target.toAgentId) {
    const reserved = await repo.reserveSlot(workspaceId, target.toAgentId, item.channelKind, now, { requireOnline: false });
    if (!reserved) throw new AppError('invalid_state', 'This advisor has no routing profile or no free capacity for this conversation');
    const name = reserved.name || reserved.agentId;
    const explanation = explain({ en: `transferred to ${name} by ${context.byName}${note.en}`, fr: `transférée à ${name} par ${context.byName}${note.fr}` }, [
      { kind: 'load', channelKind: item.channelKind, load: reserved.load[item.channelKind], capacity: reserved.capacity[item.channelKind] },
    ]);
    const assignmentId = await recordAssignment(repo, { ...item, declinedAgentIds: [] }, target.toAgentId, {}, explanation, now);
    outcome.applied.push({ kind: 'assign', conversationId, agentId: target.toAgentId, explanation, assignmentId });
    return outcome;
  }
  const queue = await repo.getQueue(workspaceId, target.toQueueId as string);
  if (!queue) throw new AppError('not_found', `Queue ${target.toQueueId} does not exist`);
  await repo.saveItem({
    ...item,
    status: 'waiting',
    queueId: queue.id,
    enqueuedAt: now,
    agentId: null,
    offerExpiresAt: null,
    declinedAgentIds: [],
    updatedAt: now,
  });
  const next = await dispatchConversation(repo, workspaceId, conversationId, now);
  outcome.applied.push(...next.applied);
  return outcome;
}

/** How an advisor took a conversation over by replying: from the bot, or from the queue (waiting or offered). */
export type TakeoverSource = 'bot' | 'queue';

/**
 * An advisor's public reply takes the conversation over: it becomes assigned to them at once
 * (no offer), whatever their presence. A pending offer to them is accepted; one to another
 * advisor is withdrawn (ended as `transferred`, their slot freed, its expiry a no-op since the
 * conversation is no longer offered); a conversation with no routing row (the bot kept it, or it
 * never went through routing) gets one. A conversation another advisor holds is left alone, and so
 * is one whose advisor has no routing profile (nothing to charge). The slot is charged even past
 * the advisor's capacity: the advisor chose to take it, and their load must say what they carry
 * (routing then gives them nothing more until it drops below capacity); the explanation says so.
 *
 * @example
 * const taken = await store.transaction((repo) => takeOverConversation(repo, request, agentId, { byName: 'Léa', from: 'bot' }, now));
 */
export async function takeOverConversation(
  repo: RoutingRepository,
  request: RoutingRequest,
  agentId: string,
  context: { byName: string; from: TakeoverSource },
  now: Date,
): Promise<RoutingOutcome & { withdrawnOffer: Assignment | null }> {
  const { workspaceId, conversationId } = request;
  const outcome: RoutingOutcome & { withdrawnOffer: Assignment | null } = { applied: [], freedAgentIds: [], withdrawnOffer: null };
  const existing = await repo.lockItem(workspaceId, conversationId);
  const current = existing ? await repo.currentAssignment(workspaceId, conversationId) : null;
  // Already assigned (to them, or to someone else whose conversation a reply must not steal).
  if (current?.status === 'active') return outcome;
  if (!(await repo.getAgent(workspaceId, agentId))) return outcome;
  const head =
    context.from === 'bot'
      ? { en: `${context.byName} took over from the virtual agent`, fr: `${context.byName} a répondu et a pris la conversation à l'agent virtuel` }
      : { en: `${context.byName} replied and took the conversation`, fr: `${context.byName} a répondu et a pris la conversation` };
  const explanationFor = (agent: AgentProfile, kind: ChannelKind): Explanation => {
    const over = agent.load[kind] > agent.capacity[kind] || agent.load.total > agent.capacity.total;
    const text = over ? { en: `${head.en} (above capacity, taken by hand)`, fr: `${head.fr} (au-delà de sa capacité, prise à la main)` } : head;
    return explain(text, [{ kind: 'load', channelKind: kind, load: agent.load[kind], capacity: agent.capacity[kind] }]);
  };
  if (existing && current?.status === 'offered' && current.agentId === agentId && (!current.expiresAt || current.expiresAt > now)) {
    // Offered to them: their reply accepts it (the slot was reserved with the offer). An offer past
    // its deadline whose expiry has not run yet is withdrawn below and the slot taken again.
    const accepted = await acceptOffer(repo, workspaceId, conversationId, agentId, now);
    const agent = await repo.getAgent(workspaceId, agentId);
    if (!agent) throw new AppError('invalid_state', 'This advisor has no routing profile');
    const explanation = explanationFor(agent, existing.channelKind);
    outcome.applied.push({ kind: 'assign', conversationId, agentId, explanation, assignmentId: accepted.id });
    return outcome;
  }
  if (current) {
    await repo.updateAssignment(workspaceId, current.id, { status: 'transferred', endedAt: now });
    await repo.releaseSlot(workspaceId, current.agentId, current.channelKind);
    outcome.freedAgentIds.push(current.agentId);
    outcome.withdrawnOffer = current;
  }
  let item = existing;
  if (!item || item.status === 'closed' || item.status === 'after_hours') {
    const queues = await repo.listQueues(workspaceId);
    const queue = request.queueId ? (queues.find((q) => q.id === request.queueId) ?? null) : queueForChannel(queues, request.channelId);
    item = {
      conversationId,
      workspaceId,
      customerId: request.customerId,
      queueId: queue?.id ?? item?.queueId ?? null,
      channelKind: request.channelKind,
      status: 'assigned',
      enqueuedAt: now,
      requestedAt: now,
      attributes: { ...request.attributes },
      declinedAgentIds: [],
      escalated: false,
      agentId: null,
      offerExpiresAt: null,
      firstResponseDueAt: null,
      updatedAt: now,
    };
  }
  // Manual takeover: charged even past capacity (see above), and whatever the presence.
  const reserved = await repo.reserveSlot(workspaceId, agentId, item.channelKind, now, { requireOnline: false, overCapacity: true });
  if (!reserved) throw new AppError('invalid_state', 'This advisor has no routing profile');
  const explanation = explanationFor(reserved, item.channelKind);
  const assignmentId = await recordAssignment(repo, item, agentId, {}, explanation, now);
  outcome.applied.push({ kind: 'assign', conversationId, agentId, explanation, assignmentId });
  return outcome;
}

/**
 * The conversation is resolved or closed: its assignment ends, the slot is freed and the
 * routing row is closed. Returns the advisor who got a slot back, if any.
 *
 * @example
 * const { freedAgentIds } = await store.transaction((repo) => releaseConversation(repo, ws, id, now));
 */
export async function releaseConversation(repo: RoutingRepository, workspaceId: string, conversationId: string, now: Date): Promise<RoutingOutcome> {
  const outcome: RoutingOutcome = { applied: [], freedAgentIds: [] };
  const item = await repo.lockItem(workspaceId, conversationId);
  if (!item || item.status === 'closed') return outcome;
  const current = await repo.currentAssignment(workspaceId, conversationId);
  if (current) {
    await repo.updateAssignment(workspaceId, current.id, { status: 'ended', endedAt: now });
    await repo.releaseSlot(workspaceId, current.agentId, current.channelKind);
    outcome.freedAgentIds.push(current.agentId);
  }
  await repo.saveItem({ ...item, status: 'closed', agentId: current?.agentId ?? item.agentId, offerExpiresAt: null, updatedAt: now });
  return outcome;
}

/**
 * Sets an advisor's presence (with a "not ready" reason for away/busy). Returns the profile;
 * the caller dispatches the advisor when they come online.
 *
 * @example
 * await store.transaction((repo) => changePresence(repo, ws, agentId, 'away', 'break', now));
 */
export async function changePresence(
  repo: RoutingRepository,
  workspaceId: string,
  agentId: string,
  presence: Presence,
  reason: string | null,
  now: Date,
): Promise<AgentProfile> {
  const agent = await repo.lockAgent(workspaceId, agentId);
  if (!agent) throw new AppError('invalid_state', 'This user has no routing profile in this workspace');
  const updated = await repo.setPresence(workspaceId, agentId, presence, presence === 'online' || presence === 'offline' ? null : reason, now);
  return updated as AgentProfile;
}

/** Online advisors idle for longer than `idleSec` (auto-away candidates). */
export function idleAgents(agents: readonly AgentProfile[], now: Date, idleSec: number): AgentProfile[] {
  return agents.filter(
    (a) => a.presence === 'online' && a.load.total === 0 && a.lastActivityAt !== null && now.getTime() - a.lastActivityAt.getTime() >= idleSec * 1000,
  );
}

/**
 * Sets idle online advisors (no conversation, no activity for `idleSec`) to away with the
 * reason "auto_away". Returns who changed.
 *
 * @example
 * await store.transaction((repo) => applyAutoAway(repo, ws, now, 900));
 */
export async function applyAutoAway(repo: RoutingRepository, workspaceId: string, now: Date, idleSec: number): Promise<string[]> {
  const changed: string[] = [];
  for (const candidate of idleAgents(await repo.listAgents(workspaceId), now, idleSec)) {
    const agent = await repo.lockAgent(workspaceId, candidate.agentId);
    if (!agent || idleAgents([agent], now, idleSec).length === 0) continue;
    await repo.setPresence(workspaceId, agent.agentId, 'away', 'auto_away', now);
    changed.push(agent.agentId);
  }
  return changed;
}
