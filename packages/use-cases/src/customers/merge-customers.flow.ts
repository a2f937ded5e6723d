import { AppError } from '@parley/kernel';
import {
  actorOf,
  requirePermission,
  type CustomerMerge,
  type MergeEvidence,
  type MergeSuggestion,
  type Principal,
  type Store,
  type TransactionScope,
} from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';
import { applyMerge } from './apply-merge.js';

/**
 * An agent merges `sourceCustomerId` into the customer they are looking at. Both ids may be
 * stale (already merged elsewhere): they are followed to the profiles they live in now.
 *
 * @example
 * await mergeCustomers(deps, principal, { targetCustomerId, sourceCustomerId, reason: 'Same person, confirmed by phone' });
 */
export async function mergeCustomers(
  deps: UseCaseDeps,
  principal: Principal,
  input: { targetCustomerId: string; sourceCustomerId: string; reason: string; evidence?: MergeEvidence },
): Promise<CustomerMerge> {
  requirePermission(principal, 'customers:write');
  return deps.store.transaction(async (tx) => {
    const [target, source] = await liveProfiles(tx, principal.workspaceId, input.targetCustomerId, input.sourceCustomerId);
    if (target === source) throw new AppError('invalid_state', 'These two profiles are already one customer');
    return applyMerge(tx, {
      workspaceId: principal.workspaceId,
      sourceCustomerId: source,
      targetCustomerId: target,
      reason: input.reason,
      evidence: input.evidence ?? { identities: [] },
      provenance: 'agent',
      actor: actorOf(principal),
      at: deps.clock.now(),
    });
  });
}

/**
 * Undoes a merge: both profiles get back exactly what the snapshot says moved (identities,
 * conversations, consents, filled-in values, merged_into). Refused with `merge_not_reversible`
 * when that is no longer possible cleanly (a later merge moved the rows again: undo it first).
 *
 * @example
 * await undoMerge(deps, principal, mergeId);
 */
export async function undoMerge(deps: UseCaseDeps, principal: Principal, mergeId: string): Promise<CustomerMerge> {
  requirePermission(principal, 'customers:write');
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    const actor = actorOf(principal);
    const result = await tx.merges.undo(principal.workspaceId, mergeId, actor, now);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new AppError('merge_not_found', `Merge ${mergeId} does not exist`);
      throw new AppError('merge_not_reversible', undoRefusal(result.reason), { reason: result.reason, ...(result.details ? { details: result.details } : {}) });
    }
    const merge = result.merge;
    const payload = { mergeId: merge.id, from: merge.sourceCustomerId, into: merge.targetCustomerId };
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'customer.unmerged',
      customerId: merge.targetCustomerId,
      payload: { ...payload, side: 'target' },
      actor,
      occurredAt: now,
    });
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'customer.unmerged',
      customerId: merge.sourceCustomerId,
      payload: { ...payload, side: 'source' },
      actor,
      occurredAt: now,
    });
    tx.publishAfterCommit({ name: 'customer.unmerged', workspaceId: principal.workspaceId, payload });
    return merge;
  });
}

/** Merges this customer's story took part in (as target or source), newest first. */
export async function listCustomerMerges(store: Store, principal: Principal, customerId: string): Promise<CustomerMerge[]> {
  requirePermission(principal, 'customers:read');
  const ids = await storyOf(store, principal.workspaceId, customerId);
  return store.read.merges.listForCustomers(principal.workspaceId, ids);
}

/** Open suggestions about this customer's story, most probable first. */
export async function listMergeSuggestions(store: Store, principal: Principal, customerId: string): Promise<MergeSuggestion[]> {
  requirePermission(principal, 'customers:read');
  const ids = await storyOf(store, principal.workspaceId, customerId);
  return store.read.merges.listSuggestions(principal.workspaceId, ids, 'open');
}

/**
 * Accepts a suggestion: the two profiles are merged (provenance `agent`, the suggestion's
 * evidence) into `targetCustomerId`, or into the older profile when not given.
 *
 * @example
 * await acceptMergeSuggestion(deps, principal, suggestionId, { reason: 'Same order number' });
 */
export async function acceptMergeSuggestion(
  deps: UseCaseDeps,
  principal: Principal,
  suggestionId: string,
  input: { targetCustomerId?: string | undefined; reason?: string | undefined },
): Promise<{ suggestion: MergeSuggestion; merge: CustomerMerge }> {
  requirePermission(principal, 'customers:write');
  return deps.store.transaction(async (tx) => {
    const ws = principal.workspaceId;
    const suggestion = await openSuggestion(tx, ws, suggestionId);
    const [a, b] = await liveProfiles(tx, ws, ...suggestion.customerIds);
    if (a === b) throw new AppError('invalid_state', 'These two profiles are already one customer');
    let target: string;
    if (input.targetCustomerId) {
      const [wanted] = await liveProfiles(tx, ws, input.targetCustomerId, input.targetCustomerId);
      if (wanted !== a && wanted !== b) throw new AppError('validation_failed', 'targetCustomerId must be one of the suggested pair');
      target = wanted;
    } else target = await older(tx, ws, a, b);
    const now = deps.clock.now();
    const merge = await applyMerge(tx, {
      workspaceId: ws,
      sourceCustomerId: target === a ? b : a,
      targetCustomerId: target,
      reason: input.reason ?? 'Suggested merge accepted',
      evidence: suggestion.evidence,
      provenance: 'agent',
      actor: actorOf(principal),
      at: now,
    });
    const decided = await tx.merges.decideSuggestion(ws, suggestionId, 'accepted', actorOf(principal), now);
    return { suggestion: decided ?? suggestion, merge };
  });
}

/** Dismisses a suggestion: the pair is not suggested again. */
export async function dismissMergeSuggestion(deps: UseCaseDeps, principal: Principal, suggestionId: string): Promise<MergeSuggestion> {
  requirePermission(principal, 'customers:write');
  return deps.store.transaction(async (tx) => {
    await openSuggestion(tx, principal.workspaceId, suggestionId);
    const decided = await tx.merges.decideSuggestion(principal.workspaceId, suggestionId, 'dismissed', actorOf(principal), deps.clock.now());
    if (!decided) throw new AppError('merge_suggestion_not_found', `Merge suggestion ${suggestionId} does not exist`);
    return decided;
  });
}

async function openSuggestion(tx: TransactionScope, workspaceId: string, id: string): Promise<MergeSuggestion> {
  const suggestion = await tx.merges.getSuggestion(workspaceId, id);
  if (!suggestion) throw new AppError('merge_suggestion_not_found', `Merge suggestion ${id} does not exist`);
  if (suggestion.status !== 'open') throw new AppError('invalid_state', `This suggestion was already ${suggestion.status}`);
  return suggestion;
}

/** The profiles these ids live in now (following merges), in the same order. */
async function liveProfiles(tx: TransactionScope, workspaceId: string, first: string, second: string): Promise<[string, string]> {
  const a = await tx.customers.get(workspaceId, first);
  const b = first === second ? a : await tx.customers.get(workspaceId, second);
  if (!a) throw new AppError('customer_not_found', `Customer ${first} does not exist`);
  if (!b) throw new AppError('customer_not_found', `Customer ${second} does not exist`);
  return [a.id, b.id];
}

async function older(tx: TransactionScope, workspaceId: string, a: string, b: string): Promise<string> {
  const [ca, cb] = [await tx.customers.get(workspaceId, a), await tx.customers.get(workspaceId, b)];
  if (!ca || !cb) return a;
  const diff = ca.createdAt.getTime() - cb.createdAt.getTime();
  return diff < 0 || (diff === 0 && a < b) ? a : b;
}

async function storyOf(store: Store, workspaceId: string, customerId: string): Promise<string[]> {
  const customer = await store.read.customers.get(workspaceId, customerId);
  if (!customer) throw new AppError('customer_not_found', `Customer ${customerId} does not exist`);
  return store.read.customers.storyIds(workspaceId, customer.id);
}

function undoRefusal(reason: string): string {
  switch (reason) {
    case 'already_undone':
      return 'This merge was already undone';
    case 'moved_since':
      return 'Some identities, conversations or consents of this merge have moved since (a later merge or an erasure); undo that first';
    case 'target_merged_since':
      return 'The profile this merge went into was merged again since; undo that later merge first';
    case 'source_no_longer_merged':
      return 'The merged profile is no longer merged into this target';
    case 'customer_erased':
      return 'A customer of this merge was erased';
    default:
      return `This merge cannot be undone (${reason})`;
  }
}
