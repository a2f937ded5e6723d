import type { ConversationRecipient, CustomerIdentity } from '@parley/domain';

/**
 * The identities handed to a channel adapter, in the order adapters rely on: **an adapter takes
 * the first identity of the kind it delivers to** (SMS: `phone`, WhatsApp: `whatsapp` then
 * `phone`, email: `email`, scoped kinds with their scope). So the address chosen for this
 * conversation on this channel (a channel switch) comes first, then verified identities, then
 * the newest.
 *
 * @example
 * const identities = orderRecipientIdentities(customer.identities, await store.read.recipients.get(ws, conversationId, channelId));
 */
export function orderRecipientIdentities(
  identities: readonly CustomerIdentity[],
  chosen: ConversationRecipient | null,
): Array<{ kind: string; scope: string; value: string; verified: boolean }> {
  const rank = (i: CustomerIdentity) => (chosen && i.kind === chosen.kind && i.value === chosen.value ? 0 : i.verified ? 1 : 2);
  return [...identities]
    .sort((a, b) => rank(a) - rank(b) || b.createdAt.getTime() - a.createdAt.getTime())
    .map((i) => ({ kind: i.kind, scope: i.scope, value: i.value, verified: i.verified }));
}
