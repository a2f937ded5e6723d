// The agent app's real-time protocol (socket.io namespace `/agent`). The handshake carries
// the session cookie (same origin) or `auth: { token }` (an API token). Writes go through the
// REST API; the socket carries live updates, typing and presence.

export type Presence = 'online' | 'busy' | 'away' | 'offline';

/** A message as the REST API returns it (`GET /api/v1/conversations/{id}/messages`). */
export interface AgentMessageEvent {
  conversationId: string;
  customerId: string;
  message: {
    id: string;
    conversationId: string;
    seq: number;
    channelId: string;
    direction: 'inbound' | 'outbound' | 'internal';
    author: { kind: 'customer' | 'bot' | 'agent' | 'system'; id: string | null };
    visibility: 'public' | 'note' | 'whisper';
    content: unknown;
    text: string;
    deliveryStatus: string;
    createdAt: string;
  };
}

export interface AgentServerEvents {
  /** Any new message in the workspace (customer, agent, bot, note). */
  'message:created': (event: AgentMessageEvent) => void;
  /** A message's content changed (a customer's file fetched from the provider, or marked unavailable): replace it by id. */
  'message:updated': (event: AgentMessageEvent) => void;
  /** Status, handler or channel of a conversation changed; refetch it if shown. */
  'conversation:updated': (event: { conversationId: string; customerId: string; change: string }) => void;
  'message:status': (event: { conversationId: string; messageId: string; status: string }) => void;
  /** The customer is typing (web chat). */
  typing: (event: { conversationId: string; isTyping: boolean }) => void;
  /** `handledBy`: the last agent or bot who answered publicly (null when nobody did). */
  'csat:recorded': (event: {
    conversationId: string;
    customerId: string;
    welcome: string;
    waiting: string;
    answer: string;
    comment: string | null;
    handledBy?: { kind: 'agent' | 'bot'; id: string | null } | null;
  }) => void;
  /** The host page called `Parley.setContext()` (stored on the customer under attributes['webchat.context']). */
  'customer:context': (event: { customerId: string; context: Record<string, string | number | boolean | null> }) => void;
  /** A signed `Parley.identify()` merged a visitor's profile into a known customer's; refetch views of `from`. */
  'customer:merged': (event: { from: string; into: string }) => void;
  /** Presence of the workspace's agents changed (`reason`: the "not ready" reason, when routing has one). */
  presence: (event: { userId: string; presence: Presence; reason?: string | null }) => void;
  /** A routing decision or change (queued, offered, assigned, transferred…); refetch queue and offer views. */
  routing: (event: AgentRoutingEvent) => void;
}

export type AgentRoutingEventName =
  | 'conversation.queued'
  | 'conversation.offered'
  | 'conversation.assigned'
  | 'conversation.handler_changed'
  | 'conversation.transferred'
  | 'conversation.offer_withdrawn'
  | 'conversation.sla_breached'
  | 'conversation.overflowed'
  | 'conversation.after_hours';

/** The routing bus events relayed to agents, with the FR/EN explanation when the decision has one. */
export interface AgentRoutingEvent {
  name: AgentRoutingEventName;
  conversationId: string;
  customerId: string | null;
  agentId: string | null;
  queueId: string | null;
  explanation: { en: string; fr: string } | null;
  /** Transfer note or decline note. */
  note: string | null;
  /** Offer deadline (ISO). */
  expiresAt: string | null;
}

export interface AgentClientEvents {
  typing: (input: { conversationId: string; isTyping: boolean }) => void;
  /** The agent has read the conversation up to `seq` (the visitor sees "read"). */
  read: (input: { conversationId: string; seq: number }) => void;
  /** Sets the socket presence and, when the agent has a routing profile, the routing presence (one source of truth). */
  'presence:set': (input: { presence: Presence; reason?: string | null }, ack: (result: { ok: boolean; routing?: boolean }) => void) => void;
}
