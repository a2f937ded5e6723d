import { storage } from './local-storage.js';

// The seq up to which this agent has read each conversation, kept in the browser (the server
// learns it through the socket's `read` event).
const keyOf = (userId: string) => `parley.agent.read.${userId}`;

function load(userId: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(storage.get(keyOf(userId)) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function readSeqOf(userId: string, conversationId: string): number {
  const value = load(userId)[conversationId];
  return typeof value === 'number' ? value : 0;
}

export function saveReadSeq(userId: string, conversationId: string, seq: number): void {
  const markers = load(userId);
  if ((markers[conversationId] ?? 0) >= seq) return;
  markers[conversationId] = seq;
  // Keep the newest 500 markers.
  const entries = Object.entries(markers).slice(-500);
  storage.set(keyOf(userId), JSON.stringify(Object.fromEntries(entries)));
}
