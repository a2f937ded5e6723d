import { AppError } from '@parley/kernel';
import {
  requirePermission,
  type Conversation,
  type ConversationStatus,
  type ConversationSummary,
  type Customer,
  type Message,
  type Page,
  type Principal,
  type Store,
  type TimelineEntry,
} from '@parley/domain';

// Read paths: every one checks the permission and scopes by the caller's workspace, so an id
// from another workspace reads as "not found".

/** A page of conversations, newest first, each with its customer's name, last message and unread count. */
export async function listConversations(
  store: Store,
  principal: Principal,
  filter: { status?: ConversationStatus; customerId?: string },
  cursor: string | null,
  limit: number,
): Promise<Page<ConversationSummary>> {
  requirePermission(principal, 'conversations:read');
  return store.read.conversations.listSummaries(principal.workspaceId, filter, cursor, limit);
}

export async function getConversation(store: Store, principal: Principal, id: string): Promise<Conversation> {
  requirePermission(principal, 'conversations:read');
  const conversation = await store.read.conversations.get(principal.workspaceId, id);
  if (!conversation) throw new AppError('conversation_not_found', `Conversation ${id} does not exist`);
  return conversation;
}

export async function listMessages(store: Store, principal: Principal, conversationId: string, cursor: string | null, limit: number): Promise<Page<Message>> {
  await getConversation(store, principal, conversationId);
  return store.read.conversations.listMessages(principal.workspaceId, conversationId, cursor, limit);
}

export async function getCustomer(store: Store, principal: Principal, id: string): Promise<Customer> {
  requirePermission(principal, 'customers:read');
  const customer = await store.read.customers.get(principal.workspaceId, id);
  if (!customer) throw new AppError('customer_not_found', `Customer ${id} does not exist`);
  return customer;
}

/** The customer's one story: every conversation and channel, following merges. */
export async function getTimeline(store: Store, principal: Principal, customerId: string, cursor: string | null, limit: number): Promise<Page<TimelineEntry>> {
  const customer = await getCustomer(store, principal, customerId);
  const ids = await store.read.customers.storyIds(principal.workspaceId, customer.id);
  return store.read.events.timeline(principal.workspaceId, ids, cursor, limit);
}
