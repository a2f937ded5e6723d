import type { Conversation, TransactionScope } from '@parley/domain';
import { noAttributes, queueForChannel, takeOverConversation, type TakeoverSource } from '@parley/routing';
import type { UseCaseDeps } from '../deps.js';
import { applyRoutingOutcome, attributesFor, channelKindOf } from './routing-effects.js';

/**
 * Records in routing that an advisor's public reply took the conversation over (from the bot, or
 * from the queue while it waits or is offered): the routing row becomes `assigned` to them (made
 * if the conversation never went through routing), a pending offer to someone else is withdrawn
 * (`conversation.offer_withdrawn`, reason `taken_over`), their load is charged (even past their
 * capacity: see `takeOverConversation`), and `conversation.assigned` carries the FR/EN
 * explanation. Resolving the conversation releases it like any assignment (`routing.release`).
 * Nothing happens without routing, for an advisor with no routing profile, or when another
 * advisor holds the conversation (a reply does not steal it). Runs in the reply's transaction,
 * with the conversation row locked.
 *
 * @example
 * await recordReplyTakeover(deps, tx, conversation, principal.userId, 'bot', now);
 */
export async function recordReplyTakeover(
  deps: UseCaseDeps,
  tx: TransactionScope,
  conversation: Conversation,
  agentId: string,
  from: TakeoverSource,
  now: Date,
): Promise<boolean> {
  if (!deps.routing) return false;
  const routing = deps.routing(tx);
  const workspaceId = conversation.workspaceId;
  const [channel, customer, queues, user] = await Promise.all([
    tx.channels.get(workspaceId, conversation.channelId),
    tx.customers.get(workspaceId, conversation.customerId),
    routing.listQueues(workspaceId),
    tx.access.getUser(agentId),
  ]);
  const queue = queueForChannel(queues, conversation.channelId);
  const outcome = await takeOverConversation(
    routing,
    {
      workspaceId,
      conversationId: conversation.id,
      customerId: conversation.customerId,
      channelId: conversation.channelId,
      channelKind: channelKindOf(channel?.type ?? 'api'),
      attributes: queue ? attributesFor(customer, queue, { botHandoff: from === 'bot' }) : noAttributes(),
      queueId: queue?.id ?? null,
    },
    agentId,
    { byName: user?.name ?? agentId, from },
    now,
  );
  if (outcome.applied.length === 0) return false;
  const actor = { kind: 'user' as const, id: agentId };
  const withdrawn = outcome.withdrawnOffer;
  if (withdrawn && withdrawn.agentId !== agentId) {
    const payload = { conversationId: conversation.id, agentId: withdrawn.agentId, assignmentId: withdrawn.id, reason: 'taken_over', takenBy: agentId };
    await tx.events.record({
      workspaceId,
      type: 'conversation.offer_withdrawn',
      customerId: conversation.customerId,
      conversationId: conversation.id,
      payload,
      actor,
      occurredAt: now,
    });
    tx.publishAfterCommit({ name: 'conversation.offer_withdrawn', workspaceId, payload: { ...payload, customerId: conversation.customerId } });
  }
  await applyRoutingOutcome(deps, tx, workspaceId, outcome, actor, now);
  return true;
}
