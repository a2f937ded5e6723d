import type { Conversation, ConversationListItem, ConversationStatus, Message } from '../api/types.js';
import { previewOf } from '../format/message-blocks.js';

// The conversation list as a map of every conversation seen (REST pages, live events),
// filtered and ordered when rendered. Pure functions: the hook owns the state.

export type ListFilter = 'open' | 'pending' | 'resolved' | 'all';

export interface ListItem {
  conversation: Conversation;
  preview: { text: string; authorKind: Message['author']['kind']; visibility: Message['visibility']; at: string } | null;
  /** Customer messages after the agent's read marker. */
  unread: number;
}

export type ListState = Readonly<Record<string, ListItem>>;

/** The API `status` query of a filter; `resolved` also fetches `closed` client-side. */
export function statusesOf(filter: ListFilter): ConversationStatus[] | null {
  switch (filter) {
    case 'open':
      return ['open'];
    case 'pending':
      return ['pending', 'snoozed'];
    case 'resolved':
      return ['resolved', 'closed'];
    case 'all':
      return null;
  }
}

export function matchesFilter(conversation: Conversation, filter: ListFilter): boolean {
  const statuses = statusesOf(filter);
  return statuses === null || statuses.includes(conversation.status);
}

const activityOf = (item: ListItem): string => item.preview?.at ?? item.conversation.lastMessageAt ?? item.conversation.updatedAt;

/** Most recent activity first; ties by id so the order is stable. */
export function compareItems(a: ListItem, b: ListItem): number {
  const byTime = activityOf(b).localeCompare(activityOf(a));
  return byTime !== 0 ? byTime : a.conversation.id.localeCompare(b.conversation.id);
}

/**
 * The items shown for a filter, ordered.
 * @example visibleItems(state, 'open').map((i) => i.conversation.id)
 */
export function visibleItems(state: ListState, filter: ListFilter): ListItem[] {
  return Object.values(state)
    .filter((item) => matchesFilter(item.conversation, filter))
    .sort(compareItems);
}

/** Adds or replaces conversations, keeping the preview and unread count already known. */
export function upsertConversations(state: ListState, conversations: readonly Conversation[]): ListState {
  if (conversations.length === 0) return state;
  const next: Record<string, ListItem> = { ...state };
  for (const conversation of conversations) {
    const existing = next[conversation.id];
    // A late REST answer must not roll back a newer live update.
    if (existing && existing.conversation.updatedAt > conversation.updatedAt && existing.conversation.lastSeq >= conversation.lastSeq) continue;
    next[conversation.id] = { conversation, preview: existing?.preview ?? null, unread: existing?.unread ?? 0 };
  }
  return next;
}

const isCustomerMessage = (m: Pick<Message, 'author' | 'visibility'>): boolean => m.author.kind === 'customer' && m.visibility === 'public';

/**
 * Adds or replaces conversations from a list page, with the preview and unread count the page
 * carries. A conversation the agent has read up to its last message (`readSeqOf`, the read
 * marker) counts no unread; a page older than what live events already applied is ignored.
 */
export function upsertListItems(state: ListState, items: readonly ConversationListItem[], readSeqOf: (conversationId: string) => number): ListState {
  if (items.length === 0) return state;
  const next: Record<string, ListItem> = { ...state };
  for (const { customer: _customer, lastMessage, unread, ...conversation } of items) {
    const existing = next[conversation.id];
    if (
      existing &&
      (existing.conversation.lastSeq > conversation.lastSeq ||
        (existing.conversation.updatedAt > conversation.updatedAt && existing.conversation.lastSeq >= conversation.lastSeq))
    )
      continue;
    next[conversation.id] = {
      conversation,
      preview: lastMessage ? { text: lastMessage.text, authorKind: lastMessage.authorKind, visibility: lastMessage.visibility, at: lastMessage.at } : null,
      unread: readSeqOf(conversation.id) >= conversation.lastSeq ? 0 : unread,
    };
  }
  return next;
}

export function markRead(state: ListState, conversationId: string): ListState {
  const item = state[conversationId];
  return item && item.unread !== 0 ? { ...state, [conversationId]: { ...item, unread: 0 } } : state;
}

export interface MessageCreated {
  conversationId: string;
  message: Pick<Message, 'id' | 'seq' | 'author' | 'visibility' | 'content' | 'text' | 'createdAt'>;
}

/**
 * Applies a live `message:created`: new preview, last activity, and one more unread
 * customer message unless the conversation is the one on screen. Returns `known: false`
 * when the conversation is not in the list yet (the caller fetches it).
 */
export function applyMessageCreated(state: ListState, event: MessageCreated, activeConversationId: string | null): { state: ListState; known: boolean } {
  const item = state[event.conversationId];
  if (!item) return { state, known: false };
  const { message } = event;
  if (message.seq < item.conversation.lastSeq || (message.seq === item.conversation.lastSeq && item.preview !== null)) return { state, known: true };
  const unread = item.unread + (isCustomerMessage(message) && event.conversationId !== activeConversationId ? 1 : 0);
  const conversation: Conversation = { ...item.conversation, lastSeq: message.seq, lastMessageAt: message.createdAt };
  return {
    state: {
      ...state,
      [event.conversationId]: {
        conversation,
        unread,
        preview: { text: previewOf(message.content, message.text), authorKind: message.author.kind, visibility: message.visibility, at: message.createdAt },
      },
    },
    known: true,
  };
}
