import type { UseCaseDeps } from '../deps.js';

/**
 * Context the host page set with `Parley.setContext()` (page, cart value…): kept on the
 * customer's attributes under `webchat.context` and published to agents.
 *
 * @example
 * await setVisitorContext(deps, workspaceId, customerId, { page: '/panier', cartValue: 189 });
 */
export async function setVisitorContext(
  deps: UseCaseDeps,
  workspaceId: string,
  customerId: string,
  context: Record<string, string | number | boolean | null>,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.customers.mergeAttributes(workspaceId, customerId, { 'webchat.context': context }, deps.clock.now());
    tx.publishAfterCommit({ name: 'customer.context_updated', workspaceId, payload: { customerId, context } });
  });
}
