import { AppError } from '@parley/kernel';
import { actorOf, requirePermission, type Principal, type TransactionScope } from '@parley/domain';
import { QUEUES, type UseCaseDeps } from '../deps.js';

/** Whether public replies on this channel wait for a supervisor (`requireApproval` in its config). */
export async function needsApproval(tx: Pick<TransactionScope, 'channels'>, workspaceId: string, channelId: string): Promise<boolean> {
  const channel = await tx.channels.get(workspaceId, channelId);
  return channel?.config.requireApproval === true;
}

export interface ModerationDecision {
  decision: 'approve' | 'reject';
  /** Why (shown on the timeline; for a rejection, also the message's delivery error). */
  note?: string | undefined;
}

export interface ModerationResult {
  messageId: string;
  conversationId: string;
  deliveryStatus: 'pending' | 'rejected';
}

/**
 * A supervisor's decision on a reply held for approval: approving enqueues the durable delivery
 * job (the reply then goes out like any other); rejecting keeps it unsent for good. Both are on
 * the timeline with the supervisor and the note. Needs `supervise`; a reply that is not waiting
 * (already decided, or never held) is a 409.
 *
 * @example
 * await moderateReply(deps, supervisor, messageId, { decision: 'approve' });
 */
export async function moderateReply(deps: UseCaseDeps, principal: Principal, messageId: string, input: ModerationDecision): Promise<ModerationResult> {
  requirePermission(principal, 'supervise');
  const workspaceId = principal.workspaceId;
  const note = input.note?.trim() ?? '';
  return deps.store.transaction(async (tx) => {
    const found = await tx.conversations.getMessage(workspaceId, messageId);
    if (!found) throw new AppError('message_not_found', `Message ${messageId} does not exist`);
    // Under the conversation's lock, two supervisors deciding at once are serialised: the second sees the first's decision.
    const conversation = await tx.conversations.lock(workspaceId, found.conversationId);
    const message = await tx.conversations.getMessage(workspaceId, messageId);
    if (!conversation || !message) throw new AppError('message_not_found', `Message ${messageId} does not exist`);
    if (message.deliveryStatus !== 'pending_approval')
      throw new AppError('invalid_state', `This reply is not waiting for approval (it is ${message.deliveryStatus})`);
    const now = deps.clock.now();
    const approved = input.decision === 'approve';
    const status = approved ? 'pending' : 'rejected';
    await tx.conversations.setDeliveryStatus(workspaceId, message.id, status, approved ? null : `Rejected by a supervisor${note ? `: ${note}` : ''}`, now);
    if (approved) {
      await tx.enqueue({
        queue: QUEUES.outboundDelivery,
        workspaceId,
        payload: { messageId: message.id },
        orderingKey: `conversation:${conversation.id}`,
        idempotencyKey: message.id,
        maxAttempts: 12,
      });
    }
    await tx.events.record({
      workspaceId,
      type: approved ? 'message.approved' : 'message.rejected',
      customerId: conversation.customerId,
      conversationId: conversation.id,
      messageId: message.id,
      payload: note ? { note } : {},
      actor: actorOf(principal),
      occurredAt: now,
    });
    tx.publishAfterCommit({
      name: 'message.delivery_updated',
      workspaceId,
      payload: {
        conversationId: conversation.id,
        customerId: conversation.customerId,
        messageId: message.id,
        status,
        ...(approved ? {} : { error: note || 'rejected' }),
      },
    });
    return { messageId: message.id, conversationId: conversation.id, deliveryStatus: status };
  });
}
