import { newId } from '@parley/kernel';
import type { Actor, CustomerMerge, MergeEvidence, MergeProvenance, TransactionScope } from '@parley/domain';

export interface ApplyMergeInput {
  workspaceId: string;
  sourceCustomerId: string;
  targetCustomerId: string;
  reason: string;
  evidence: MergeEvidence;
  provenance: MergeProvenance;
  actor: Actor;
  at: Date;
}

/**
 * Merges inside the caller's transaction and tells both stories: the record (with its snapshot)
 * comes from the repository, a `customer.merged` event goes on each profile's timeline (`side`
 * says which one it is), and the bus hears about it after commit. Every path that merges goes
 * through here: inbound reconciliation, an agent, a signed web chat identification.
 *
 * @example
 * await applyMerge(tx, { workspaceId, sourceCustomerId: visitor, targetCustomerId: known, reason: 'signed_identify', evidence, provenance: 'signed_identify', actor, at: now });
 */
export async function applyMerge(tx: TransactionScope, input: ApplyMergeInput): Promise<CustomerMerge> {
  const merge = await tx.merges.merge({ id: newId(input.at.getTime()), ...input });
  const payload = {
    mergeId: merge.id,
    from: merge.sourceCustomerId,
    into: merge.targetCustomerId,
    reason: merge.reason,
    provenance: merge.provenance,
    conflicts: merge.snapshot.conflicts.length,
  };
  await tx.events.record({
    workspaceId: input.workspaceId,
    type: 'customer.merged',
    customerId: merge.targetCustomerId,
    payload: { ...payload, side: 'target' },
    actor: input.actor,
    occurredAt: input.at,
  });
  await tx.events.record({
    workspaceId: input.workspaceId,
    type: 'customer.merged',
    customerId: merge.sourceCustomerId,
    payload: { ...payload, side: 'source' },
    actor: input.actor,
    occurredAt: input.at,
  });
  tx.publishAfterCommit({
    name: 'customer.merged',
    workspaceId: input.workspaceId,
    payload: { mergeId: merge.id, from: merge.sourceCustomerId, into: merge.targetCustomerId, provenance: merge.provenance },
  });
  return merge;
}
