import { newId, type BusEvent, type Clock } from '@parley/kernel';

/**
 * An ephemeral live update (typing, presence) published straight on the bus: nothing is
 * stored, so there is no transaction to wait for. Every process relays it to its own sockets.
 */
export function liveEvent(clock: Clock, name: string, workspaceId: string, payload: unknown): BusEvent {
  const now = clock.now();
  return { id: newId(now.getTime()), name, workspaceId, payload, occurredAt: now.toISOString() };
}
