// Shapes of the REST API's responses (apps/server/src/http/dto.ts). Dates are ISO-8601 strings.

export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed';
export type Visibility = 'public' | 'note' | 'whisper';
export type AuthorKind = 'customer' | 'bot' | 'agent' | 'system';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Conversation {
  id: string;
  customerId: string;
  channelId: string;
  topic: string;
  status: ConversationStatus;
  handler: { kind: 'none' | 'bot' | 'queue' | 'agent'; id: string | null };
  lastSeq: number;
  lastMessageAt: string | null;
  snoozedUntil: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An item of `GET /api/v1/conversations`: the conversation with its customer and last message. */
export interface ConversationListItem extends Conversation {
  customer: { id: string; name: string | null };
  /** `text` is a one-line excerpt. */
  lastMessage: { text: string; authorKind: AuthorKind; visibility: Visibility; seq: number; at: string } | null;
  /** Customer messages nobody in the team has read yet. */
  unread: number;
}

/** What the list knows of a customer: enough to name them. */
export type CustomerName = Pick<Customer, 'id' | 'displayName'>;

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  channelId: string;
  direction: 'inbound' | 'outbound' | 'internal';
  author: { kind: AuthorKind; id: string | null };
  visibility: Visibility;
  content: unknown;
  text: string;
  deliveryStatus: string;
  deliveryError?: string | null;
  createdAt: string;
}

export interface Identity {
  id: string;
  kind: string;
  scope: string;
  value: string;
  verified: boolean;
  provenance: string;
  createdAt: string;
}

export interface Customer {
  id: string;
  displayName: string | null;
  attributes: Record<string, unknown>;
  timeZone: string | null;
  locale: string | null;
  identities: Identity[];
  createdAt: string;
  updatedAt: string;
}

export type TimelineEntry =
  | {
      kind: 'message';
      at: string;
      conversationId: string;
      channelId: string;
      messageId: string;
      direction: string;
      author: { kind: string; id: string | null };
      visibility: string;
      text: string;
      deliveryStatus: string;
    }
  | {
      kind: 'event';
      at: string;
      type: string;
      conversationId: string | null;
      messageId: string | null;
      payload: Record<string, unknown>;
      actor: { kind: string; id: string | null };
    };

export interface Me {
  user: { id: string; email: string; name: string };
  workspaceId: string;
  role: string;
  permissions: string[];
}

export interface LoginResult extends Me {
  csrfToken: string;
  expiresAt: string;
}

export interface Workspace {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  locale: string;
}

export interface Channel {
  id: string;
  type: string;
  name: string;
}

export interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface SendResult {
  messageId: string;
  conversationId: string;
  seq: number;
  deliveryStatus: string;
}
