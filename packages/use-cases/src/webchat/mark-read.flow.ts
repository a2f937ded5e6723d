import { AppError } from '@parley/kernel';
import type { UseCaseDeps } from '../deps.js';

export interface ReadReceipt {
  conversationId: string;
  customerId: string;
  /** Who read: the customer read the team's messages, or the team read the customer's. */
  by: 'customer' | 'agent';
  seq: number;
  messageIds: string[];
}

/**
 * Read receipts. The visitor has seen the conversation up to `seq` (the team's public replies
 * become `read`), or an agent has (the customer's messages become `read`). Publishes
 * `conversation.read` when something changed. `allowedCustomerIds` scopes a visitor to its
 * own story; agents pass null (the workspace scope is enough).
 *
 * @example
 * await markConversationRead(deps, workspaceId, { conversationId, seq: 7, by: 'customer', allowedCustomerIds: storyIds });
 */
export async function markConversationRead(
  deps: UseCaseDeps,
  workspaceId: string,
  input: { conversationId: string; seq: number; by: 'customer' | 'agent'; allowedCustomerIds: readonly string[] | null },
): Promise<ReadReceipt | null> {
  const conversation = await deps.store.read.conversations.get(workspaceId, input.conversationId);
  if (!conversation || (input.allowedCustomerIds && !input.allowedCustomerIds.includes(conversation.customerId))) {
    throw new AppError('conversation_not_found', `Conversation ${input.conversationId} does not exist`);
  }
  return deps.store.transaction(async (tx) => {
    const changed = await tx.conversations.markRead(workspaceId, conversation.id, input.by === 'customer' ? 'outbound' : 'inbound', input.seq);
    if (changed.length === 0) return null;
    const receipt: ReadReceipt = {
      conversationId: conversation.id,
      customerId: conversation.customerId,
      by: input.by,
      seq: Math.max(...changed.map((m) => m.seq)),
      messageIds: changed.map((m) => m.id),
    };
    tx.publishAfterCommit({ name: 'conversation.read', workspaceId, payload: receipt });
    return receipt;
  });
}
