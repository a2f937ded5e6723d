import type { Namespace } from 'socket.io';
import type { AgentClientEvents, AgentServerEvents, Presence, WidgetClientEvents, WidgetServerEvents } from '@parley/realtime-protocol';

/** Per-socket state of a widget connection (kept plain: the Redis adapter serialises socket.data). */
export interface WidgetSocketData {
  workspaceId: string;
  channelId: string;
  visitorHash: string;
  customerId: string;
  conversationId: string | null;
}

/** Per-socket state of an agent connection. */
export interface AgentSocketData {
  workspaceId: string;
  userId: string;
  name: string;
  presence: Presence;
}

// Processes never talk to each other through socket.io events: the bus carries live updates.
type NoInterServer = Record<string, never>;

export type WidgetNamespace = Namespace<WidgetClientEvents, WidgetServerEvents, NoInterServer, WidgetSocketData>;
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, NoInterServer, AgentSocketData>;

export const rooms = {
  workspace: (workspaceId: string) => `ws:${workspaceId}`,
  conversation: (conversationId: string) => `conv:${conversationId}`,
  visitor: (customerId: string) => `visitor:${customerId}`,
};
