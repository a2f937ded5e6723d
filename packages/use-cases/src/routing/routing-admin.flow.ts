import { AppError, newId } from '@parley/kernel';
import { actorOf, requirePermission, type Principal } from '@parley/domain';
import {
  defaultQueue,
  isValidTimeZone,
  type AgentProfile,
  type ChannelCapacity,
  type PriorityRules,
  type QueueSla,
  type RoutingQueue,
  type RoutingRepository,
} from '@parley/routing';
import type { UseCaseDeps } from '../deps.js';
import { routingOf } from './routing-effects.js';

/** A queue as an administrator writes it (everything but the name has a default; rules and SLA merge field by field). */
export type QueueInput = Partial<Omit<RoutingQueue, 'id' | 'workspaceId' | 'priorityRules' | 'sla'>> & {
  name: string;
  priorityRules?: Partial<PriorityRules>;
  sla?: Partial<QueueSla>;
};

function merge(base: RoutingQueue, input: Partial<QueueInput>): RoutingQueue {
  const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<QueueInput>;
  return {
    ...base,
    ...clean,
    priorityRules: { ...base.priorityRules, ...clean.priorityRules },
    sla: { ...base.sla, ...clean.sla },
    id: base.id,
    workspaceId: base.workspaceId,
  };
}

function checkQueue(queue: RoutingQueue): void {
  if (queue.businessHours && !isValidTimeZone(queue.businessHours.timeZone))
    throw new AppError('validation_failed', `Unknown time zone "${queue.businessHours.timeZone}"`);
  if (queue.overflow?.queueId === queue.id)
    throw new AppError('validation_failed', 'A queue cannot overflow to itself', [{ path: '/overflow/queueId', message: 'is this queue' }]);
}

/**
 * The overflow chain that would lead from `queue` back to itself once it is saved (A → B → A),
 * as queue names, or null when there is none. The saved queues are acyclic (every save is
 * checked), so following the chain from the queue being saved finds any loop it would close.
 *
 * @example
 * overflowLoop(queues, { ...billing, overflow: { afterSec: 60, queueId: sales.id } }); // ['Billing', 'Sales', 'Billing'] when Sales overflows to Billing
 */
export function overflowLoop(saved: readonly RoutingQueue[], queue: RoutingQueue): string[] | null {
  const byId = new Map(saved.map((q) => [q.id, q]));
  byId.set(queue.id, queue);
  const chain = [queue];
  for (let next = queue.overflow?.queueId; next !== undefined; next = byId.get(next)?.overflow?.queueId) {
    const target = byId.get(next);
    if (!target) return null;
    if (target.id === queue.id) return [...chain, queue].map((q) => q.name);
    // A loop that does not pass through this queue was already there; it is not this save's doing.
    if (chain.includes(target)) return null;
    chain.push(target);
  }
  return null;
}

/**
 * The overflow closes no loop, and its target exists when `targetChanged` (a queue whose target
 * was deleted since can still be edited otherwise; routing ignores a missing target).
 */
async function checkOverflow(routing: RoutingRepository, queue: RoutingQueue, targetChanged: boolean): Promise<void> {
  if (!queue.overflow) return;
  const saved = await routing.listQueues(queue.workspaceId);
  if (targetChanged && !saved.some((q) => q.id === queue.overflow?.queueId)) throw new AppError('not_found', 'The overflow queue does not exist');
  const loop = overflowLoop(saved, queue);
  if (loop)
    throw new AppError('validation_failed', `Overflow would go round in a loop: ${loop.join(' → ')}`, [
      { path: '/overflow/queueId', message: `closes the overflow loop ${loop.join(' → ')}` },
    ]);
}

/**
 * Creates a routing queue (skills, languages, mode, SLA, hours, overflow…), recording `queue.created`.
 *
 * @example
 * await createQueue(deps, principal, { name: 'Billing', requiredSkills: [{ skill: 'billing', minLevel: 3 }], isDefault: true });
 */
export async function createQueue(deps: UseCaseDeps, principal: Principal, input: QueueInput): Promise<RoutingQueue> {
  requirePermission(principal, 'routing:manage');
  const queue = merge(defaultQueue({ id: newId(), workspaceId: principal.workspaceId, name: input.name }), input);
  checkQueue(queue);
  return deps.store.transaction(async (tx) => {
    const routing = routingOf(deps, tx);
    await checkOverflow(routing, queue, true);
    await routing.saveQueue(queue);
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'queue.created',
      payload: { queueId: queue.id, name: queue.name },
      actor: actorOf(principal),
    });
    return queue;
  });
}

/** Replaces some fields of a queue. */
export async function updateQueue(deps: UseCaseDeps, principal: Principal, id: string, patch: Partial<QueueInput>): Promise<RoutingQueue> {
  requirePermission(principal, 'routing:manage');
  return deps.store.transaction(async (tx) => {
    const routing = routingOf(deps, tx);
    const current = await routing.getQueue(principal.workspaceId, id);
    if (!current) throw new AppError('not_found', `Queue ${id} does not exist`);
    const queue = merge(current, patch);
    checkQueue(queue);
    await checkOverflow(routing, queue, patch.overflow !== undefined);
    await routing.saveQueue(queue);
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'queue.updated',
      payload: { queueId: id, fields: Object.keys(patch) },
      actor: actorOf(principal),
    });
    return queue;
  });
}

export async function deleteQueue(deps: UseCaseDeps, principal: Principal, id: string): Promise<void> {
  requirePermission(principal, 'routing:manage');
  await deps.store.transaction(async (tx) => {
    if (!(await routingOf(deps, tx).deleteQueue(principal.workspaceId, id))) throw new AppError('not_found', `Queue ${id} does not exist`);
    await tx.events.record({ workspaceId: principal.workspaceId, type: 'queue.deleted', payload: { queueId: id }, actor: actorOf(principal) });
  });
}

export async function listQueues(deps: UseCaseDeps, principal: Principal): Promise<RoutingQueue[]> {
  requirePermission(principal, 'conversations:read');
  return routingOf(deps, deps.store.read).listQueues(principal.workspaceId);
}

export interface AgentRoutingInput {
  skills: Record<string, number>;
  languages: string[];
  teamIds?: string[];
  capacity: ChannelCapacity;
}

/**
 * Sets an advisor's routing profile: skills with proficiency 0–5, languages, teams and
 * capacity per channel kind plus a total. Presence and current load are kept.
 *
 * @example
 * await setAgentRouting(deps, principal, userId, { skills: { billing: 5 }, languages: ['fr'], capacity: { voice: 1, chat: 3, async: 5, total: 5 } });
 */
export async function setAgentRouting(deps: UseCaseDeps, principal: Principal, userId: string, input: AgentRoutingInput): Promise<AgentProfile> {
  requirePermission(principal, 'routing:manage');
  for (const [skill, level] of Object.entries(input.skills)) {
    if (!Number.isInteger(level) || level < 0 || level > 5)
      throw new AppError('validation_failed', `Proficiency for "${skill}" must be an integer from 0 to 5`);
  }
  return deps.store.transaction(async (tx) => {
    if (!(await tx.access.getMembership(principal.workspaceId, userId)))
      throw new AppError('user_not_found', `User ${userId} is not a member of this workspace`);
    const user = await tx.access.getUser(userId);
    const profile = await routingOf(deps, tx).saveAgent(
      {
        agentId: userId,
        workspaceId: principal.workspaceId,
        name: user?.name ?? '',
        skills: input.skills,
        languages: input.languages,
        teamIds: input.teamIds ?? [],
        capacity: input.capacity,
      },
      deps.clock.now(),
    );
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'agent.routing_updated',
      payload: { userId, skills: input.skills, languages: input.languages, capacity: input.capacity },
      actor: actorOf(principal),
    });
    return profile;
  });
}

/** Advisors' routing profiles with presence and load (supervisors see everyone). */
export async function listAgentRouting(deps: UseCaseDeps, principal: Principal): Promise<AgentProfile[]> {
  requirePermission(principal, 'routing:work');
  return routingOf(deps, deps.store.read).listAgents(principal.workspaceId);
}
