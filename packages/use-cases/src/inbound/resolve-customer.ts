import { newId } from '@parley/kernel';
import {
  equivalentKinds,
  normalizeDisplayName,
  normalizeIdentity,
  suggestionScore,
  type IdentityClaim,
  type IdentityOwner,
  type MergeEvidence,
  type NormalizedIdentity,
  type TransactionScope,
} from '@parley/domain';
import { applyMerge } from '../customers/apply-merge.js';

export interface ResolvedCustomer {
  customerId: string;
  created: boolean;
  /** Profiles merged into `customerId` by the deterministic rules while resolving this message. */
  mergedFrom: string[];
}

/** Where the claims come from: evidence for merges and suggestions, and the time to record them at. */
export interface ResolveContext {
  at: Date;
  channelId?: string;
  providerMessageId?: string;
}

/**
 * Finds the customer behind an inbound message, or creates one, and reconciles profiles.
 *
 * - Only verified identities (proven by the channel) decide who the customer is; unverified
 *   ones (an email typed in a form) are attached when free but never pull a message into
 *   someone else's profile.
 * - Deterministic rule: when the message's verified identities are held VERIFIED by different
 *   profiles (the WhatsApp phone on one, the email on another; phones compare in E.164 across
 *   SMS and WhatsApp), those profiles are one person: they are merged into the oldest, with
 *   provenance `rule` and the identities as evidence.
 * - Anything weaker (an unverified claim, or a verified claim someone else only claimed) opens
 *   a merge suggestion for an agent, with the evidence and a score; nothing is merged.
 *
 * Without `context` (a consent keyword, a lookup) the customer is resolved but profiles are
 * not reconciled: no merge, no suggestion.
 *
 * @example
 * const { customerId } = await resolveCustomer(tx, workspaceId, event.identities, event.displayName, { at: now, channelId });
 */
export async function resolveCustomer(
  tx: TransactionScope,
  workspaceId: string,
  claims: IdentityClaim[],
  displayName: string | null,
  context?: ResolveContext,
): Promise<ResolvedCustomer> {
  const normalized: NormalizedIdentity[] = [];
  for (const claim of claims) {
    const result = normalizeIdentity(claim);
    if (result.ok) normalized.push(result.identity);
  }
  const verified = normalized.filter((i) => i.verified);
  if (verified.length === 0) throw new Error('An inbound message needs at least one identity the channel vouches for');

  // One round trip for every claim (and its phone equivalents), instead of one lookup per claim.
  const owners = await tx.merges.identityOwners(workspaceId, normalized);
  const ownersOf = (claim: NormalizedIdentity) =>
    owners.filter((o) => equivalentKinds(claim.kind).includes(o.kind) && o.scope === claim.scope && o.value === claim.value);

  const provenOwners = uniqueOwners(verified.flatMap((claim) => ownersOf(claim).filter((o) => o.verified)));
  let customerId: string | null = provenOwners[0]?.customerId ?? null;
  const mergedFrom: string[] = [];
  if (customerId && provenOwners.length > 1 && context) {
    for (const other of provenOwners.slice(1)) {
      await applyMerge(tx, {
        workspaceId,
        sourceCustomerId: other.customerId,
        targetCustomerId: customerId,
        reason: 'Verified identities of one message belong to both profiles',
        evidence: bridgeEvidence(verified, ownersOf, customerId, other.customerId, context),
        provenance: 'rule',
        actor: { kind: 'system', id: null },
        at: context.at,
      });
      mergedFrom.push(other.customerId);
    }
  }
  // A verified claim someone only claimed (unverified) still finds them, as before reconciliation.
  if (!customerId) customerId = verified.flatMap((claim) => ownersOf(claim).filter((o) => o.kind === claim.kind))[0]?.customerId ?? null;

  let created = false;
  let claimedFirst: NormalizedIdentity | null = null;
  if (!customerId) {
    const candidate = newId();
    await tx.customers.create({ id: candidate, workspaceId, displayName });
    const first = verified[0] as NormalizedIdentity;
    const claimed = await tx.customers.addIdentity(workspaceId, candidate, first);
    claimedFirst = first;
    // A concurrent message may have created the customer first: then it owns the identity.
    customerId = claimed.ownerId;
    created = claimed.ownerId === candidate;
    if (!created) await tx.customers.deleteEmpty(workspaceId, candidate);
  }

  const live = (id: string) => (mergedFrom.includes(id) ? (customerId as string) : id);
  for (const identity of normalized) {
    // Just claimed above (created, or found owned by the winner of a race): nothing more to add.
    if (identity === claimedFirst) continue;
    const exact = ownersOf(identity).find((o) => o.kind === identity.kind);
    if (exact && live(exact.customerId) === customerId && (exact.verified || !identity.verified)) continue;
    const others = ownersOf(identity).filter((o) => live(o.customerId) !== customerId);
    if (context) for (const other of others) await suggest(tx, workspaceId, customerId, other, identity, displayName, context);
    if (exact && live(exact.customerId) !== customerId) continue;
    const result = await tx.customers.addIdentity(workspaceId, customerId, identity);
    if (result.created && !(created && identity === verified[0])) {
      await tx.events.record({
        workspaceId,
        type: 'customer.identity_added',
        customerId,
        payload: { kind: identity.kind, value: identity.value, verified: identity.verified, provenance: identity.provenance },
        actor: { kind: 'system', id: null },
        ...(context ? { occurredAt: context.at } : {}),
      });
    }
  }
  // A customer created here already has the name; one read above with a name keeps it (the
  // update only fills an empty name), which saves a statement on every message of a known customer.
  const named = mergedFrom.length === 0 && owners.some((o) => o.customerId === customerId && o.displayName !== null);
  if (displayName && !created && !named) await tx.customers.setDisplayNameIfEmpty(workspaceId, customerId, displayName);
  return { customerId, created, mergedFrom };
}

/** Distinct profiles, oldest first: the oldest is the one kept, so the rule is deterministic. */
function uniqueOwners(owners: IdentityOwner[]): IdentityOwner[] {
  const byId = new Map<string, IdentityOwner>();
  for (const o of owners) if (!byId.has(o.customerId)) byId.set(o.customerId, o);
  return [...byId.values()].sort((a, b) => a.customerCreatedAt.getTime() - b.customerCreatedAt.getTime() || (a.customerId < b.customerId ? -1 : 1));
}

// The message proves its sender holds every verified claim: the kept profile holds some, the
// merged one others, so each identity is verified on both sides through the message.
function bridgeEvidence(
  verified: NormalizedIdentity[],
  ownersOf: (claim: NormalizedIdentity) => IdentityOwner[],
  target: string,
  source: string,
  context: ResolveContext,
): MergeEvidence {
  const identities = verified
    .filter((claim) => ownersOf(claim).some((o) => o.verified && (o.customerId === target || o.customerId === source)))
    .map((claim) => ({ kind: claim.kind, value: claim.value, targetVerified: true, sourceVerified: true }));
  return {
    identities,
    ...(context.channelId ? { channelId: context.channelId } : {}),
    ...(context.providerMessageId ? { providerMessageId: context.providerMessageId } : {}),
  };
}

async function suggest(
  tx: TransactionScope,
  workspaceId: string,
  customerId: string,
  other: IdentityOwner,
  claim: NormalizedIdentity,
  displayName: string | null,
  context: ResolveContext,
): Promise<void> {
  const name = normalizeDisplayName(displayName);
  const evidence: MergeEvidence = {
    identities: [{ kind: claim.kind, value: claim.value, targetVerified: claim.verified, sourceVerified: other.verified }],
    sameDisplayName: name !== '' && name === normalizeDisplayName(other.displayName),
    ...(context.channelId ? { channelId: context.channelId } : {}),
    ...(context.providerMessageId ? { providerMessageId: context.providerMessageId } : {}),
  };
  await tx.merges.suggest({
    id: newId(context.at.getTime()),
    workspaceId,
    customerIds: [customerId, other.customerId],
    evidence,
    score: suggestionScore(evidence),
    at: context.at,
  });
}
