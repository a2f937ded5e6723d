import { AppError } from '@parley/kernel';
import { requirePermission, type Principal } from '@parley/domain';
import {
  isOpen,
  nextOpening,
  queueForChannel,
  queueStats,
  servesQueue,
  type Assignment,
  type Presence,
  type QueueStats,
  type RoutingItem,
} from '@parley/routing';
import type { UseCaseDeps } from '../deps.js';
import { routingOf } from './routing-effects.js';

/**
 * Waiting conversations, available advisors and the estimated wait of a queue.
 *
 * @example
 * const { waiting, estimatedWaitSec } = await getQueueStats(deps, principal, queueId);
 */
export async function getQueueStats(deps: UseCaseDeps, principal: Principal, queueId: string): Promise<QueueStats & { items: RoutingItem[] }> {
  requirePermission(principal, 'conversations:read');
  const routing = routingOf(deps, deps.store.read);
  const queue = await routing.getQueue(principal.workspaceId, queueId);
  if (!queue) throw new AppError('not_found', `Queue ${queueId} does not exist`);
  const [agents, items] = await Promise.all([
    routing.listAgents(principal.workspaceId),
    routing.listItems(principal.workspaceId, { statuses: ['waiting'], queueId, limit: 500 }),
  ]);
  return { ...queueStats(queue, agents, items, deps.clock.now()), items };
}

export interface Availability {
  channelId: string;
  queueId: string | null;
  open: boolean;
  nextOpenAt: Date | null;
  agentsAvailable: number;
  estimatedWaitSec: number | null;
  /** Show the chat button: open and someone qualified online. */
  chatAvailable: boolean;
  /** Offer a callback instead: closed, nobody online, or a wait above `callbackAboveSec`. */
  offerCallback: boolean;
}

/**
 * Public availability of a channel's queue for the widget's click-to-chat rules and the
 * callback offer. Needs only the channel id (the widget is anonymous) and reveals counts only.
 *
 * @example
 * await channelAvailability(deps, channelId); // { open: true, estimatedWaitSec: 40, chatAvailable: true, offerCallback: false, … }
 */
export async function channelAvailability(
  deps: UseCaseDeps,
  channelId: string,
  options: { workspaceId?: string; callbackAboveSec?: number } = {},
): Promise<Availability> {
  const channel = await deps.store.read.channels.getForInbound(channelId);
  if (!channel || (options.workspaceId && channel.workspaceId !== options.workspaceId))
    throw new AppError('channel_not_found', `Channel ${channelId} does not exist`);
  const routing = routingOf(deps, deps.store.read);
  const now = deps.clock.now();
  const queue = queueForChannel(await routing.listQueues(channel.workspaceId), channelId);
  if (!queue)
    return { channelId, queueId: null, open: true, nextOpenAt: null, agentsAvailable: 0, estimatedWaitSec: null, chatAvailable: true, offerCallback: false };
  const [agents, items] = await Promise.all([
    routing.listAgents(channel.workspaceId),
    routing.listItems(channel.workspaceId, { statuses: ['waiting'], queueId: queue.id, limit: 500 }),
  ]);
  const stats = queueStats(queue, agents, items, now);
  const open = isOpen(queue.businessHours, now);
  const chatAvailable = open && stats.agentsOnline > 0;
  const limit = options.callbackAboveSec ?? 300;
  return {
    channelId,
    queueId: queue.id,
    open,
    nextOpenAt: open ? null : nextOpening(queue.businessHours, now),
    agentsAvailable: stats.agentsAvailable,
    estimatedWaitSec: stats.estimatedWaitSec,
    chatAvailable,
    offerCallback: !chatAvailable || (stats.estimatedWaitSec ?? 0) > limit,
  };
}

/**
 * The caller's routing state for the agent app: profile (presence, load, capacity), pending
 * offers and active assignments with their explanations.
 *
 * @example
 * const { profile, offers, assignments } = await myRouting(deps, principal);
 */
export async function myRouting(
  deps: UseCaseDeps,
  principal: Principal,
): Promise<{ profile: Awaited<ReturnType<ReturnType<typeof routingOf>['getAgent']>>; offers: Assignment[]; assignments: Assignment[] }> {
  requirePermission(principal, 'routing:work');
  const routing = routingOf(deps, deps.store.read);
  const [profile, open] = await Promise.all([
    routing.getAgent(principal.workspaceId, principal.userId),
    routing.listAssignments(principal.workspaceId, { agentId: principal.userId, statuses: ['offered', 'active'], limit: 200 }),
  ]);
  return { profile, offers: open.filter((a) => a.status === 'offered'), assignments: open.filter((a) => a.status === 'active') };
}

/** A conversation's routing row and assignment history (explanations included), newest first. */
export async function conversationRouting(
  deps: UseCaseDeps,
  principal: Principal,
  conversationId: string,
): Promise<{ item: RoutingItem | null; assignments: Assignment[] }> {
  requirePermission(principal, 'conversations:read');
  const routing = routingOf(deps, deps.store.read);
  if (!(await deps.store.read.conversations.get(principal.workspaceId, conversationId)))
    throw new AppError('conversation_not_found', `Conversation ${conversationId} does not exist`);
  const [item, assignments] = await Promise.all([
    routing.getItem(principal.workspaceId, conversationId),
    routing.listAssignments(principal.workspaceId, { conversationId, limit: 100 }),
  ]);
  return { item, assignments };
}

/** A queue as the supervisor wallboard shows it. */
export interface QueueBoard {
  queueId: string;
  name: string;
  open: boolean;
  waiting: number;
  longestWaitSec: number;
  estimatedWaitSec: number | null;
  /** The queue's next-response target and expected handle time (the struggle rule's thresholds). */
  nextResponseSec: number | null;
  averageHandleSec: number;
  /**
   * Today's (UTC) first responses against the queue's target: `share` is met / decided, null
   * without a target or before any conversation is decided (answered, or past due unanswered).
   */
  serviceLevel: { targetSec: number | null; met: number; decided: number; share: number | null };
  /** Advisors whose skills and languages serve the queue, by presence. */
  agents: Record<Presence, number>;
  /** Load over capacity (total slots) of the queue's online advisors; share null when nobody is online. */
  occupancy: { load: number; capacity: number; share: number | null };
}

/** An advisor as the supervisor wallboard shows it. */
export interface AgentBoard {
  agentId: string;
  name: string;
  presence: Presence;
  presenceReason: string | null;
  load: number;
  capacity: number;
  /** Assignments ended today (UTC): the conversation was resolved, closed or handed on. */
  handledToday: number;
  averageHandleSec: number | null;
}

/** A routed conversation's state as the wallboard's struggle rule reads it. */
export interface ConversationBoard {
  conversationId: string;
  queueId: string | null;
  escalated: boolean;
  /** When the current advisor's assignment started (accepted, or created for direct assignment). */
  handlingSince: Date | null;
}

const PRESENCES: readonly Presence[] = ['online', 'busy', 'away', 'offline'];
/** Bounds that keep the board to a handful of queries whatever the day's traffic. */
const BOARD_ITEMS_PER_QUEUE = 200;
const BOARD_ENDED_ASSIGNMENTS = 1000;

/**
 * Per-queue and per-advisor figures of the supervisor wallboard (`supervise`): waiting count,
 * longest and estimated wait, today's service level, advisors by presence and occupancy; each
 * advisor's load and today's average handle time. "Today" starts at midnight UTC.
 *
 * @example
 * const { queues, agents } = await supervisionBoard(deps, principal);
 */
export async function supervisionBoard(
  deps: UseCaseDeps,
  principal: Principal,
): Promise<{ queues: QueueBoard[]; agents: AgentBoard[]; conversations: ConversationBoard[] }> {
  requirePermission(principal, 'supervise');
  const routing = routingOf(deps, deps.store.read);
  const now = deps.clock.now();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const ws = principal.workspaceId;
  const [queues, agents, waiting, routed, active, ended] = await Promise.all([
    routing.listQueues(ws),
    routing.listAgents(ws),
    routing.listItems(ws, { statuses: ['waiting'], limit: 1000 }),
    routing.listItems(ws, { statuses: ['offered', 'assigned'], limit: 1000 }),
    routing.listAssignments(ws, { statuses: ['active'], limit: 1000 }),
    routing.listAssignments(ws, { statuses: ['ended'], limit: BOARD_ENDED_ASSIGNMENTS }),
  ]);
  const queueBoards = await Promise.all(
    queues.map(async (queue): Promise<QueueBoard> => {
      const stats = queueStats(queue, agents, waiting, now);
      const serving = agents.filter((a) => servesQueue(a, queue, now));
      const online = serving.filter((a) => a.presence === 'online');
      const load = online.reduce((n, a) => n + a.load.total, 0);
      const capacity = online.reduce((n, a) => n + a.capacity.total, 0);
      const agentsByPresence = Object.fromEntries(PRESENCES.map((p) => [p, serving.filter((a) => a.presence === p).length])) as Record<Presence, number>;
      return {
        queueId: queue.id,
        name: queue.name,
        open: stats.open,
        waiting: stats.waiting,
        longestWaitSec: stats.longestWaitSec,
        estimatedWaitSec: stats.estimatedWaitSec,
        nextResponseSec: queue.sla.nextResponseSec,
        averageHandleSec: queue.averageHandleSec,
        serviceLevel: await serviceLevel(routing, ws, queue.id, queue.sla.firstResponseSec, dayStart, now),
        agents: agentsByPresence,
        occupancy: { load, capacity, share: capacity > 0 ? load / capacity : null },
      };
    }),
  );
  const agentBoards = agents.map((a): AgentBoard => {
    const handled = ended.filter((x) => x.agentId === a.agentId && x.endedAt && x.endedAt >= dayStart);
    const total = handled.reduce((n, x) => n + ((x.endedAt as Date).getTime() - (x.acceptedAt ?? x.createdAt).getTime()), 0);
    return {
      agentId: a.agentId,
      name: a.name,
      presence: a.presence,
      presenceReason: a.presenceReason,
      load: a.load.total,
      capacity: a.capacity.total,
      handledToday: handled.length,
      averageHandleSec: handled.length > 0 ? Math.round(total / handled.length / 1000) : null,
    };
  });
  const started = new Map(active.map((a) => [a.conversationId, a.acceptedAt ?? a.createdAt]));
  const conversations = routed.map((i) => ({
    conversationId: i.conversationId,
    queueId: i.queueId,
    escalated: i.escalated,
    handlingSince: started.get(i.conversationId) ?? null,
  }));
  return { queues: queueBoards, agents: agentBoards, conversations };
}

async function serviceLevel(
  routing: ReturnType<typeof routingOf>,
  workspaceId: string,
  queueId: string,
  targetSec: number | null,
  since: Date,
  now: Date,
): Promise<QueueBoard['serviceLevel']> {
  if (targetSec === null) return { targetSec, met: 0, decided: 0, share: null };
  const items = await routing.listItems(workspaceId, {
    statuses: ['waiting', 'offered', 'assigned', 'after_hours', 'closed'],
    queueId,
    requestedSince: since,
    limit: BOARD_ITEMS_PER_QUEUE,
  });
  let met = 0;
  let decided = 0;
  const replies = await routing.firstAgentReplies(
    workspaceId,
    items.map((i) => ({ conversationId: i.conversationId, since: i.requestedAt })),
  );
  for (const item of items) {
    const due = item.requestedAt.getTime() + targetSec * 1000;
    const reply = replies.get(item.conversationId) ?? null;
    if (reply) {
      decided++;
      if (reply.getTime() <= due) met++;
    } else if (now.getTime() > due) decided++;
  }
  return { targetSec, met, decided, share: decided > 0 ? met / decided : null };
}
