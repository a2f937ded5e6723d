import { AppError } from '@parley/kernel';
import { actorOf, normalizeIdentity, requirePermission, type Consent, type IdentityKind, type Principal, type Store } from '@parley/domain';

export interface ConsentInput {
  addressKind: IdentityKind;
  address: string;
  purpose: string;
  status: 'granted' | 'revoked';
  source: string;
  channelType?: string | null | undefined;
}

/**
 * Appends to the consent ledger for one of the customer's addresses and purposes (e.g.
 * marketing by SMS), with its source and actor; the timeline shows the change. Campaigns and
 * notifications read the latest record per address and purpose.
 *
 * @example
 * await recordConsent(store, principal, customerId, { addressKind: 'phone', address: '+33612345678', purpose: 'marketing', status: 'granted', source: 'web form' });
 */
export async function recordConsent(store: Store, principal: Principal, customerId: string, input: ConsentInput): Promise<Consent> {
  requirePermission(principal, 'customers:write');
  const normalized = normalizeIdentity({ kind: input.addressKind, raw: input.address, scope: '', verified: false, provenance: 'agent' });
  if (!normalized.ok) throw new AppError('validation_failed', normalized.reason);
  return store.transaction(async (tx) => {
    const customer = await tx.customers.get(principal.workspaceId, customerId);
    if (!customer) throw new AppError('customer_not_found', `Customer ${customerId} does not exist`);
    const consent = await tx.consents.record({
      workspaceId: principal.workspaceId,
      customerId: customer.id,
      addressKind: input.addressKind,
      address: normalized.identity.value,
      purpose: input.purpose,
      channelType: input.channelType ?? null,
      status: input.status,
      source: input.source,
      actor: actorOf(principal),
    });
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'consent.changed',
      customerId: customer.id,
      payload: { addressKind: input.addressKind, address: consent.address, purpose: input.purpose, status: input.status, source: input.source },
      actor: actorOf(principal),
    });
    return consent;
  });
}

export async function listConsents(store: Store, principal: Principal, customerId: string): Promise<{ current: Consent[]; history: Consent[] }> {
  requirePermission(principal, 'customers:read');
  const customer = await store.read.customers.get(principal.workspaceId, customerId);
  if (!customer) throw new AppError('customer_not_found', `Customer ${customerId} does not exist`);
  const ids = await store.read.customers.storyIds(principal.workspaceId, customer.id);
  return { current: await store.read.consents.current(principal.workspaceId, ids), history: await store.read.consents.history(principal.workspaceId, ids) };
}
