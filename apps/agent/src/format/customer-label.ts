import type { Translate } from '../i18n/messages.js';

/**
 * The name shown for a customer: their display name, or "Visitor" + a short id.
 * Ids are time-ordered (UUIDv7), so the short id is taken from the random end.
 * @example customerLabel(null, '0190…-8a3f2a9c1e77', t) // 'Visitor 9c1e77'
 */
export function customerLabel(displayName: string | null | undefined, customerId: string, t: Translate): string {
  const name = displayName?.trim();
  return name ? name : `${t('customer.visitor')} ${customerId.replace(/-/g, '').slice(-6)}`;
}
