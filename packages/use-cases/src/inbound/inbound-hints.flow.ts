import { newId } from '@parley/kernel';
import { normalizeIdentity, pickConversationForInbound, type IdentityClaim, type Message } from '@parley/domain';
import { menuOptions, type MenuOption } from '@parley/channel-sdk';
import { QUEUES, type UseCaseDeps } from '../deps.js';
import { messageSnapshot } from '../events/message-snapshot.js';

// A conversation longer than this is not scanned for its last menu (a customer answers a menu
// soon after it was sent; the page size keeps the read bounded).
const MENU_SCAN_PAGES = 5;
const MENU_SCAN_PAGE_SIZE = 200;

/**
 * What a customer's number means on a channel that shows menus as numbered lists (SMS): the
 * option at that place in the last menu Parley sent in the conversation the message will join
 * (the join rule's pick), or null. Read before the message is stored, so that bots see the
 * payload on the message itself.
 *
 * @example
 * const option = await resolveMenuChoice(deps, { workspaceId, identities, choice: 2 });
 * if (option) content.blocks.push({ type: 'payload', payload: option.payload });
 */
export async function resolveMenuChoice(
  deps: UseCaseDeps,
  input: { workspaceId: string; identities: IdentityClaim[]; choice: number; topic?: string },
): Promise<MenuOption | null> {
  if (!Number.isInteger(input.choice) || input.choice < 1) return null;
  const read = deps.store.read;
  let customerId: string | null = null;
  for (const claim of input.identities) {
    if (!claim.verified) continue;
    const normalized = normalizeIdentity(claim);
    if (!normalized.ok) continue;
    customerId = await read.customers.findByIdentity(input.workspaceId, {
      kind: normalized.identity.kind,
      scope: normalized.identity.scope,
      value: normalized.identity.value,
    });
    if (customerId) break;
  }
  if (!customerId) return null;
  const recent = await read.conversations.list(input.workspaceId, { customerId }, null, 20);
  const conversation = pickConversationForInbound(recent.items, { topic: input.topic ?? '' });
  if (!conversation) return null;
  let lastMenu: MenuOption[] | null = null;
  let cursor: string | null = null;
  for (let page = 0; page < MENU_SCAN_PAGES; page++) {
    const messages = await read.conversations.listMessages(input.workspaceId, conversation.id, cursor, MENU_SCAN_PAGE_SIZE);
    for (const m of messages.items) {
      const options = isPublicOutbound(m) ? menuOptions(m.content) : [];
      if (options.length > 0) lastMenu = options;
    }
    if (!messages.nextCursor) break;
    cursor = messages.nextCursor;
  }
  return lastMenu?.[input.choice - 1] ?? null;
}

const isPublicOutbound = (m: Message) => m.direction === 'outbound' && m.visibility === 'public';

/** Idempotency scope of automatic replies: one per inbound message, however often it is redelivered. */
const AUTO_REPLY_SCOPE = 'auto-reply';

/**
 * Sends a channel's automatic answer to an inbound message (the SMS HELP text): a public message
 * from the system, delivered by the durable delivery job like any reply. Safe to call again for
 * a redelivered webhook: the inbound message id makes it happen once.
 *
 * @example
 * await sendAutomaticReply(deps, { workspaceId, conversationId, inboundMessageId, text: helpText });
 */
export async function sendAutomaticReply(
  deps: UseCaseDeps,
  input: { workspaceId: string; conversationId: string; inboundMessageId: string; text: string },
): Promise<{ messageId: string | null }> {
  return deps.store.transaction(async (tx) => {
    const previous = await tx.idempotency.find(input.workspaceId, AUTO_REPLY_SCOPE, input.inboundMessageId);
    if (previous) return { messageId: null };
    const conversation = await tx.conversations.lock(input.workspaceId, input.conversationId);
    if (!conversation) return { messageId: null };
    const now = deps.clock.now();
    const message = await tx.conversations.appendMessage({
      id: newId(now.getTime()),
      workspaceId: input.workspaceId,
      conversationId: conversation.id,
      channelId: conversation.channelId,
      providerMessageId: null,
      direction: 'outbound',
      author: { kind: 'system', id: null },
      visibility: 'public',
      content: { v: 1, blocks: [{ type: 'text', text: input.text }] },
      text: input.text,
      deliveryStatus: 'pending',
      createdAt: now,
    });
    await tx.enqueue({
      queue: QUEUES.outboundDelivery,
      workspaceId: input.workspaceId,
      payload: { messageId: message.id },
      orderingKey: `conversation:${conversation.id}`,
      idempotencyKey: message.id,
      maxAttempts: 12,
    });
    await tx.events.record({
      workspaceId: input.workspaceId,
      type: 'message.auto_replied',
      customerId: conversation.customerId,
      conversationId: conversation.id,
      messageId: message.id,
      payload: { inReplyTo: input.inboundMessageId },
      actor: { kind: 'system', id: null },
      occurredAt: now,
    });
    await tx.idempotency.save(input.workspaceId, AUTO_REPLY_SCOPE, input.inboundMessageId, '', { messageId: message.id });
    tx.publishAfterCommit({
      name: 'message.created',
      workspaceId: input.workspaceId,
      payload: {
        conversationId: conversation.id,
        customerId: conversation.customerId,
        messageId: message.id,
        seq: message.seq,
        visibility: 'public',
        authorKind: 'system',
        authorId: null,
        text: input.text,
        message: messageSnapshot(message),
      },
    });
    return { messageId: message.id };
  });
}
