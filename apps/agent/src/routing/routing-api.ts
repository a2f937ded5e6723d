import { createApiClient, csrfFromCookie, type ApiClient } from '../api/api-client.js';

export type RoutingPresence = 'online' | 'busy' | 'away' | 'offline';
export interface LocalizedText {
  en: string;
  fr: string;
}

/** A queue as `/api/v1/queues` returns it (the fields the panel shows). */
export interface RoutingQueue {
  id: string;
  name: string;
  mode: 'push' | 'pull' | 'manual';
  channelIds: string[];
  isDefault: boolean;
}

/** `GET /api/v1/queues/{id}/stats`. */
export interface QueueStats {
  queueId: string;
  open: boolean;
  nextOpenAt: string | null;
  waiting: number;
  agentsOnline: number;
  agentsAvailable: number;
  freeSlots: number;
  estimatedWaitSec: number | null;
  longestWaitSec: number;
}

export interface RoutingAgent {
  agentId: string;
  name: string;
  presence: RoutingPresence;
  presenceReason: string | null;
  capacity: { voice: number; chat: number; async: number; total: number };
  load: { voice: number; chat: number; async: number; total: number };
}

export interface Assignment {
  id: string;
  conversationId: string;
  agentId: string;
  channelKind: 'voice' | 'chat' | 'async';
  status: 'offered' | 'active' | 'ended' | 'declined' | 'expired' | 'transferred';
  createdAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  expiresAt: string | null;
  explanation: { text: LocalizedText; factors: Array<Record<string, unknown>> } | null;
}

export interface MyRouting {
  profile: RoutingAgent | null;
  offers: Assignment[];
  assignments: Assignment[];
}

export interface ConversationRouting {
  item: { conversationId: string; queueId: string | null; status: string; escalated: boolean; agentId: string | null } | null;
  assignments: Assignment[];
}

/** `GET /api/v1/routing/settings`: the hook's signing secret never comes back here. */
export interface RoutingSettings {
  emotionPriority: boolean;
  hook: { url: string; timeoutMs: number } | null;
}

/** `PUT /api/v1/routing/settings`: `hook: null` removes the hook; omitted fields stay as they are. */
export interface RoutingSettingsPatch {
  emotionPriority?: boolean;
  hook?: { url: string; timeoutMs?: number; rotateSecret?: boolean } | null;
}

const enc = encodeURIComponent;

/** The routing endpoints the agent app uses (queues, stats, my offers, pull, presence, workspace routing settings). */
export function routingApi(client: ApiClient) {
  return {
    queues: () => client.request<{ items: RoutingQueue[] }>('GET', '/api/v1/queues'),
    stats: (queueId: string) => client.request<QueueStats>('GET', `/api/v1/queues/${enc(queueId)}/stats`),
    mine: () => client.request<MyRouting>('GET', '/api/v1/agents/me/routing'),
    pull: (queueId: string) =>
      client.request<{ conversationId: string; assignmentId: string; explanation: LocalizedText } | null>('POST', `/api/v1/queues/${enc(queueId)}/pull`),
    accept: (offerId: string) => client.request<Assignment>('POST', `/api/v1/offers/${enc(offerId)}/accept`),
    decline: (offerId: string) => client.request<null>('POST', `/api/v1/offers/${enc(offerId)}/decline`, { body: {} }),
    conversation: (conversationId: string) => client.request<ConversationRouting>('GET', `/api/v1/conversations/${enc(conversationId)}/routing`),
    settings: () => client.request<RoutingSettings>('GET', '/api/v1/routing/settings'),
    /** The answer's `hookSecret` is set only when the hook gets a new secret (first hook, or `rotateSecret`). */
    saveSettings: (patch: RoutingSettingsPatch) =>
      client.request<RoutingSettings & { hookSecret: string | null }>('PUT', '/api/v1/routing/settings', { body: patch }),
  };
}

export type RoutingApi = ReturnType<typeof routingApi>;

let shared: RoutingApi | null = null;
/** One client for the routing views (same origin, CSRF from the cookie, like the knowledge admin). */
export function sharedRoutingApi(): RoutingApi {
  shared ??= routingApi(createApiClient({ getCsrfToken: () => csrfFromCookie(document.cookie) }));
  return shared;
}
