import type { Job, JobOutcome } from '@parley/kernel';
import { checkSla, dispatchAgent, dispatchConversation, idleAgents, releaseConversation, withdrawOffer } from '@parley/routing';
import { QUEUES, type UseCaseDeps } from '../deps.js';
import { routeConversationJob } from './route-conversation.job.js';
import { applyCustomerEmotionJob, ROUTING_EMOTION_QUEUE } from './routing-emotion.job.js';
import {
  applyRoutingOutcome,
  routingOf,
  scheduleAutoAwayCheck,
  AUTO_AWAY_REASON,
  type AgentDispatchPayload,
  type AutoAwayPayload,
  type OfferExpiryPayload,
  type ReleasePayload,
  type SlaCheckPayload,
} from './routing-effects.js';

const SYSTEM = { kind: 'system' as const, id: null };

/**
 * `routing.offer_expire`: the advisor did not accept in time. The offer is withdrawn (the slot
 * freed, the advisor not offered this conversation again) and the next advisor gets it. A
 * deadline that fires after an accept or a decline does nothing.
 *
 * @example
 * worker.register(QUEUES.routingOfferExpiry, (job) => expireOfferJob(deps, job));
 */
export async function expireOfferJob(deps: UseCaseDeps, job: Job<OfferExpiryPayload>): Promise<JobOutcome> {
  if (!deps.routing) return { kind: 'done' };
  await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const outcome = await withdrawOffer(routingOf(deps, tx), job.workspaceId, job.payload.conversationId, job.payload.agentId, 'expired', now);
    if (outcome.freedAgentIds.length === 0) return;
    const conversation = await tx.conversations.get(job.workspaceId, job.payload.conversationId);
    const payload = { conversationId: job.payload.conversationId, agentId: job.payload.agentId, assignmentId: job.payload.assignmentId, reason: 'expired' };
    await tx.events.record({
      workspaceId: job.workspaceId,
      type: 'conversation.offer_withdrawn',
      customerId: conversation?.customerId ?? null,
      conversationId: job.payload.conversationId,
      payload,
      actor: SYSTEM,
      occurredAt: now,
    });
    tx.publishAfterCommit({ name: 'conversation.offer_withdrawn', workspaceId: job.workspaceId, payload });
    await applyRoutingOutcome(deps, tx, job.workspaceId, outcome, SYSTEM, now);
  });
  return { kind: 'done' };
}

/**
 * `routing.sla_check`: at the due time, was there an advisor reply? If not, records and
 * publishes `conversation.sla_breached`, escalates the conversation (priority boost) and, when
 * it still waits and the queue names an escalation queue, moves it there.
 *
 * @example
 * worker.register(QUEUES.routingSlaCheck, (job) => checkSlaJob(deps, job));
 */
export async function checkSlaJob(deps: UseCaseDeps, job: Job<SlaCheckPayload>): Promise<JobOutcome> {
  if (!deps.routing) return { kind: 'done' };
  await deps.store.transaction(async (tx) => {
    const routing = routingOf(deps, tx);
    const now = deps.clock.now();
    const { conversationId, kind } = job.payload;
    const item = await routing.lockItem(job.workspaceId, conversationId);
    if (!item || item.status === 'closed') return;
    const queue = item.queueId ? await routing.getQueue(job.workspaceId, item.queueId) : null;
    if (!queue) return;
    const since = new Date(job.payload.since);
    const dueAt = new Date(job.payload.dueAt);
    const respondedAt = await routing.firstAgentReplyAt(job.workspaceId, conversationId, since);
    const verdict = checkSla({ dueAt, respondedAt, now, item, queue });
    if (!verdict.breached) return;
    const conversation = await tx.conversations.get(job.workspaceId, conversationId);
    const payload = {
      conversationId,
      kind,
      queueId: queue.id,
      dueAt: dueAt.toISOString(),
      overBySec: verdict.overBySec,
      agentId: item.agentId,
      escalatedTo: verdict.escalateToQueueId,
    };
    await tx.events.record({
      workspaceId: job.workspaceId,
      type: 'conversation.sla_breached',
      customerId: conversation?.customerId ?? null,
      conversationId,
      payload,
      actor: SYSTEM,
      occurredAt: now,
    });
    tx.publishAfterCommit({
      name: 'conversation.sla_breached',
      workspaceId: job.workspaceId,
      payload: { ...payload, customerId: conversation?.customerId ?? null },
    });
    await routing.saveItem({
      ...item,
      escalated: true,
      ...(verdict.escalateToQueueId ? { queueId: verdict.escalateToQueueId, enqueuedAt: now, declinedAgentIds: [] } : {}),
      updatedAt: now,
    });
    if (item.status === 'waiting') {
      const outcome = await dispatchConversation(routing, job.workspaceId, conversationId, now);
      await applyRoutingOutcome(deps, tx, job.workspaceId, outcome, SYSTEM, now, { queuedEvent: false });
    }
  });
  return { kind: 'done' };
}

/**
 * `routing.dispatch_agent`: an advisor came online or got a slot back; give them the most
 * urgent waiting conversations they qualify for.
 *
 * @example
 * worker.register(QUEUES.routingDispatchAgent, (job) => dispatchAgentJob(deps, job));
 */
export async function dispatchAgentJob(deps: UseCaseDeps, job: Job<AgentDispatchPayload>): Promise<JobOutcome> {
  if (!deps.routing) return { kind: 'done' };
  await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const outcome = await dispatchAgent(routingOf(deps, tx), job.workspaceId, job.payload.agentId, now);
    await applyRoutingOutcome(deps, tx, job.workspaceId, outcome, SYSTEM, now);
  });
  return { kind: 'done' };
}

/**
 * `routing.release`: the conversation was resolved or closed; its advisor's slot is freed and
 * the advisor is dispatched again.
 *
 * @example
 * worker.register(QUEUES.routingRelease, (job) => releaseConversationJob(deps, job));
 */
export async function releaseConversationJob(deps: UseCaseDeps, job: Job<ReleasePayload>): Promise<JobOutcome> {
  if (!deps.routing) return { kind: 'done' };
  await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const conversation = await tx.conversations.get(job.workspaceId, job.payload.conversationId);
    // Reopened since: keep the advisor.
    if (conversation && conversation.status !== 'resolved' && conversation.status !== 'closed') return;
    const routing = routingOf(deps, tx);
    const outcome = await releaseConversation(routing, job.workspaceId, job.payload.conversationId, now);
    // Finishing a conversation is activity: auto-away counts idle time from here, not from the assignment.
    for (const agentId of outcome.freedAgentIds) await routing.touchAgent(job.workspaceId, agentId, now);
    await applyRoutingOutcome(deps, tx, job.workspaceId, outcome, SYSTEM, now);
  });
  return { kind: 'done' };
}

/**
 * `routing.auto_away`: an online advisor with no conversation and no routing activity (presence
 * change, assignment, accepted offer, finished conversation) for `autoAwaySec` is set to away
 * with the reason `auto_away`: recorded and published as `agent.presence_changed`, so the agent
 * app follows and routing stops offering to them. Otherwise the check is scheduled again for the
 * earliest time they could be idle; the chain ends when they leave "online" (coming back online
 * starts a new one).
 *
 * @example
 * worker.register(QUEUES.routingAutoAway, (job) => autoAwayJob(deps, job));
 */
export async function autoAwayJob(deps: UseCaseDeps, job: Job<AutoAwayPayload>): Promise<JobOutcome> {
  const idleSec = deps.autoAwaySec ?? 0;
  if (!deps.routing || idleSec <= 0) return { kind: 'done' };
  const { workspaceId } = job;
  const { agentId } = job.payload;
  await deps.store.transaction(async (tx) => {
    const routing = routingOf(deps, tx);
    const now = deps.clock.now();
    const agent = await routing.lockAgent(workspaceId, agentId);
    if (!agent || agent.presence !== 'online') return;
    if (idleAgents([agent], now, idleSec).length === 0) {
      const idleFrom = agent.load.total === 0 && agent.lastActivityAt ? agent.lastActivityAt.getTime() : now.getTime();
      await scheduleAutoAwayCheck(deps, tx, workspaceId, agentId, new Date(Math.max(idleFrom + idleSec * 1000, now.getTime() + 1)));
      return;
    }
    await routing.setPresence(workspaceId, agentId, 'away', AUTO_AWAY_REASON, now);
    const payload = { userId: agentId, presence: 'away', reason: AUTO_AWAY_REASON, from: agent.presence, idleSec };
    await tx.events.record({ workspaceId, type: 'agent.presence_changed', payload, actor: SYSTEM, occurredAt: now });
    tx.publishAfterCommit({ name: 'agent.presence_changed', workspaceId, payload });
  });
  return { kind: 'done' };
}

/**
 * Every routing job queue with its handler, for the composition root to register.
 *
 * @example
 * for (const [queue, handle] of routingJobHandlers(deps)) worker.register(queue, handle);
 */
export function routingJobHandlers(deps: UseCaseDeps): Array<[string, (job: Job<never>) => Promise<JobOutcome>]> {
  return [
    [QUEUES.routeConversation, (job) => routeConversationJob(deps, job)],
    [QUEUES.routingOfferExpiry, (job) => expireOfferJob(deps, job)],
    [QUEUES.routingSlaCheck, (job) => checkSlaJob(deps, job)],
    [QUEUES.routingDispatchAgent, (job) => dispatchAgentJob(deps, job)],
    [QUEUES.routingRelease, (job) => releaseConversationJob(deps, job)],
    [QUEUES.routingAutoAway, (job) => autoAwayJob(deps, job)],
    [ROUTING_EMOTION_QUEUE, (job) => applyCustomerEmotionJob(deps, job)],
  ];
}
