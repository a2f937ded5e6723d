import { AppError } from '@parley/kernel';
import { actorOf, requirePermission, type Principal } from '@parley/domain';
import {
  acceptOffer,
  changePresence,
  pullFromQueue,
  transferConversation,
  withdrawOffer,
  type AgentProfile,
  type Assignment,
  type Presence,
  type TransferTarget,
} from '@parley/routing';
import type { UseCaseDeps } from '../deps.js';
import { applyRoutingOutcome, enqueueAgentDispatch, routingOf, scheduleAutoAwayCheck } from './routing-effects.js';

/**
 * Sets the caller's presence (online, busy, away, offline) with a "not ready" reason. Coming
 * online dispatches waiting conversations to them and starts their auto-away check. Supervisors
 * may set someone else's.
 *
 * @example
 * await setPresence(deps, principal, principal.userId, { presence: 'away', reason: 'lunch' });
 */
export async function setPresence(
  deps: UseCaseDeps,
  principal: Principal,
  userId: string,
  input: { presence: Presence; reason?: string | null },
): Promise<AgentProfile> {
  requirePermission(principal, userId === principal.userId ? 'routing:work' : 'routing:manage');
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const routing = routingOf(deps, tx);
    const before = await routing.getAgent(principal.workspaceId, userId);
    const profile = await changePresence(routing, principal.workspaceId, userId, input.presence, input.reason ?? null, now);
    const payload = { userId, presence: profile.presence, reason: profile.presenceReason, from: before?.presence ?? null };
    await tx.events.record({ workspaceId: principal.workspaceId, type: 'agent.presence_changed', payload, actor: actorOf(principal), occurredAt: now });
    tx.publishAfterCommit({ name: 'agent.presence_changed', workspaceId: principal.workspaceId, payload });
    if (profile.presence === 'online') {
      await enqueueAgentDispatch(tx, principal.workspaceId, userId);
      await scheduleAutoAwayCheck(deps, tx, principal.workspaceId, userId, new Date(now.getTime() + (deps.autoAwaySec ?? 0) * 1000));
    }
    return profile;
  });
}

async function findOffer(deps: UseCaseDeps, principal: Principal, assignmentId: string): Promise<Assignment> {
  const [offer] = (
    await routingOf(deps, deps.store.read).listAssignments(principal.workspaceId, {
      agentId: principal.userId,
      statuses: ['offered', 'active', 'declined', 'expired'],
      limit: 200,
    })
  ).filter((a) => a.id === assignmentId);
  if (!offer) throw new AppError('not_found', `No offer ${assignmentId} for you`);
  return offer;
}

/**
 * The advisor accepts an offer: the conversation becomes theirs (handler agent, `conversation.assigned`).
 *
 * @example
 * await acceptOfferFlow(deps, principal, offerId);
 */
export async function acceptOfferFlow(deps: UseCaseDeps, principal: Principal, assignmentId: string): Promise<Assignment> {
  requirePermission(principal, 'routing:work');
  const offer = await findOffer(deps, principal, assignmentId);
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const accepted = await acceptOffer(routingOf(deps, tx), principal.workspaceId, offer.conversationId, principal.userId, now);
    const explanation = accepted.explanation ?? { factors: [], text: { en: 'accepted', fr: 'acceptée' } };
    await applyRoutingOutcome(
      deps,
      tx,
      principal.workspaceId,
      {
        applied: [{ kind: 'assign', conversationId: offer.conversationId, agentId: principal.userId, explanation, assignmentId: accepted.id }],
        freedAgentIds: [],
      },
      actorOf(principal),
      now,
    );
    return accepted;
  });
}

/** The advisor declines an offer: it goes to the next advisor. */
export async function declineOfferFlow(deps: UseCaseDeps, principal: Principal, assignmentId: string, reason: string | null): Promise<void> {
  requirePermission(principal, 'routing:work');
  const offer = await findOffer(deps, principal, assignmentId);
  await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const outcome = await withdrawOffer(routingOf(deps, tx), principal.workspaceId, offer.conversationId, principal.userId, 'declined', now);
    const conversation = await tx.conversations.get(principal.workspaceId, offer.conversationId);
    const payload = { conversationId: offer.conversationId, agentId: principal.userId, assignmentId, reason: 'declined', note: reason };
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'conversation.offer_withdrawn',
      customerId: conversation?.customerId ?? null,
      conversationId: offer.conversationId,
      payload,
      actor: actorOf(principal),
      occurredAt: now,
    });
    await applyRoutingOutcome(deps, tx, principal.workspaceId, outcome, actorOf(principal), now, { queuedEvent: false });
  });
}

/**
 * Pull mode: the advisor takes the most urgent waiting conversation of a queue. Null when none.
 *
 * @example
 * const taken = await pullNext(deps, principal, queueId);
 */
export async function pullNext(
  deps: UseCaseDeps,
  principal: Principal,
  queueId: string,
): Promise<{ conversationId: string; assignmentId: string; explanation: { en: string; fr: string } } | null> {
  requirePermission(principal, 'routing:work');
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const taken = await pullFromQueue(routingOf(deps, tx), principal.workspaceId, queueId, principal.userId, now);
    if (!taken) return null;
    await applyRoutingOutcome(deps, tx, principal.workspaceId, { applied: [taken], freedAgentIds: [] }, actorOf(principal), now);
    return { conversationId: taken.conversationId, assignmentId: taken.assignmentId as string, explanation: taken.explanation.text };
  });
}

/**
 * Transfers a conversation to an advisor or a queue with a note (recorded as an internal
 * `conversation.transferred` event); also assigns a waiting conversation by hand (manual mode).
 * An advisor may transfer their own conversations; anything else needs `routing:manage`.
 *
 * @example
 * await transferConversationFlow(deps, principal, conversationId, { toQueueId, note: 'refund request' });
 */
export async function transferConversationFlow(
  deps: UseCaseDeps,
  principal: Principal,
  conversationId: string,
  input: TransferTarget & { note?: string | null },
): Promise<{ agentId: string | null; queueId: string | null; explanation: { en: string; fr: string } | null }> {
  requirePermission(principal, 'routing:work');
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const routing = routingOf(deps, tx);
    const conversation = await tx.conversations.lock(principal.workspaceId, conversationId);
    if (!conversation) throw new AppError('conversation_not_found', `Conversation ${conversationId} does not exist`);
    const mine = conversation.handler.kind === 'agent' && conversation.handler.id === principal.userId;
    if (!mine && !principal.permissions.has('routing:manage'))
      throw new AppError('forbidden', 'Only the assigned advisor or a supervisor can transfer this conversation');
    if (!(await routing.getItem(principal.workspaceId, conversationId))) {
      // A conversation that never went through routing (no queue then): enter it now.
      const queue = input.toQueueId
        ? await routing.getQueue(principal.workspaceId, input.toQueueId)
        : ((await routing.listQueues(principal.workspaceId))[0] ?? null);
      if (!queue) throw new AppError('invalid_state', 'No queue exists to transfer through');
      await routing.saveItem({
        conversationId,
        workspaceId: principal.workspaceId,
        customerId: conversation.customerId,
        queueId: queue.id,
        channelKind: 'chat',
        status: 'assigned',
        enqueuedAt: now,
        requestedAt: now,
        attributes: { language: null, vip: false, botHandoff: false, emotion: null, preferredAgentId: null, preferredReason: null, team: null },
        declinedAgentIds: [],
        escalated: false,
        agentId: null,
        offerExpiresAt: null,
        firstResponseDueAt: null,
        updatedAt: now,
      });
    }
    const user = await tx.access.getUser(principal.userId);
    const outcome = await transferConversation(
      routing,
      principal.workspaceId,
      conversationId,
      input,
      { note: input.note ?? null, byName: user?.name ?? principal.userId },
      now,
    );
    const payload = {
      conversationId,
      fromAgentId: outcome.previousAgentId,
      toAgentId: input.toAgentId ?? null,
      toQueueId: input.toQueueId ?? null,
      note: input.note ?? null,
      // A supervisor moving someone else's conversation to themselves: the timeline says "took over".
      takenOver: input.toAgentId === principal.userId && outcome.previousAgentId !== null && outcome.previousAgentId !== principal.userId,
    };
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'conversation.transferred',
      customerId: conversation.customerId,
      conversationId,
      payload,
      actor: actorOf(principal),
      occurredAt: now,
    });
    tx.publishAfterCommit({
      name: 'conversation.transferred',
      workspaceId: principal.workspaceId,
      payload: { ...payload, customerId: conversation.customerId },
    });
    await applyRoutingOutcome(deps, tx, principal.workspaceId, outcome, actorOf(principal), now);
    const assigned = outcome.applied.find((d) => d.kind === 'assign');
    return { agentId: assigned?.agentId ?? null, queueId: input.toQueueId ?? null, explanation: outcome.applied[0]?.explanation.text ?? null };
  });
}
