import { newId } from '@parley/kernel';
import { matchesConversationToken, pickConversationForInbound, statusAfterInbound, type ContentBlock, type Conversation, type IdentityClaim, type Message, type MessageContent, type TransactionScope } from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';
import { resolveCustomer } from './resolve-customer.js';
import { messageSnapshot } from '../events/message-snapshot.js';
import { requestRoutingOnInbound } from '../routing/routing-effects.js';
import { requestBotTurnOnInbound } from '../bots/request-bot-turn.js';
import { requestMediaFetchOnInbound } from './fetch-inbound-media.job.js';

export interface InboundMessageInput {
  workspaceId: string;
  channelId: string;
  providerMessageId: string;
  identities: IdentityClaim[];
  displayName: string | null;
  content: MessageContent;
  text: string;
  topic?: string;
  /** Files uploaded beforehand (web chat) that this message carries. */
  attachmentIds?: string[];
  /** A keyword the channel handles itself (SMS HELP, STOP): stored, but no bot or advisor work. */
  skipRouting?: boolean;
  /**
   * Email threading, decided before the join rule: the conversation holding one of
   * `providerMessageIds` (References / In-Reply-To), else the one `conversationToken` names, else
   * (with `newIfUnmatched`) a new conversation. Only the customer's own conversations qualify.
   */
  thread?: { providerMessageIds: string[]; conversationToken?: string | null; newIfUnmatched: boolean };
  /** Files the message itself carries (email attachments, already checked): stored in the same transaction. */
  newAttachments?: Array<{ fileName: string; contentType: string; data: Buffer }>;
}

export interface InboundMessageResult {
  conversationId: string;
  messageId: string;
  customerId: string;
  /** True when the provider message id was seen before: nothing new was stored. */
  duplicate: boolean;
  /** The stored message (the earlier one for a duplicate), so callers need not read it back. */
  message?: Message;
}

/**
 * Records one inbound customer message in one transaction: who the customer is, which
 * conversation it joins (the join rule), the message with its sequence number, the timeline
 * events, and the durable follow-up jobs. The provider message id makes it idempotent.
 *
 * @example
 * const { conversationId, messageId } = await receiveInboundMessage(deps, input);
 */
export async function receiveInboundMessage(deps: UseCaseDeps, input: InboundMessageInput): Promise<InboundMessageResult> {
  return deps.store.transaction((tx) => receiveInTransaction(deps, tx, input));
}

/** The same flow inside a caller's transaction (batched ingestion runs several per transaction). */
export async function receiveInTransaction(deps: UseCaseDeps, tx: TransactionScope, input: InboundMessageInput): Promise<InboundMessageResult> {
  const existing = await tx.conversations.findMessageByProviderId(input.channelId, input.providerMessageId);
  if (existing) {
    const conversation = await tx.conversations.get(input.workspaceId, existing.conversationId);
    return { conversationId: existing.conversationId, messageId: existing.id, customerId: conversation?.customerId ?? '', duplicate: true, message: existing };
  }
  const now = deps.clock.now();
  const { customerId, created } = await resolveCustomer(tx, input.workspaceId, input.identities, input.displayName, { at: now, channelId: input.channelId, providerMessageId: input.providerMessageId });
  if (created) await tx.events.record({ workspaceId: input.workspaceId, type: 'customer.created', customerId, payload: { channelId: input.channelId }, actor: system, occurredAt: now });

  const topic = input.topic ?? '';
  if (input.thread) {
    const threaded = created ? null : await findThreadConversation(tx, input, input.thread, customerId);
    if (threaded) {
      await applyInboundChanges(tx, input, threaded, customerId, now, true);
      return append(deps, tx, input, threaded, customerId, now);
    }
    if (input.thread.newIfUnmatched) return append(deps, tx, input, await startConversation(tx, input, customerId, topic, now), customerId, now);
  }
  const joined = created ? null : await joinWithoutLock(tx, input, customerId, topic);
  if (joined) return append(deps, tx, input, joined, customerId, now);

  // Starting a conversation, or changing one's status or channel: under the customer's row lock,
  // so two first messages can't start two conversations and a change is decided on fresh data.
  // A customer created by this transaction is invisible to others until commit: nothing to lock.
  const active = created ? [] : await tx.conversations.lockActiveForCustomer(input.workspaceId, customerId);
  let conversation: Conversation | null = pickConversationForInbound(active, { topic });
  if (!conversation) conversation = await startConversation(tx, input, customerId, topic, now);
  else await applyInboundChanges(tx, input, conversation, customerId, now, false);

  return append(deps, tx, input, conversation, customerId, now);
}

const system = { kind: 'system' as const, id: null };

async function startConversation(tx: TransactionScope, input: InboundMessageInput, customerId: string, topic: string, now: Date): Promise<Conversation> {
  const conversation = await tx.conversations.create({
    id: newId(now.getTime()),
    workspaceId: input.workspaceId,
    customerId,
    channelId: input.channelId,
    topic,
    status: 'open',
    handlerKind: 'none',
    now,
  });
  await tx.events.record({
    workspaceId: input.workspaceId,
    type: 'conversation.created',
    customerId,
    conversationId: conversation.id,
    payload: { channelId: input.channelId, topic },
    actor: system,
    occurredAt: now,
  });
  return conversation;
}

/**
 * A message joining an existing conversation: a pending or snoozed one becomes open, and it
 * continues on the message's channel. `reopenResolved`: an email reply in a resolved thread
 * reopens it (the customer answered that very conversation); the join rule never does.
 */
async function applyInboundChanges(
  tx: TransactionScope,
  input: InboundMessageInput,
  conversation: Conversation,
  customerId: string,
  now: Date,
  reopenResolved: boolean,
): Promise<void> {
  const nextStatus = reopenResolved && conversation.status === 'resolved' ? 'open' : statusAfterInbound(conversation.status);
  const switched = conversation.channelId !== input.channelId;
  if (nextStatus !== conversation.status || switched) {
    await tx.conversations.update(input.workspaceId, conversation.id, {
      now,
      ...(nextStatus !== conversation.status ? { status: nextStatus, snoozedUntil: null } : {}),
      ...(switched ? { channelId: input.channelId } : {}),
    });
  }
  if (nextStatus !== conversation.status) {
    await tx.events.record({
      workspaceId: input.workspaceId,
      type: 'conversation.status_changed',
      customerId,
      conversationId: conversation.id,
      payload: { from: conversation.status, to: nextStatus, reason: 'customer_message' },
      actor: system,
      occurredAt: now,
    });
  }
  if (switched) {
    await tx.events.record({
      workspaceId: input.workspaceId,
      type: 'conversation.channel_switched',
      customerId,
      conversationId: conversation.id,
      payload: { from: conversation.channelId, to: input.channelId, by: 'customer' },
      actor: system,
      occurredAt: now,
    });
  }
}

/**
 * The customer's conversation an email thread points to, row-locked: the newest match among the
 * referenced provider ids, else the subject token. Closed conversations are final, so a reply to
 * one starts anew.
 */
async function findThreadConversation(
  tx: TransactionScope,
  input: InboundMessageInput,
  thread: NonNullable<InboundMessageInput['thread']>,
  customerId: string,
): Promise<Conversation | null> {
  const owners = new Set(await tx.customers.storyIds(input.workspaceId, customerId));
  const matches = await tx.conversations.findByProviderMessageIds(input.workspaceId, input.channelId, thread.providerMessageIds.slice(-THREAD_IDS_LIMIT));
  // In-Reply-To and the newest References come last: prefer them.
  const order = [...thread.providerMessageIds].reverse();
  matches.sort((a, b) => order.indexOf(a.providerMessageId) - order.indexOf(b.providerMessageId));
  for (const match of matches) {
    const conversation = await tx.conversations.lock(input.workspaceId, match.conversationId);
    if (conversation && owners.has(conversation.customerId) && conversation.status !== 'closed') return conversation;
  }
  const token = thread.conversationToken;
  if (!token) return null;
  const mine = await tx.conversations.list(input.workspaceId, { customerId }, null, TOKEN_LOOKUP_LIMIT);
  const named = mine.items.find((c) => matchesConversationToken(c.id, token) && c.status !== 'closed');
  return named ? tx.conversations.lock(input.workspaceId, named.id) : null;
}

const THREAD_IDS_LIMIT = 50;
const TOKEN_LOOKUP_LIMIT = 100;

/**
 * The common case without the customer lock: the conversation the join rule picks exists and
 * the message changes neither its status nor its channel, so the message is only appended
 * (appendMessage row-locks the conversation for its sequence number). Returns null when the
 * locked path must decide: nothing to join, a state change, or more conversations than one page.
 */
async function joinWithoutLock(tx: TransactionScope, input: InboundMessageInput, customerId: string, topic: string): Promise<Conversation | null> {
  const recent = await tx.conversations.list(input.workspaceId, { customerId }, null, JOIN_LOOKUP_LIMIT);
  if (recent.nextCursor !== null) return null;
  const candidate = pickConversationForInbound(recent.items, { topic });
  if (!candidate || statusAfterInbound(candidate.status) !== candidate.status || candidate.channelId !== input.channelId) return null;
  return candidate;
}

const JOIN_LOOKUP_LIMIT = 20;

async function append(deps: UseCaseDeps, tx: TransactionScope, input: InboundMessageInput, conversation: Conversation, customerId: string, now: Date): Promise<InboundMessageResult> {
  const stored = await storeNewAttachments(tx, input);
  const message = await tx.conversations.appendMessage({
    id: newId(now.getTime()),
    workspaceId: input.workspaceId,
    conversationId: conversation.id,
    channelId: input.channelId,
    providerMessageId: input.providerMessageId,
    direction: 'inbound',
    author: { kind: 'customer', id: customerId },
    visibility: 'public',
    content: stored.length > 0 ? { ...input.content, blocks: [...input.content.blocks, ...stored.map((s) => s.block)] } : input.content,
    text: input.text,
    deliveryStatus: 'received',
    createdAt: now,
  });
  if (input.attachmentIds && input.attachmentIds.length > 0) await tx.files.attachToMessage(input.workspaceId, input.attachmentIds, message.id);
  const storedIds = stored.map((s) => s.id);
  if (storedIds.length > 0) await tx.files.attachToMessage(input.workspaceId, storedIds, message.id);
  // Files the provider keeps (a WhatsApp media id, a Telegram file id) are fetched by a job after the commit.
  await requestMediaFetchOnInbound(deps, tx, message);
  // Nobody handles it yet: route it, in this transaction (the job exists iff the message commits).
  // A channel with a bot: the bot answers first (it hands off to routing when needed).
  if (!input.skipRouting && !(await requestBotTurnOnInbound(deps, tx, conversation, message)))
    await requestRoutingOnInbound(tx, conversation, { deps, receivedAt: message.createdAt });
  tx.publishAfterCommit({
    name: 'message.received',
    workspaceId: input.workspaceId,
    payload: { conversationId: conversation.id, customerId, messageId: message.id, seq: message.seq, channelId: input.channelId, text: message.text, message: messageSnapshot(message) },
  });
  return { conversationId: conversation.id, messageId: message.id, customerId, duplicate: false, message };
}

async function storeNewAttachments(tx: TransactionScope, input: InboundMessageInput): Promise<Array<{ id: string; block: ContentBlock }>> {
  const out: Array<{ id: string; block: ContentBlock }> = [];
  for (const file of input.newAttachments ?? []) {
    const saved = await tx.files.put({ workspaceId: input.workspaceId, fileName: file.fileName, contentType: file.contentType, data: file.data });
    out.push({
      id: saved.id,
      block: { type: 'attachment', attachmentId: saved.id, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.data.length },
    });
  }
  return out;
}
