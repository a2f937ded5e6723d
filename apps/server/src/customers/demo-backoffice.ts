// The demo back-office of "Maison Lumière": what a brand's order system would answer for a
// customer. Every demo customer gets the same two orders, so the customer card shows data on
// the first conversation.

type Lang = 'fr' | 'en';
const tr = (lang: Lang, fr: string, en: string) => (lang === 'en' ? en : fr);

/**
 * The orders the demo connector maps to cards; links point at the demo shop and the help center.
 *
 * @example
 * demoCustomerOrders('fr', 'maison-lumiere').orders[0]?.ref // 'CMD-10042'
 */
export function demoCustomerOrders(lang: Lang, helpSlug: string | null) {
  const help = (fr: string, en: string) => (helpSlug ? `/help/${encodeURIComponent(helpSlug)}/articles/${lang === 'en' ? en : fr}?lang=${lang}` : null);
  return {
    orders: [
      {
        ref: 'CMD-10042',
        placedOn: '2025-06-02',
        total: tr(lang, '129,00 €', '€129.00'),
        status: 'shipped',
        statusLabel: tr(lang, 'expédiée', 'shipped'),
        backOfficeUrl: '/demo/api/orders/CMD-10042',
        product: { name: tr(lang, 'Lampe Aurore', 'Aurore lamp'), url: `/demo?lang=${lang}`, faqUrl: help('garantie', 'warranty') },
        delivery: {
          carrier: 'Colissimo',
          statusLabel: tr(lang, 'en cours, retard signalé', 'in transit, delay reported'),
          expectedOn: '2025-06-12',
          trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901',
          incidents: [
            {
              label: tr(lang, 'Colis endommagé signalé par le transporteur', 'Damaged parcel reported by the carrier'),
              openedOn: '2025-06-10',
              statusLabel: tr(lang, 'ouvert', 'open'),
              helpUrl: help('procedure-colis-endommage', 'procedure-damaged-parcel'),
            },
          ],
        },
      },
      {
        ref: 'CMD-10043',
        placedOn: '2025-06-08',
        total: tr(lang, '249,00 €', '€249.00'),
        status: 'preparing',
        statusLabel: tr(lang, 'en préparation', 'being prepared'),
        backOfficeUrl: '/demo/api/orders/CMD-10043',
        product: { name: tr(lang, 'Suspension Céleste', 'Céleste pendant'), url: `/demo?lang=${lang}`, faqUrl: help('delais-de-livraison', 'delivery-times') },
        delivery: {
          carrier: 'Chronopost',
          statusLabel: tr(lang, 'pas encore expédiée', 'not shipped yet'),
          expectedOn: '2025-06-15',
          trackingUrl: null,
          incidents: [],
        },
      },
    ],
  };
}
