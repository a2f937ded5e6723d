import { storage } from './local-storage.js';

export type AgentPresence = 'online' | 'busy' | 'away';
const KEY = 'parley.agent.presence';
const REASON_KEY = 'parley.agent.presence-reason';

export function loadPresence(): AgentPresence {
  const stored = storage.get(KEY);
  return stored === 'away' || stored === 'busy' ? stored : 'online';
}

export function savePresence(presence: AgentPresence): void {
  storage.set(KEY, presence);
}

/** The "not ready" reason that goes with busy/away (null when none). */
export function loadPresenceReason(): string | null {
  return storage.get(REASON_KEY) || null;
}

export function savePresenceReason(reason: string | null): void {
  storage.set(REASON_KEY, reason ?? '');
}
