import { normalizeIdentity, type Channel, type IdentityClaim, type NormalizedIdentity, type TransactionScope } from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';
import { applyMerge } from '../customers/apply-merge.js';

export interface IdentifyInput {
  externalId?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  name?: string | undefined;
  /** True only when the channel adapter checked the host site's signature. */
  signed: boolean;
  /** Where unverified data came from: `Parley.identify()` without a signature, or the pre-chat form. */
  source: 'identify' | 'prechat';
}

export interface IdentifyResult {
  customerId: string;
  verified: boolean;
  /** Set when the visitor's profile was merged into the customer who owns the signed identity. */
  mergedInto: string | null;
}

/**
 * A visitor says who they are. A signed identification (HMAC from the host site's server)
 * makes the external id (scoped to the channel) and the email verified; if they already
 * belong to a known customer, the visitor's profile is merged into that customer's, so the
 * story is one. Unsigned data is attached as unverified, only when nobody else has it, and
 * never decides who the customer is.
 *
 * @example
 * await identifyVisitor(deps, channel, visitorCustomerId, { externalId: 'cust-42', email, signed: true, source: 'identify' });
 */
export async function identifyVisitor(
  deps: UseCaseDeps,
  channel: Pick<Channel, 'id' | 'workspaceId'>,
  visitorCustomerId: string,
  input: IdentifyInput,
): Promise<IdentifyResult> {
  const workspaceId = channel.workspaceId;
  const signed = input.signed && input.externalId !== undefined;
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    let customerId = visitorCustomerId;
    let mergedInto: string | null = null;
    const claims: NormalizedIdentity[] = [];
    const push = (claim: IdentityClaim) => {
      const n = normalizeIdentity(claim);
      if (n.ok) claims.push(n.identity);
    };
    if (signed) {
      push({ kind: 'external_id', raw: input.externalId as string, scope: channel.id, verified: true, provenance: 'signed_identify' });
      if (input.email) push({ kind: 'email', raw: input.email, scope: '', verified: true, provenance: 'signed_identify' });
      if (input.phone) push({ kind: 'phone', raw: input.phone, scope: '', verified: true, provenance: 'signed_identify' });
    } else {
      // An unsigned external id is not kept at all: it would let a visitor squat someone's id.
      const provenance = input.source === 'prechat' ? 'form' : 'api';
      if (input.email) push({ kind: 'email', raw: input.email, scope: '', verified: false, provenance });
      if (input.phone) push({ kind: 'phone', raw: input.phone, scope: '', verified: false, provenance });
    }

    if (signed) {
      for (const claim of claims) {
        const owner = await tx.customers.findByIdentity(workspaceId, claim);
        if (!owner || owner === customerId) continue;
        // Only an identity the owner holds verified proves it is the same person; an unverified
        // claim on another profile proves nothing (and must not pull this visitor into it).
        if (!(await holdsVerified(tx, workspaceId, owner, claim))) continue;
        await applyMerge(tx, {
          workspaceId,
          sourceCustomerId: customerId,
          targetCustomerId: owner,
          reason: 'signed_identify',
          evidence: { identities: [{ kind: claim.kind, value: claim.value, targetVerified: true, sourceVerified: true }], channelId: channel.id },
          provenance: 'signed_identify',
          actor: { kind: 'customer', id: customerId },
          at: now,
        });
        mergedInto = owner;
        customerId = owner;
        break;
      }
    }

    for (const claim of claims) {
      const existing = await tx.customers.findByIdentity(workspaceId, claim);
      // Someone else's (verified or not): leave it with them.
      if (existing && existing !== customerId) continue;
      const added = await tx.customers.addIdentity(workspaceId, customerId, claim);
      if (added.created) {
        await tx.events.record({
          workspaceId,
          type: 'customer.identity_added',
          customerId,
          payload: { kind: claim.kind, value: claim.value, verified: claim.verified, provenance: claim.provenance },
          actor: { kind: 'customer', id: customerId },
          occurredAt: now,
        });
      }
    }
    if (input.name) await tx.customers.setDisplayNameIfEmpty(workspaceId, customerId, input.name);
    return { customerId, verified: signed, mergedInto };
  });
}

async function holdsVerified(tx: TransactionScope, workspaceId: string, customerId: string, claim: NormalizedIdentity): Promise<boolean> {
  const owner = await tx.customers.get(workspaceId, customerId);
  return owner?.identities.some((i) => i.kind === claim.kind && i.scope === claim.scope && i.value === claim.value && i.verified) ?? false;
}
