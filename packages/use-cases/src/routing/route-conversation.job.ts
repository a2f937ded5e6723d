import type { Job, JobOutcome } from '@parley/kernel';
import { ACTIVE_STATUSES } from '@parley/domain';
import { dispatchConversation, enqueueForRouting, queueForChannel } from '@parley/routing';
import type { UseCaseDeps } from '../deps.js';
import { applyRoutingOutcome, attributesFor, channelKindOf, routingOf, scheduleSlaCheck, type RouteJobPayload } from './routing-effects.js';
import { askRoutingHook } from './routing-hook.js';

const SYSTEM = { kind: 'system' as const, id: null };

/**
 * The `conversation.route` job: puts the conversation in its queue (first time) and routes it
 * with the core, all in one transaction with the handler change, the timeline explanation and
 * the follow-up jobs. Idempotent: a conversation already offered or assigned is left alone. With
 * an external routing hook, the queueing commits first, the hook is asked outside any
 * transaction, and a second transaction routes with its answer (or Parley's choice).
 *
 * @example
 * worker.register(QUEUES.routeConversation, (job) => routeConversationJob(deps, job));
 */
export async function routeConversationJob(deps: UseCaseDeps, job: Job<RouteJobPayload>): Promise<JobOutcome> {
  if (!deps.routing) return { kind: 'done' };
  const workspaceId = job.workspaceId;
  const { conversationId } = job.payload;
  const queued = await deps.store.transaction(async (tx) => {
    const routing = routingOf(deps, tx);
    const now = deps.clock.now();
    const conversation = await tx.conversations.get(workspaceId, conversationId);
    if (!conversation || !ACTIVE_STATUSES.includes(conversation.status)) return null;
    let item = await routing.lockItem(workspaceId, conversationId);
    const fresh = !item || item.status === 'closed' || item.status === 'after_hours';
    if (fresh) {
      const queues = await routing.listQueues(workspaceId);
      const queue = (job.payload.queueId ? queues.find((q) => q.id === job.payload.queueId) : undefined) ?? queueForChannel(queues, conversation.channelId);
      if (!queue) return null; // Routing is not configured for this channel.
      const [customer, channel] = await Promise.all([
        tx.customers.get(workspaceId, conversation.customerId),
        tx.channels.get(workspaceId, conversation.channelId),
      ]);
      item = await enqueueForRouting(
        routing,
        {
          workspaceId,
          conversationId,
          customerId: conversation.customerId,
          channelId: conversation.channelId,
          channelKind: channelKindOf(channel?.type ?? 'api'),
          attributes: attributesFor(customer, queue, job.payload.hints),
          queueId: queue.id,
        },
        now,
      );
      if (item?.firstResponseDueAt) {
        await scheduleSlaCheck(tx, workspaceId, {
          conversationId,
          kind: 'first_response',
          since: item.requestedAt.toISOString(),
          dueAt: item.firstResponseDueAt.toISOString(),
        });
      }
    }
    if (!item || item.status !== 'waiting') return null;
    // An external routing hook is asked outside any transaction: commit the queueing first.
    if (deps.routingHookHttp && (await routing.getSettings(workspaceId)).hook) return { fresh };
    const outcome = await dispatchConversation(routing, workspaceId, conversationId, now);
    await applyRoutingOutcome(deps, tx, workspaceId, outcome, SYSTEM, now, { queuedEvent: fresh });
    return null;
  });
  if (!queued) return { kind: 'done' };
  const hook = await askRoutingHook(deps, workspaceId, conversationId, job.id);
  await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    // Still waiting is re-checked under the lock: an advisor's dispatch may have taken it meanwhile.
    const outcome = await dispatchConversation(routingOf(deps, tx), workspaceId, conversationId, now, hook ? { hook } : {});
    await applyRoutingOutcome(deps, tx, workspaceId, outcome, SYSTEM, now, { queuedEvent: queued.fresh });
  });
  return { kind: 'done' };
}
