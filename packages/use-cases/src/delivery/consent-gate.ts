import type { UseCaseDeps } from '../deps.js';

/** A channel's consent rule: the purpose whose latest ledger record must not be `revoked` for the recipient's address. */
export interface ConsentRequirement {
  purpose: string;
  addressKind: string;
}

/**
 * Why a message must not be sent to this customer on a channel with a consent rule (the latest
 * record of the purpose is `revoked` for one of the customer's addresses of that kind), or null.
 * Checked by the delivery job right before sending, so a STOP received after a reply was
 * written still stops it.
 *
 * @example
 * const refusal = await consentRefusal(deps, workspaceId, customerId, { purpose: 'sms', addressKind: 'phone' });
 * if (refusal) return { ok: false, retryable: false, error: refusal };
 */
export async function consentRefusal(deps: UseCaseDeps, workspaceId: string, customerId: string, rule: ConsentRequirement): Promise<string | null> {
  const read = deps.store.read;
  const ids = await read.customers.storyIds(workspaceId, customerId);
  const current = await read.consents.current(workspaceId, ids);
  const revoked = current.find((c) => c.purpose === rule.purpose && c.addressKind === rule.addressKind && c.status === 'revoked');
  if (!revoked) return null;
  return `Not sent: the customer revoked consent for "${rule.purpose}" on ${revoked.address} (${revoked.source}, ${revoked.recordedAt.toISOString()}).`;
}
