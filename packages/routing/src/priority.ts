import type { RoutingItem, RoutingQueue } from './model.js';

export interface ItemPriority {
  score: number;
  reasons: string[];
}

/**
 * The order in which waiting conversations are served: the queue's base priority, plus VIP,
 * bot handoff, an angry customer (when the queue says so), an escalation after an SLA breach,
 * and the share of the first-response target already waited (so the longest-waiting
 * conversation catches up with boosted ones).
 *
 * @example
 * itemPriority(item, queue, now); // { score: 62.5, reasons: ['vip', 'sla 63%'] }
 */
export function itemPriority(item: RoutingItem, queue: RoutingQueue, now: Date): ItemPriority {
  const rules = queue.priorityRules;
  const reasons: string[] = [];
  let score = queue.priority;
  if (item.attributes.vip && rules.vipBoost) {
    score += rules.vipBoost;
    reasons.push('vip');
  }
  if (item.attributes.botHandoff && rules.botHandoffBoost) {
    score += rules.botHandoffBoost;
    reasons.push('bot_handoff');
  }
  if (item.attributes.emotion === 'angry' && rules.angryBoost) {
    score += rules.angryBoost;
    reasons.push('angry');
  }
  if (item.escalated && rules.escalationBoost) {
    score += rules.escalationBoost;
    reasons.push('escalated');
  }
  const target = queue.sla.firstResponseSec;
  if (target && rules.slaWeight) {
    const share = Math.max(0, (now.getTime() - item.requestedAt.getTime()) / 1000 / target);
    score += share * rules.slaWeight;
    if (share > 0) reasons.push(`sla ${Math.round(share * 100)}%`);
  }
  return { score, reasons };
}

/** Sort order for waiting conversations: higher priority first, then the longest waiting. */
export function compareItems(a: { item: RoutingItem; priority: ItemPriority }, b: { item: RoutingItem; priority: ItemPriority }): number {
  return (
    b.priority.score - a.priority.score ||
    a.item.requestedAt.getTime() - b.item.requestedAt.getTime() ||
    a.item.conversationId.localeCompare(b.item.conversationId)
  );
}
