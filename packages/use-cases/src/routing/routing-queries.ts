import { AppError } from '@parley/kernel';
import { requirePermission, type Principal } from '@parley/domain';
import { isOpen, nextOpening, queueForChannel, queueStats, type Assignment, type QueueStats, type RoutingItem } from '@parley/routing';
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
