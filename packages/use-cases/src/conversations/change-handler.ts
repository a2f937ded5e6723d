import type { Actor, Conversation, TransactionScope } from '@parley/domain';

/**
 * Gives the conversation to a new handler, with its `conversation.handler_changed` timeline event
 * and live update (after the commit).
 *
 * @example
 * await changeHandler(tx, conversation, { kind: 'queue', id: null }, { kind: 'bot', id: botId }, now);
 */
export async function changeHandler(
  tx: TransactionScope,
  conversation: Conversation,
  handler: Conversation['handler'],
  actor: Actor,
  now: Date,
): Promise<void> {
  await tx.conversations.update(conversation.workspaceId, conversation.id, { handler, now });
  const change = { from: conversation.handler, to: handler };
  await tx.events.record({
    workspaceId: conversation.workspaceId,
    type: 'conversation.handler_changed',
    customerId: conversation.customerId,
    conversationId: conversation.id,
    payload: change,
    actor,
    occurredAt: now,
  });
  tx.publishAfterCommit({
    name: 'conversation.handler_changed',
    workspaceId: conversation.workspaceId,
    payload: { conversationId: conversation.id, customerId: conversation.customerId, ...change },
  });
}
