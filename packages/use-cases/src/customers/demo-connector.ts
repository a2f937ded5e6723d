import { newId } from '@parley/kernel';
import type { ConnectorMapping } from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';

export const DEMO_CONNECTOR_NAME = 'demo-orders';
const DEMO_SCOPE = 'demo.connector';
const DEMO_KEY = 'demo-orders/1';

/** Orders of the demo back-office as cards: product sheet and FAQ, delivery tracking, and the delivery's incidents. */
export const DEMO_CONNECTOR_MAPPING: ConnectorMapping = {
  items: 'orders',
  title: '{{ref}} · {{product.name}}',
  subtitle: '{{placedOn}} · {{total}}',
  status: '{{statusLabel}}',
  url: '{{backOfficeUrl}}',
  links: [
    { label: { fr: 'Fiche produit', en: 'Product sheet' }, url: '{{product.url}}' },
    { label: { fr: 'FAQ du produit', en: 'Product FAQ' }, url: '{{product.faqUrl}}' },
    { label: { fr: 'Suivi de la livraison', en: 'Track the delivery' }, url: '{{delivery.trackingUrl}}' },
  ],
  fields: [
    { label: { fr: 'Livraison', en: 'Delivery' }, value: '{{delivery.statusLabel}}' },
    { label: { fr: 'Transporteur', en: 'Carrier' }, value: '{{delivery.carrier}}' },
    { label: { fr: 'Livraison prévue', en: 'Expected on' }, value: '{{delivery.expectedOn}}' },
  ],
  limit: 10,
  children: {
    label: { fr: 'Incidents de livraison', en: 'Delivery incidents' },
    items: 'delivery.incidents',
    title: '{{label}}',
    subtitle: '{{openedOn}}',
    status: '{{statusLabel}}',
    url: '{{helpUrl}}',
    links: [],
    fields: [],
    limit: 10,
  },
};

/**
 * With PARLEY_DEMO, the first start adds a connector to the demo back-office served by this
 * server (`/demo/api/customers/{id}/orders`), so the customer card shows orders out of the box.
 *
 * @example
 * await ensureDemoConnector(useCases, workspaceId);
 */
export async function ensureDemoConnector(deps: UseCaseDeps, workspaceId: string): Promise<void> {
  const services = deps.customerCards;
  if (!services) return;
  // A marker, not the connector's presence: an admin who deletes the demo connector keeps it deleted.
  if (await deps.store.read.idempotency.find(workspaceId, DEMO_SCOPE, DEMO_KEY)) return;
  try {
    await deps.store.transaction(async (tx) => {
      const repo = services.repository(tx);
      if (!(await repo.list(workspaceId)).some((c) => c.name === DEMO_CONNECTOR_NAME)) {
        await repo.create({
          id: newId(),
          workspaceId,
          name: DEMO_CONNECTOR_NAME,
          label: { fr: 'Commandes (back-office de démo)', en: 'Orders (demo back-office)' },
          urlTemplate: '/demo/api/customers/{{customer.id}}/orders?lang={{lang}}',
          headers: {},
          secretHeaderNames: [],
          sealedSecrets: null,
          timeoutMs: 2000,
          mapping: DEMO_CONNECTOR_MAPPING,
          enabled: true,
          now: deps.clock.now(),
        });
      }
      await tx.idempotency.save(workspaceId, DEMO_SCOPE, DEMO_KEY, DEMO_KEY, { name: DEMO_CONNECTOR_NAME });
    });
  } catch (error) {
    // Several processes starting together on one database race here: the loser finds the winner's work.
    if (await deps.store.read.idempotency.find(workspaceId, DEMO_SCOPE, DEMO_KEY)) return;
    throw error;
  }
}
