import type { Message } from '../api/types.js';

/**
 * Adds or replaces messages by id, ordered by seq (live events and REST answers may arrive in
 * any order and twice).
 * @example mergeMessages([m1], [m2, m1]).map((m) => m.seq) // [1, 2]
 */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return current as Message[];
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) {
    const existing = byId.get(m.id);
    // Keep a status already advanced by a live `message:status` over an older REST copy.
    byId.set(m.id, existing && rank(existing.deliveryStatus) > rank(m.deliveryStatus) ? { ...m, deliveryStatus: existing.deliveryStatus } : m);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

const ORDER = ['pending', 'sent', 'delivered', 'read'];
/** failed is final; otherwise pending < sent < delivered < read. */
function rank(status: string): number {
  if (status === 'failed') return 10;
  const i = ORDER.indexOf(status);
  return i === -1 ? -1 : i;
}

export function setDeliveryStatus(messages: readonly Message[], messageId: string, status: string): Message[] {
  return messages.map((m) => (m.id === messageId && rank(status) >= rank(m.deliveryStatus) ? { ...m, deliveryStatus: status } : m));
}
