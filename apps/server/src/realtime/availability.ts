import type { Channel } from '@parley/domain';
import { rooms, type AgentNamespace } from './realtime-types.js';

const CACHE_MS = 2_000;

/** Whether someone can answer a web chat now (click-to-chat shows the button only then). */
export interface Availability {
  available(channel: Pick<Channel, 'id' | 'workspaceId' | 'botId'>): Promise<boolean>;
  /** Presence changed on this process: forget the cached answer. */
  invalidate(workspaceId: string): void;
}

/**
 * Routing's answer for a channel: null when the workspace has no queue for it (routing off or
 * not configured), else whether its queue is open with a qualified advisor online.
 */
export type RoutingAvailability = (channelId: string, workspaceId: string) => Promise<boolean | null>;

/**
 * A bot attached to the channel always answers. When routing has a queue for the channel, its
 * availability decides (open, and a qualified advisor online in the routing store: the same
 * presence the agent app's switch sets). Otherwise at least one agent socket of the workspace
 * must be `online`, on any process (`fetchSockets()` goes through the Redis adapter).
 * Answers are cached for 2 s per channel so a busy site's widgets don't each ask every process.
 */
export function createAvailability(agents: () => AgentNamespace | null, routing?: RoutingAvailability): Availability {
  const cache = new Map<string, { workspaceId: string; value: boolean; at: number; pending?: Promise<boolean> }>();
  const bySockets = async (workspaceId: string): Promise<boolean> => {
    const ns = agents();
    if (!ns) return false;
    const sockets = await ns.in(rooms.workspace(workspaceId)).fetchSockets();
    return sockets.some((s) => s.data.presence === 'online');
  };
  const compute = async (channel: Pick<Channel, 'id' | 'workspaceId'>): Promise<boolean> => {
    const routed = routing ? await routing(channel.id, channel.workspaceId).catch(() => null) : null;
    return routed ?? bySockets(channel.workspaceId);
  };
  return {
    async available(channel) {
      if (channel.botId) return true;
      const hit = cache.get(channel.id);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.pending ?? hit.value;
      const pending = compute(channel).catch(() => false);
      cache.set(channel.id, { workspaceId: channel.workspaceId, value: false, at: Date.now(), pending });
      const value = await pending;
      cache.set(channel.id, { workspaceId: channel.workspaceId, value, at: Date.now() });
      return value;
    },
    invalidate(workspaceId) {
      for (const [key, entry] of cache) if (entry.workspaceId === workspaceId) cache.delete(key);
    },
  };
}
