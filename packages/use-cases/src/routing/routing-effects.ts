import { AppError } from '@parley/kernel';
import type { Actor, Conversation, Customer, TransactionScope } from '@parley/domain';
import {
  nextResponseDueAt,
  noAttributes,
  type AppliedDecision,
  type ChannelKind,
  type Explanation,
  type ItemAttributes,
  type RoutingOutcome,
  type RoutingQueue,
  type RoutingRepository,
} from '@parley/routing';
import { changeHandler } from '../conversations/change-handler.js';
import { QUEUES, type UseCaseDeps } from '../deps.js';

// What routing changes outside its own tables: the conversation's handler, the timeline
// (with the explanation), live events for the agent app, and the follow-up jobs (offer
// deadlines, retries at the time the core asked for, dispatch of freed advisors).

export interface RouteJobPayload {
  conversationId: string;
  /** Why it was enqueued: an inbound message, a retry the core asked for, a bot handoff… */
  reason: string;
  queueId?: string;
  hints?: Partial<Pick<ItemAttributes, 'botHandoff' | 'emotion'>>;
}

export interface OfferExpiryPayload {
  conversationId: string;
  agentId: string;
  assignmentId: string;
}

export interface SlaCheckPayload {
  conversationId: string;
  kind: 'first_response' | 'next_response';
  /** When the timer started (the request, or the customer message). */
  since: string;
  dueAt: string;
}

export interface AgentDispatchPayload {
  agentId: string;
}

export interface ReleasePayload {
  conversationId: string;
}

export interface AutoAwayPayload {
  agentId: string;
}

/** The presence reason auto-away records (the agent app shows it as "inactive"). */
export const AUTO_AWAY_REASON = 'auto_away';

/** The routing repository on this scope; throws when routing is not wired (API calls). */
export function routingOf(deps: UseCaseDeps, scope: object): RoutingRepository {
  if (!deps.routing) throw new AppError('invalid_state', 'Routing is not enabled on this server');
  return deps.routing(scope);
}

/** How a channel type occupies an advisor. Unknown types count as chats. */
export function channelKindOf(channelType: string): ChannelKind {
  if (channelType === 'voice' || channelType === 'phone') return 'voice';
  if (['email', 'sms', 'whatsapp', 'messenger', 'instagram', 'telegram', 'rcs'].includes(channelType)) return 'async';
  return 'chat';
}

const truthy = (v: unknown) =>
  v === true || v === 'true' || v === 1 || v === 'yes' || (typeof v === 'string' && v.length > 0 && v !== 'false' && v !== 'no' && v !== '0');
const stringOrNull = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * Routing facts from the customer profile: language (profile locale), VIP (the queue's VIP
 * attribute), the assigned advisor (`preferredAgentId` / `assignedAdvisorId` attribute) and
 * branch/team (the queue's team attribute). Job hints (bot handoff, emotion) are added on top.
 *
 * @example
 * attributesFor(customer, queue, { botHandoff: true });
 */
export function attributesFor(customer: Customer | null, queue: RoutingQueue, hints: RouteJobPayload['hints'] = {}): ItemAttributes {
  const attrs = customer?.attributes ?? {};
  const advisor = stringOrNull(attrs.preferredAgentId) ?? stringOrNull(attrs.assignedAdvisorId);
  const emotion = hints.emotion ?? stringOrNull(attrs.emotion);
  return noAttributes({
    language: customer?.locale ?? stringOrNull(attrs.language),
    vip: queue.priorityRules.vipAttribute ? truthy(attrs[queue.priorityRules.vipAttribute]) : false,
    botHandoff: hints.botHandoff ?? false,
    emotion: emotion === 'angry' || emotion === 'negative' || emotion === 'neutral' || emotion === 'positive' ? emotion : null,
    preferredAgentId: advisor,
    preferredReason: advisor ? 'assigned_advisor' : null,
    team: queue.teamAttribute ? stringOrNull(attrs[queue.teamAttribute]) : null,
  });
}

/**
 * Enqueues routing for a conversation in the caller's transaction. The inbound flow calls it
 * for every customer message of a conversation nobody handles yet; the idempotency key makes
 * the repeats free.
 *
 * @example
 * await requestRouting(tx, conversation, { reason: 'inbound' });
 */
export async function requestRouting(
  tx: TransactionScope,
  conversation: Pick<Conversation, 'id' | 'workspaceId'>,
  payload: Omit<RouteJobPayload, 'conversationId'>,
  options: { runAt?: Date; idempotencyKey?: string } = {},
): Promise<void> {
  await tx.enqueue({
    queue: QUEUES.routeConversation,
    workspaceId: conversation.workspaceId,
    payload: { conversationId: conversation.id, ...payload } satisfies RouteJobPayload,
    orderingKey: `conversation:${conversation.id}`,
    idempotencyKey: options.idempotencyKey ?? `route:${conversation.id}`,
    ...(options.runAt ? { runAt: options.runAt } : {}),
  });
}

/**
 * The inbound flow's hook: a conversation with no handler yet asks to be routed; one an advisor
 * holds starts its next-response timer (see {@link startNextResponseTimer}).
 *
 * @example
 * await requestRoutingOnInbound(tx, conversation, { deps, receivedAt: message.createdAt });
 */
export async function requestRoutingOnInbound(
  tx: TransactionScope,
  conversation: Conversation,
  context: { deps: UseCaseDeps; receivedAt: Date } | null = null,
): Promise<void> {
  if (conversation.handler.kind === 'none') await requestRouting(tx, conversation, { reason: 'inbound' });
  else if (conversation.handler.kind === 'agent' && context) await startNextResponseTimer(context.deps, tx, conversation, context.receivedAt);
}

/**
 * A customer wrote in a conversation assigned to an advisor, after an advisor reply: schedules
 * the queue's next-response timer (`routing.sla_check`, kind `next_response`). The timer is keyed
 * on the advisor reply it follows, so a burst of customer messages starts one timer, from the
 * first of them. An advisor reply before the due time satisfies it (the check finds the reply).
 *
 * @example
 * await startNextResponseTimer(deps, tx, conversation, message.createdAt);
 */
export async function startNextResponseTimer(deps: UseCaseDeps, tx: TransactionScope, conversation: Conversation, receivedAt: Date): Promise<void> {
  if (!deps.routing) return;
  const routing = deps.routing(tx);
  const item = await routing.getItem(conversation.workspaceId, conversation.id);
  if (!item || item.status !== 'assigned' || !item.queueId) return;
  const queue = await routing.getQueue(conversation.workspaceId, item.queueId);
  const dueAt = queue ? nextResponseDueAt(queue, receivedAt) : null;
  if (!dueAt) return;
  // Before any advisor reply the first-response timer is the one running.
  const lastReply = await routing.lastAgentReplyAt(conversation.workspaceId, conversation.id);
  if (!lastReply || lastReply > receivedAt) return;
  await scheduleSlaCheck(
    tx,
    conversation.workspaceId,
    { conversationId: conversation.id, kind: 'next_response', since: receivedAt.toISOString(), dueAt: dueAt.toISOString() },
    `sla:next_response:${conversation.id}:${lastReply.getTime()}`,
  );
}

/** Safety-net re-routing of a conversation that waits for lack of advisors. */
export const NO_AGENT_RETRY_MS = 15_000;

/**
 * The first look again after a conversation starts waiting: an advisor's slot freed while its route
 * transaction was deciding is dispatched by a job that cannot see it yet, and the customer should not
 * wait the whole safety net for that.
 */
export const FIRST_WAIT_RECHECK_MS = 2_000;

const EVENT_FOR: Record<AppliedDecision['kind'], string> = {
  assign: 'conversation.assigned',
  offer: 'conversation.offered',
  wait: 'conversation.queued',
  overflow: 'conversation.overflowed',
  after_hours: 'conversation.after_hours',
};

function explanationPayload(explanation: Explanation) {
  return { explanation: explanation.text, factors: explanation.factors };
}

/**
 * Reflects an engine outcome in the same transaction: handler changes with
 * `conversation.handler_changed`, one timeline event per decision (`conversation.assigned`
 * with the FR/EN explanation and its factors, `conversation.offered`, `conversation.queued`,
 * `conversation.overflowed`, `conversation.after_hours`), live events, and jobs (offer
 * deadline, retry at the time the core asked, dispatch of advisors who got a slot back).
 *
 * @example
 * await applyRoutingOutcome(deps, tx, workspaceId, outcome, { kind: 'system', id: null }, now);
 */
export async function applyRoutingOutcome(
  deps: UseCaseDeps,
  tx: TransactionScope,
  workspaceId: string,
  outcome: RoutingOutcome,
  actor: Actor,
  now: Date,
  options: { queuedEvent?: boolean } = {},
): Promise<void> {
  const routing = routingOf(deps, tx);
  for (const decision of outcome.applied) {
    const conversation = await tx.conversations.get(workspaceId, decision.conversationId);
    if (!conversation) continue;
    const item = await routing.getItem(workspaceId, decision.conversationId);
    const queueId = item?.queueId ?? null;
    let handler: Conversation['handler'] | null = null;
    const payload: Record<string, unknown> = { queueId, ...explanationPayload(decision.explanation) };
    if (decision.kind === 'assign') {
      handler = { kind: 'agent', id: decision.agentId };
      Object.assign(payload, { agentId: decision.agentId, assignmentId: decision.assignmentId });
    } else if (decision.kind === 'offer') {
      handler = { kind: 'queue', id: queueId };
      Object.assign(payload, { agentId: decision.agentId, assignmentId: decision.assignmentId, expiresAt: decision.expiresAt.toISOString() });
      await tx.enqueue({
        queue: QUEUES.routingOfferExpiry,
        workspaceId,
        payload: {
          conversationId: decision.conversationId,
          agentId: decision.agentId,
          assignmentId: decision.assignmentId as string,
        } satisfies OfferExpiryPayload,
        idempotencyKey: `offer:${decision.assignmentId}`,
        runAt: decision.expiresAt,
      });
    } else if (decision.kind === 'wait') {
      handler = { kind: 'queue', id: queueId };
      Object.assign(payload, { reason: decision.reason, retryAt: decision.retryAt?.toISOString() ?? null });
      // With no time from the core, still look again later: an advisor freed while this
      // transaction was deciding (whose dispatch could not see this conversation yet) must not
      // leave it waiting until the next event.
      const firstWait = conversation.handler.kind !== 'queue';
      const retryAt =
        decision.retryAt ?? (decision.reason === 'no_agent' ? new Date(now.getTime() + (firstWait ? FIRST_WAIT_RECHECK_MS : NO_AGENT_RETRY_MS)) : null);
      if (retryAt)
        await requestRouting(tx, conversation, { reason: 'retry' }, { runAt: retryAt, idempotencyKey: `route:${conversation.id}:${retryAt.getTime()}` });
    } else if (decision.kind === 'overflow') {
      handler = { kind: 'queue', id: decision.toQueueId };
      Object.assign(payload, { fromQueueId: decision.fromQueueId, toQueueId: decision.toQueueId });
    } else {
      handler = decision.action === 'bot' ? { kind: 'bot', id: null } : { kind: 'queue', id: queueId };
      Object.assign(payload, { action: decision.action, nextOpenAt: decision.nextOpenAt?.toISOString() ?? null });
    }
    if (handler && (handler.kind !== conversation.handler.kind || handler.id !== conversation.handler.id)) {
      await changeHandler(tx, conversation, handler, actor, now);
    }
    // A conversation waiting again with the same reason would fill the timeline with repeats.
    if (decision.kind === 'wait' && options.queuedEvent === false) continue;
    const type = EVENT_FOR[decision.kind];
    await tx.events.record({ workspaceId, type, customerId: conversation.customerId, conversationId: conversation.id, payload, actor, occurredAt: now });
    tx.publishAfterCommit({ name: type, workspaceId, payload: { conversationId: conversation.id, customerId: conversation.customerId, ...payload } });
  }
  for (const agentId of outcome.freedAgentIds) await enqueueAgentDispatch(tx, workspaceId, agentId);
}

/** Asks for a dispatch of an advisor who got capacity back or came online. */
export async function enqueueAgentDispatch(tx: TransactionScope, workspaceId: string, agentId: string): Promise<void> {
  await tx.enqueue({ queue: QUEUES.routingDispatchAgent, workspaceId, payload: { agentId } satisfies AgentDispatchPayload, orderingKey: `agent:${agentId}` });
}

/** Schedules an SLA timer as a delayed job (one per idempotency key, by default per start time). */
export async function scheduleSlaCheck(tx: TransactionScope, workspaceId: string, payload: SlaCheckPayload, idempotencyKey?: string): Promise<void> {
  await tx.enqueue({
    queue: QUEUES.routingSlaCheck,
    workspaceId,
    payload,
    idempotencyKey: idempotencyKey ?? `sla:${payload.kind}:${payload.conversationId}:${payload.since}`,
    runAt: new Date(payload.dueAt),
  });
}

/**
 * Schedules the auto-away check of an online advisor at `dueAt` (nothing when auto-away is off).
 * The time is rounded up to a quarter of the idle period, so the chains that repeated "online"
 * switches start converge on one job per step (the idempotency key).
 *
 * @example
 * await scheduleAutoAwayCheck(deps, tx, workspaceId, agentId, new Date(now.getTime() + deps.autoAwaySec * 1000));
 */
export async function scheduleAutoAwayCheck(deps: UseCaseDeps, tx: TransactionScope, workspaceId: string, agentId: string, dueAt: Date): Promise<void> {
  const idleSec = deps.autoAwaySec ?? 0;
  if (idleSec <= 0) return;
  const step = Math.max(1000, Math.floor((idleSec * 1000) / 4));
  const runAt = new Date(Math.ceil(dueAt.getTime() / step) * step);
  await tx.enqueue({
    queue: QUEUES.routingAutoAway,
    workspaceId,
    payload: { agentId } satisfies AutoAwayPayload,
    idempotencyKey: `auto_away:${workspaceId}:${agentId}:${runAt.getTime()}`,
    runAt,
    maxAttempts: 3,
  });
}
