import type { RoutingItem, RoutingQueue } from './model.js';

export type SlaKind = 'first_response' | 'next_response';

/**
 * When the first response is due: the request time plus the queue's target, or null without one.
 * Stored on the routing row so a delayed job (or any store) can fire the timer.
 *
 * @example
 * firstResponseDueAt(queue, item.requestedAt); // 2026-01-05T09:01:00Z for a 60 s target
 */
export function firstResponseDueAt(queue: RoutingQueue, requestedAt: Date): Date | null {
  return queue.sla.firstResponseSec === null ? null : new Date(requestedAt.getTime() + queue.sla.firstResponseSec * 1000);
}

/** When the next response is due after a customer message, or null without a target. */
export function nextResponseDueAt(queue: RoutingQueue, customerMessageAt: Date): Date | null {
  return queue.sla.nextResponseSec === null ? null : new Date(customerMessageAt.getTime() + queue.sla.nextResponseSec * 1000);
}

export interface SlaVerdict {
  breached: boolean;
  /** Seconds past the target (0 when met). */
  overBySec: number;
  /** Move the conversation to this queue (still waiting, escalation queue configured). */
  escalateToQueueId: string | null;
}

/**
 * Was the target met? `respondedAt` is the advisor's first public reply after the start of the
 * timer, or null if none yet. A timer checked early is not breached.
 *
 * @example
 * checkSla({ dueAt, respondedAt: null, now, item, queue }).breached; // true once now >= dueAt
 */
export function checkSla(input: { dueAt: Date; respondedAt: Date | null; now: Date; item: RoutingItem; queue: RoutingQueue }): SlaVerdict {
  const { dueAt, respondedAt, now, item, queue } = input;
  const answeredInTime = respondedAt !== null && respondedAt <= dueAt;
  const breached = !answeredInTime && now >= dueAt;
  const overBySec = breached ? Math.round(((respondedAt ?? now).getTime() - dueAt.getTime()) / 1000) : 0;
  const target = queue.sla.escalationQueueId;
  return { breached, overBySec, escalateToQueueId: breached && item.status === 'waiting' && target && target !== item.queueId ? target : null };
}
