import { normalizeIdentity, type IdentityClaim } from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';
import { resolveCustomer } from './resolve-customer.js';

export interface InboundConsentInput {
  workspaceId: string;
  channelId: string;
  channelType: string;
  /** The address the customer wrote from (the channel vouches for it). */
  identity: IdentityClaim;
  status: 'granted' | 'revoked';
  purpose: string;
  /** What the customer sent (STOP, START…), kept as the ledger entry's source. */
  keyword: string;
}

export type InboundConsentOutcome = 'recorded' | 'unchanged' | 'invalid_address';

/**
 * Appends an opt-out or opt-in that a customer sent through a channel (an SMS STOP) to the
 * consent ledger, with the timeline event `consent.changed`. The customer is found (or created)
 * from the address. A replay, or a keyword that matches the current state, adds nothing.
 *
 * @example
 * await recordInboundConsent(deps, { workspaceId, channelId, channelType: 'twilio_sms', identity, status: 'revoked', purpose: 'messages', keyword: 'STOP' });
 */
export async function recordInboundConsent(deps: UseCaseDeps, input: InboundConsentInput): Promise<InboundConsentOutcome> {
  const normalized = normalizeIdentity(input.identity);
  // Only an address the channel proves may change consent (and name a customer).
  if (!normalized.ok || !input.identity.verified) return 'invalid_address';
  const address = normalized.identity.value;
  return deps.store.transaction(async (tx) => {
    const { customerId } = await resolveCustomer(tx, input.workspaceId, [input.identity], null);
    const current = await tx.consents.current(input.workspaceId, [customerId]);
    const latest = current.find((c) => c.addressKind === input.identity.kind && c.address === address && c.purpose === input.purpose);
    if (latest?.status === input.status) return 'unchanged';
    const source = `keyword:${input.keyword}`;
    const actor = { kind: 'system' as const, id: null };
    await tx.consents.record({
      workspaceId: input.workspaceId,
      customerId,
      addressKind: input.identity.kind,
      address,
      purpose: input.purpose,
      channelType: input.channelType,
      status: input.status,
      source,
      actor,
    });
    await tx.events.record({
      workspaceId: input.workspaceId,
      type: 'consent.changed',
      customerId,
      payload: { addressKind: input.identity.kind, address, purpose: input.purpose, status: input.status, source, channelId: input.channelId },
      actor,
      occurredAt: deps.clock.now(),
    });
    return 'recorded';
  });
}
