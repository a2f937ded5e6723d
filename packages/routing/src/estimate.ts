import { isOpen, nextOpening } from './calendar.js';
import { hasCapacity, qualify } from './eligibility.js';
import { noAttributes, type AgentProfile, type RoutingItem, type RoutingQueue } from './model.js';

export interface QueueStats {
  queueId: string;
  open: boolean;
  nextOpenAt: Date | null;
  waiting: number;
  /** Qualified advisors online. */
  agentsOnline: number;
  /** Qualified advisors online with room for one more chat. */
  agentsAvailable: number;
  /** Free chat slots among qualified online advisors. */
  freeSlots: number;
  /** Seconds a conversation entering now would wait, 0 when an advisor is free; null when nobody can answer. */
  estimatedWaitSec: number | null;
  longestWaitSec: number;
}

/**
 * Queue statistics and the estimated wait: 0 if a qualified advisor has room, otherwise the
 * conversations ahead (beyond the free slots) served at the rate of the online capacity
 * (online slots / average handle time). Null when the queue is closed or nobody qualified is online.
 *
 * @example
 * queueStats(queue, agents, items, now).estimatedWaitSec; // 120
 */
export function queueStats(queue: RoutingQueue, agents: readonly AgentProfile[], items: readonly RoutingItem[], now: Date): QueueStats {
  const qualified = agents.filter((a) => a.presence === 'online' && servesQueue(a, queue, now));
  const waitingItems = items.filter((i) => i.queueId === queue.id && i.status === 'waiting');
  const freeSlots = qualified.reduce((n, a) => n + Math.max(0, Math.min(a.capacity.chat - a.load.chat, a.capacity.total - a.load.total)), 0);
  const slots = qualified.reduce((n, a) => n + Math.min(a.capacity.chat, a.capacity.total), 0);
  const open = isOpen(queue.businessHours, now);
  const ahead = waitingItems.length - freeSlots;
  let estimatedWaitSec: number | null;
  if (!open || slots === 0) estimatedWaitSec = null;
  else if (ahead < 0) estimatedWaitSec = 0;
  else estimatedWaitSec = Math.round(((ahead + 1) * queue.averageHandleSec) / slots);
  const longestWaitSec = waitingItems.reduce((m, i) => Math.max(m, Math.round((now.getTime() - i.requestedAt.getTime()) / 1000)), 0);
  return {
    queueId: queue.id,
    open,
    nextOpenAt: open ? null : nextOpening(queue.businessHours, now),
    waiting: waitingItems.length,
    agentsOnline: qualified.length,
    agentsAvailable: qualified.filter((a) => hasCapacity(a, 'chat')).length,
    freeSlots,
    estimatedWaitSec,
    longestWaitSec,
  };
}

/**
 * Whether an advisor could take a plain chat of this queue (its skill and language rules,
 * whatever their presence): the advisors a wallboard counts for the queue.
 *
 * @example
 * agents.filter((a) => servesQueue(a, queue, now)).length; // 3
 */
export function servesQueue(agent: AgentProfile, queue: RoutingQueue, now: Date): boolean {
  const probe: RoutingItem = {
    conversationId: '',
    workspaceId: queue.workspaceId,
    customerId: '',
    queueId: queue.id,
    channelKind: 'chat',
    status: 'waiting',
    enqueuedAt: now,
    requestedAt: now,
    attributes: noAttributes(),
    declinedAgentIds: [],
    escalated: false,
    agentId: null,
    offerExpiresAt: null,
    firstResponseDueAt: null,
    updatedAt: now,
  };
  return qualify(agent, probe, queue).qualified;
}
