import type { ApiClient } from '../api/api-client.js';
import type { ConversationListItem, Page } from '../api/types.js';

// The customer card's extra reads (apps/server/src/http/routes/customer-cards.routes.ts and the
// consent and conversation routes).

export interface CardLeaf {
  title: string;
  subtitle: string | null;
  status: string | null;
  url: string | null;
  links: { label: string; url: string }[];
  fields: { label: string; value: string }[];
}

export interface CustomerCard extends CardLeaf {
  children: { label: string; items: CardLeaf[] } | null;
}

/** One connector's section: its cards, or why there are none. */
export interface ConnectorSection {
  connectorId: string;
  name: string;
  label: string;
  status: 'ok' | 'error' | 'skipped';
  error: { code: string; message: string } | null;
  cards: CustomerCard[];
  fetchedAt: string | null;
}

export interface Consent {
  id: string;
  addressKind: string;
  address: string;
  purpose: string;
  channelType: string | null;
  status: 'granted' | 'revoked';
  source: string;
  recordedAt: string;
}

const id = encodeURIComponent;

/** The endpoints of the customer card. */
export function customer360Endpoints(client: ApiClient) {
  return {
    customerCards: (customerId: string, lang: string) =>
      client.request<{ items: ConnectorSection[] }>('GET', `/api/v1/customers/${id(customerId)}/cards?lang=${id(lang)}`).then((r) => r.items),
    customerConsents: (customerId: string) =>
      client.request<{ current: Consent[] }>('GET', `/api/v1/customers/${id(customerId)}/consents`).then((r) => r.current),
    customerConversations: (customerId: string) =>
      client.request<Page<ConversationListItem>>('GET', `/api/v1/conversations?customerId=${id(customerId)}&limit=20`).then((r) => r.items),
  };
}
