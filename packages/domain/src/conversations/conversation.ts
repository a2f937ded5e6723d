import { AppError } from '@parley/kernel';
import type { MessageContent } from './content.js';

/** Lifecycle status; independent of who handles the conversation now. */
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed';
/** Who handles it now. Routing and bots add their own records (offers, assignments) beside this. */
export type HandlerKind = 'none' | 'bot' | 'queue' | 'agent';

export interface Conversation {
  id: string;
  workspaceId: string;
  customerId: string;
  /** The channel the conversation currently continues on. */
  channelId: string;
  topic: string;
  status: ConversationStatus;
  snoozedUntil: Date | null;
  handler: { kind: HandlerKind; id: string | null };
  lastSeq: number;
  lastMessageAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

/** A conversation as a list shows it: whose it is and its last word, read in one query. */
export interface ConversationSummary extends Conversation {
  customer: { id: string; name: string | null };
  /** The newest message of any visibility (notes too), its text cut to an excerpt. */
  lastMessage: { excerpt: string; authorKind: AuthorKind; visibility: Visibility; seq: number; at: Date } | null;
  /** The customer's public messages nobody in the team has read yet. */
  unread: number;
}

export type MessageDirection = 'inbound' | 'outbound' | 'internal';
export type AuthorKind = 'customer' | 'bot' | 'agent' | 'system';
/** Notes and whispers are for the team only: never sent to the customer. */
export type Visibility = 'public' | 'note' | 'whisper';
/**
 * `pending_approval`: a public reply held until a supervisor approves it (channels with
 * `requireApproval`, e.g. public reviews); `rejected`: the supervisor refused it, it is never sent.
 */
export type DeliveryStatus = 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | 'not_applicable' | 'pending_approval' | 'rejected';

export interface Message {
  id: string;
  workspaceId: string;
  conversationId: string;
  seq: number;
  channelId: string;
  providerMessageId: string | null;
  direction: MessageDirection;
  author: { kind: AuthorKind; id: string | null };
  visibility: Visibility;
  content: MessageContent;
  text: string;
  deliveryStatus: DeliveryStatus;
  deliveryError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** Statuses in which a new inbound message joins the conversation instead of starting a new one. */
export const ACTIVE_STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'snoozed'];

/**
 * The join rule: an inbound message joins the customer's most recent active conversation on
 * the same topic — whatever channel it came from, so the story stays one — else it starts a
 * new conversation. Resolved and closed conversations are never reopened by a new message.
 *
 * @example
 * const target = pickConversationForInbound(activeConversations, { topic: '' });
 * if (!target) createConversation(...);
 */
export function pickConversationForInbound(candidates: readonly Conversation[], message: { topic: string }): Conversation | null {
  let best: Conversation | null = null;
  for (const c of candidates) {
    if (!ACTIVE_STATUSES.includes(c.status) || c.topic !== message.topic) continue;
    if (!best || (c.lastMessageAt ?? c.createdAt) > (best.lastMessageAt ?? best.createdAt)) best = c;
  }
  return best;
}

const TRANSITIONS: Record<ConversationStatus, readonly ConversationStatus[]> = {
  open: ['pending', 'snoozed', 'resolved', 'closed'],
  pending: ['open', 'snoozed', 'resolved', 'closed'],
  snoozed: ['open', 'pending', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

/** Throws `invalid_state` for a transition the lifecycle does not allow. */
export function assertTransition(from: ConversationStatus, to: ConversationStatus): void {
  if (from === to) return;
  if (!TRANSITIONS[from].includes(to)) {
    throw new AppError('invalid_state', `A ${from} conversation cannot become ${to}`);
  }
}

/** Status after a customer writes: waiting conversations wake up. */
export function statusAfterInbound(current: ConversationStatus): ConversationStatus {
  return current === 'pending' || current === 'snoozed' ? 'open' : current;
}
