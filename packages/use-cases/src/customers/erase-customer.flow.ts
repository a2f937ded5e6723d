import { AppError } from '@parley/kernel';
import { actorOf, requirePermission, type Principal, type Store } from '@parley/domain';

/**
 * GDPR erasure of a customer and every profile merged into it. What the customer wrote is
 * replaced by "[erased]"; agents' replies, statuses and timings stay for the brand's records
 * and statistics. The erasure itself is recorded on the timeline (without personal data).
 *
 * @example
 * await eraseCustomer(store, principal, customerId, new Date());
 */
export async function eraseCustomer(store: Store, principal: Principal, customerId: string, at: Date): Promise<{ redactedMessages: number }> {
  requirePermission(principal, 'workspace:manage');
  return store.transaction(async (tx) => {
    const customer = await tx.customers.get(principal.workspaceId, customerId);
    if (!customer) throw new AppError('customer_not_found', `Customer ${customerId} does not exist`);
    if (customer.erasedAt) return { redactedMessages: 0 };
    const ids = await tx.customers.storyIds(principal.workspaceId, customer.id);
    const redactedMessages = await tx.customers.erase(principal.workspaceId, ids, at);
    // Merge evidence and suggestions quote identities and profile values too.
    await tx.merges.forget(principal.workspaceId, ids);
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: 'customer.erased',
      customerId: customer.id,
      payload: { redactedMessages, profiles: ids.length },
      actor: actorOf(principal),
      occurredAt: at,
    });
    return { redactedMessages };
  });
}
