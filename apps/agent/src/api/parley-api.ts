import type { ApiClient } from './api-client.js';
import { mergeEndpoints } from './merges-api.js';
import { customer360Endpoints } from '../customer/customer-360-api.js';
import type {
  Channel,
  Conversation,
  ConversationListItem,
  ConversationStatus,
  Customer,
  LoginResult,
  Me,
  Member,
  Message,
  Page,
  SendResult,
  TimelineEntry,
  Visibility,
  Workspace,
} from './types.js';

const MAX_PAGES = 10;

/** Follows `nextCursor` until the end (bounded), returning every item in API order. */
async function allPages<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Page<T> = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

const q = (params: Record<string, string | number | null | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** The REST endpoints the agent app uses, typed. */
export function parleyApi(client: ApiClient) {
  return {
    login: (email: string, password: string) => client.request<LoginResult>('POST', '/api/v1/auth/login', { body: { email, password } }),
    logout: () => client.request<null>('POST', '/api/v1/auth/logout'),
    me: () => client.request<Me>('GET', '/api/v1/auth/me'),
    workspace: () => client.request<Workspace>('GET', '/api/v1/workspace'),
    members: () => client.request<{ items: Member[] }>('GET', '/api/v1/users'),
    channels: () => client.request<{ items: Channel[] }>('GET', '/api/v1/channels'),
    listConversations: (status: ConversationStatus | null, cursor: string | null = null, limit = 50) =>
      client.request<Page<ConversationListItem>>('GET', `/api/v1/conversations${q({ status, cursor, limit })}`),
    getConversation: (id: string) => client.request<Conversation>('GET', `/api/v1/conversations/${encodeURIComponent(id)}`),
    listMessages: (id: string) =>
      allPages((cursor) => client.request<Page<Message>>('GET', `/api/v1/conversations/${encodeURIComponent(id)}/messages${q({ cursor, limit: 200 })}`)),
    sendMessage: (id: string, text: string, visibility: Visibility, idempotencyKey: string) =>
      client.request<SendResult>('POST', `/api/v1/conversations/${encodeURIComponent(id)}/messages`, {
        body: { text, visibility },
        headers: { 'idempotency-key': idempotencyKey },
      }),
    setStatus: (id: string, status: ConversationStatus) =>
      client.request<Conversation>('POST', `/api/v1/conversations/${encodeURIComponent(id)}/status`, { body: { status } }),
    getCustomer: (id: string) => client.request<Customer>('GET', `/api/v1/customers/${encodeURIComponent(id)}`),
    /** Moderation (needs `supervise`): a reply held for approval is delivered, or rejected with a note. */
    approveReply: (messageId: string) => client.request<ModerationResult>('POST', `/api/v1/messages/${encodeURIComponent(messageId)}/approve`, { body: {} }),
    rejectReply: (messageId: string, note: string) =>
      client.request<ModerationResult>('POST', `/api/v1/messages/${encodeURIComponent(messageId)}/reject`, { body: { note } }),
    timeline: (id: string) =>
      allPages((cursor) => client.request<Page<TimelineEntry>>('GET', `/api/v1/customers/${encodeURIComponent(id)}/timeline${q({ cursor, limit: 200 })}`)),
    ...mergeEndpoints(client),
    ...customer360Endpoints(client),
  };
}

export type ParleyApi = ReturnType<typeof parleyApi>;

/** The answer to approving or rejecting a held reply. */
export interface ModerationResult {
  messageId: string;
  conversationId: string;
  deliveryStatus: 'pending' | 'rejected';
}
