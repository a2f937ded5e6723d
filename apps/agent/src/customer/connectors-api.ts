import { createApiClient, csrfFromCookie, type ApiClient } from '../api/api-client.js';

// The admin endpoints of the customer card's connectors (apps/server/src/http/routes/customer-cards.routes.ts).

export type LocalizedLabel = string | Record<string, string>;

/** A connector as the API returns it: secret header values never come back, only their names. */
export interface CustomerConnector {
  id: string;
  name: string;
  label: LocalizedLabel;
  urlTemplate: string;
  headers: Record<string, string>;
  secretHeaderNames: string[];
  timeoutMs: number;
  mapping: Record<string, unknown>;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectorInput {
  name: string;
  label: LocalizedLabel;
  urlTemplate: string;
  timeoutMs: number;
  mapping: unknown;
  enabled: boolean;
  /** On create: name → value. On update: name → new value, or null to remove; names left out are kept. */
  secretHeaders: Record<string, string | null>;
}

const id = encodeURIComponent;

/**
 * The connector endpoints (they need `workspace:manage`).
 * @example const connectors = await connectorsApi(client).list();
 */
export function connectorsApi(client: ApiClient) {
  return {
    list: () => client.request<{ items: CustomerConnector[] }>('GET', '/api/v1/customer-connectors').then((r) => r.items),
    create: (input: ConnectorInput) => client.request<CustomerConnector>('POST', '/api/v1/customer-connectors', { body: input }),
    update: (connectorId: string, input: Partial<ConnectorInput>) =>
      client.request<CustomerConnector>('PATCH', `/api/v1/customer-connectors/${id(connectorId)}`, { body: input }),
    remove: (connectorId: string) => client.request<null>('DELETE', `/api/v1/customer-connectors/${id(connectorId)}`),
  };
}
export type ConnectorsApi = ReturnType<typeof connectorsApi>;

let shared: ConnectorsApi | null = null;

/**
 * One connectors client for the app, on the session cookie.
 * @example await sharedConnectorsApi().list();
 */
export function sharedConnectorsApi(): ConnectorsApi {
  shared ??= connectorsApi(createApiClient({ getCsrfToken: () => csrfFromCookie(document.cookie) }));
  return shared;
}
