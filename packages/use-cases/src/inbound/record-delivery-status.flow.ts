import type { DeliveryStatus } from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';

export interface DeliveryStatusInput {
  workspaceId: string;
  channelId: string;
  /** The provider's id for the message, recorded when it was sent. */
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** The provider's reason for a failure, shown on the timeline and in the agent app. */
  error?: string | undefined;
}

export type DeliveryStatusOutcome = 'updated' | 'unchanged' | 'unknown_message';

// Statuses only move forward: providers deliver webhooks out of order and replay them.
const RANK: Record<DeliveryStatus, number> = { not_applicable: -1, received: -1, pending_approval: -1, rejected: -1, pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

function advances(current: DeliveryStatus, next: DeliveryStatusInput['status']): boolean {
  // A failure after "sent" is real news (the provider could not deliver); after "read" it is noise.
  if (next === 'failed') return current !== 'failed' && current !== 'read';
  if (current === 'failed') return false;
  return RANK[next] > RANK[current];
}

/**
 * Records a provider's delivery status (sent, delivered, read, failed with its reason) on an
 * outbound message and the timeline (`message.delivery_updated`). Idempotent: a replayed or
 * late status changes nothing; a status for a message Parley doesn't know is ignored.
 *
 * @example
 * await recordDeliveryStatus(deps, { workspaceId, channelId, providerMessageId: 'wamid.X', status: 'delivered' });
 */
export async function recordDeliveryStatus(deps: UseCaseDeps, input: DeliveryStatusInput): Promise<DeliveryStatusOutcome> {
  return deps.store.transaction(async (tx) => {
    const message = await tx.conversations.findMessageByProviderId(input.channelId, input.providerMessageId);
    if (!message || message.workspaceId !== input.workspaceId || message.direction !== 'outbound') return 'unknown_message';
    if (!advances(message.deliveryStatus, input.status)) return 'unchanged';
    const conversation = await tx.conversations.get(input.workspaceId, message.conversationId);
    const now = deps.clock.now();
    const error = input.status === 'failed' ? (input.error ?? 'failed (no reason given by the provider)') : null;
    await tx.conversations.setDeliveryStatus(input.workspaceId, message.id, input.status, error, now);
    await tx.events.record({
      workspaceId: input.workspaceId,
      type: 'message.delivery_updated',
      customerId: conversation?.customerId ?? null,
      conversationId: message.conversationId,
      messageId: message.id,
      payload: { status: input.status, providerMessageId: input.providerMessageId, source: 'provider', ...(error ? { error } : {}) },
      actor: { kind: 'system', id: null },
      occurredAt: now,
    });
    tx.publishAfterCommit({
      name: 'message.delivery_updated',
      workspaceId: input.workspaceId,
      payload: {
        conversationId: message.conversationId,
        customerId: conversation?.customerId ?? null,
        messageId: message.id,
        status: input.status,
        ...(error ? { error } : {}),
      },
    });
    return 'updated';
  });
}
