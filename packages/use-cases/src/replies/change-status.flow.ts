import { AppError } from '@parley/kernel';
import { actorOf, assertTransition, requirePermission, type Conversation, type ConversationStatus, type Principal } from '@parley/domain';
import { QUEUES, type UseCaseDeps } from '../deps.js';

/**
 * Moves a conversation through its lifecycle (resolve, reopen, snooze, close), recording a
 * `conversation.status_changed` event with the actor.
 *
 * @example
 * await changeConversationStatus(deps, principal, id, { status: 'resolved' });
 */
export async function changeConversationStatus(
  deps: UseCaseDeps,
  principal: Principal,
  conversationId: string,
  input: { status: ConversationStatus; snoozedUntil?: Date | undefined },
): Promise<Conversation> {
  requirePermission(principal, 'conversations:reply');
  if (input.status === 'snoozed' && !input.snoozedUntil) throw new AppError('validation_failed', 'Snoozing needs snoozedUntil');
  return deps.store.transaction(async (tx) => {
    const conversation = await tx.conversations.lock(principal.workspaceId, conversationId);
    if (!conversation) throw new AppError('conversation_not_found', `Conversation ${conversationId} does not exist`);
    if (conversation.status === input.status) return conversation;
    assertTransition(conversation.status, input.status);
    const now = deps.clock.now();
    await tx.conversations.update(principal.workspaceId, conversationId, {
      now,
      status: input.status,
      resolvedAt: input.status === 'resolved' ? now : input.status === 'open' ? null : conversation.resolvedAt,
      snoozedUntil: input.status === 'snoozed' ? (input.snoozedUntil ?? null) : null,
    });
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'conversation.status_changed',
      customerId: conversation.customerId,
      conversationId,
      payload: { from: conversation.status, to: input.status },
      actor: actorOf(principal),
      occurredAt: now,
    });
    tx.publishAfterCommit({ name: 'conversation.status_changed', workspaceId: principal.workspaceId, payload: { conversationId, customerId: conversation.customerId, channelId: conversation.channelId, from: conversation.status, to: input.status } });
    // Free the advisor's routing slot (a no-op for a conversation that was never routed).
    if (input.status === 'resolved' || input.status === 'closed') await tx.enqueue({ queue: QUEUES.routingRelease, workspaceId: principal.workspaceId, payload: { conversationId }, orderingKey: `conversation:${conversationId}` });
    return { ...conversation, status: input.status, updatedAt: now };
  });
}
