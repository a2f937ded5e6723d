import { AppError, newId, type Clock } from '@parley/kernel';
import {
  connectorUrl,
  customerTemplateFields,
  localize,
  mapConnectorResponse,
  requirePermission,
  type ConnectorMapping,
  type CustomerCard,
  type CustomerConnector,
  type CustomerConnectorRepository,
  type LocalizedText,
  type Principal,
} from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';
import { getCustomer } from '../queries/conversation-queries.js';

/** One call to a connector, made by the composition root through the SSRF-guarded client. */
export interface ConnectorRequest {
  /** Absolute, or `/…` for this server's own routes (the demo back-office). */
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export type ConnectorResponse =
  | { ok: true; status: number; bodyText: string }
  | { ok: false; error: 'timeout' | 'blocked' | 'connection' | 'too_large' | 'too_many_redirects'; message: string };

/** What the customer cards need beyond the common deps, wired in the composition root. */
export interface CustomerCardServices {
  /** The connector store bound to a scope of `store` (its transaction, or `store.read`). */
  repository(scope: object): CustomerConnectorRepository;
  /** Sends the request; never throws. */
  fetch(request: ConnectorRequest): Promise<ConnectorResponse>;
  cache: ConnectorResponseCache;
}

/**
 * A small in-process cache of connectors' parsed answers, so that an agent moving between
 * conversations of one customer doesn't call the brand's systems each time. Keyed by the
 * connector's version and the URL called; only successful answers are kept.
 *
 * @example
 * const cache = new ConnectorResponseCache(clock, { ttlMs: 60_000, maxEntries: 500 });
 */
export class ConnectorResponseCache {
  private readonly entries = new Map<string, { body: unknown; at: Date }>();
  constructor(
    private readonly clock: Clock,
    private readonly options: { ttlMs: number; maxEntries: number },
  ) {}

  get(key: string): { body: unknown; at: Date } | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (this.clock.now().getTime() - entry.at.getTime() >= this.options.ttlMs) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }

  set(key: string, body: unknown): void {
    if (this.options.ttlMs <= 0) return;
    this.entries.delete(key);
    // Map order is insertion order: the first key is the oldest.
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { body, at: this.clock.now() });
  }
}

export interface ConnectorInput {
  name: string;
  label: LocalizedText;
  urlTemplate: string;
  headers: Record<string, string>;
  /** Write-only: sealed at rest, never returned. */
  secretHeaders: Record<string, string>;
  timeoutMs: number;
  mapping: ConnectorMapping;
  enabled: boolean;
}

export type ConnectorPatch = Partial<Omit<ConnectorInput, 'secretHeaders'>> & {
  /** Name → value; null removes that secret header; others are kept. */
  secretHeaders?: Record<string, string | null>;
};

export interface ConnectorCardsError {
  code: 'missing_field' | 'http_status' | 'invalid_response' | Extract<ConnectorResponse, { ok: false }>['error'];
  message: string;
}

/** The cards of one connector, or why there are none. */
export interface ConnectorCards {
  connectorId: string;
  name: string;
  label: string;
  status: 'ok' | 'error' | 'skipped';
  error: ConnectorCardsError | null;
  cards: CustomerCard[];
  /** When the answer was fetched (older than now when it came from the cache). */
  fetchedAt: Date | null;
}

function servicesOf(deps: UseCaseDeps): CustomerCardServices {
  if (!deps.customerCards) throw new AppError('unavailable', 'Customer connectors are not configured on this server');
  return deps.customerCards;
}

/**
 * The workspace's connectors (admins: `workspace:manage`); secret header values are never returned.
 *
 * @example
 * const connectors = await listConnectors(deps, principal);
 */
export async function listConnectors(deps: UseCaseDeps, principal: Principal): Promise<CustomerConnector[]> {
  requirePermission(principal, 'workspace:manage');
  return servicesOf(deps).repository(deps.store.read).list(principal.workspaceId);
}

export async function getConnector(deps: UseCaseDeps, principal: Principal, id: string): Promise<CustomerConnector> {
  requirePermission(principal, 'workspace:manage');
  const connector = await servicesOf(deps).repository(deps.store.read).get(principal.workspaceId, id);
  if (!connector) throw new AppError('connector_not_found', `Connector ${id} does not exist`);
  return connector;
}

const sealOrNull = (deps: UseCaseDeps, secrets: Record<string, string>) => (Object.keys(secrets).length > 0 ? deps.secrets.seal(secrets) : null);

/**
 * Adds a connector. Secret headers (an API key) are sealed with the server's key, like channel secrets.
 *
 * @example
 * await createConnector(deps, principal, { name: 'orders', label: { fr: 'Commandes', en: 'Orders' }, urlTemplate: 'https://crm.example/c/{{customer.externalId}}/orders', headers: {}, secretHeaders: { authorization: 'Bearer …' }, timeoutMs: 2000, mapping, enabled: true });
 */
export async function createConnector(deps: UseCaseDeps, principal: Principal, input: ConnectorInput): Promise<CustomerConnector> {
  requirePermission(principal, 'workspace:manage');
  const services = servicesOf(deps);
  return deps.store.transaction(async (tx) => {
    const repo = services.repository(tx);
    if ((await repo.list(principal.workspaceId)).some((c) => c.name === input.name))
      throw new AppError('connector_name_taken', `A connector named ${input.name} exists`);
    return repo.create({
      id: newId(),
      workspaceId: principal.workspaceId,
      name: input.name,
      label: input.label,
      urlTemplate: input.urlTemplate,
      headers: input.headers,
      secretHeaderNames: Object.keys(input.secretHeaders).sort(),
      sealedSecrets: sealOrNull(deps, input.secretHeaders),
      timeoutMs: input.timeoutMs,
      mapping: input.mapping,
      enabled: input.enabled,
      now: deps.clock.now(),
    });
  });
}

export async function updateConnector(deps: UseCaseDeps, principal: Principal, id: string, patch: ConnectorPatch): Promise<CustomerConnector> {
  requirePermission(principal, 'workspace:manage');
  const services = servicesOf(deps);
  return deps.store.transaction(async (tx) => {
    const repo = services.repository(tx);
    const all = await repo.list(principal.workspaceId);
    if (!all.some((c) => c.id === id)) throw new AppError('connector_not_found', `Connector ${id} does not exist`);
    if (patch.name !== undefined && all.some((c) => c.name === patch.name && c.id !== id))
      throw new AppError('connector_name_taken', `A connector named ${patch.name} exists`);
    const { secretHeaders, ...rest } = patch;
    let secrets: { secretHeaderNames: string[]; sealedSecrets: unknown } | Record<string, never> = {};
    if (secretHeaders) {
      const sealed = await repo.sealedSecrets(principal.workspaceId, id);
      const current = sealed ? deps.secrets.open(sealed) : {};
      for (const [name, value] of Object.entries(secretHeaders)) {
        if (value === null) delete current[name];
        else current[name] = value;
      }
      secrets = { secretHeaderNames: Object.keys(current).sort(), sealedSecrets: sealOrNull(deps, current) };
    }
    const updated = await repo.update(principal.workspaceId, id, { ...rest, ...secrets, now: deps.clock.now() });
    if (!updated) throw new AppError('connector_not_found', `Connector ${id} does not exist`);
    return updated;
  });
}

export async function deleteConnector(deps: UseCaseDeps, principal: Principal, id: string): Promise<void> {
  requirePermission(principal, 'workspace:manage');
  const services = servicesOf(deps);
  const deleted = await deps.store.transaction((tx) => services.repository(tx).delete(principal.workspaceId, id));
  if (!deleted) throw new AppError('connector_not_found', `Connector ${id} does not exist`);
}

const MAX_ERROR_TEXT = 200;

async function cardsOfConnector(
  deps: UseCaseDeps,
  services: CustomerCardServices,
  connector: CustomerConnector,
  fields: Record<string, unknown>,
  lang: string,
): Promise<ConnectorCards> {
  const base = { connectorId: connector.id, name: connector.name, label: localize(connector.label, lang) };
  const fail = (status: 'error' | 'skipped', error: ConnectorCardsError): ConnectorCards => ({
    ...base,
    status,
    error: { code: error.code, message: error.message.slice(0, MAX_ERROR_TEXT) },
    cards: [],
    fetchedAt: null,
  });
  const { url, missing } = connectorUrl(connector.urlTemplate, fields);
  if (missing.length > 0) return fail('skipped', { code: 'missing_field', message: `The customer has no ${missing.join(', ')}` });
  const key = `${connector.id}:${connector.updatedAt.getTime()}:${url}`;
  let entry = services.cache.get(key);
  if (!entry) {
    const sealed =
      connector.secretHeaderNames.length > 0 ? await services.repository(deps.store.read).sealedSecrets(connector.workspaceId, connector.id) : null;
    const secretHeaders = sealed ? deps.secrets.open(sealed) : {};
    const response = await services.fetch({
      url,
      headers: { accept: 'application/json', ...connector.headers, ...secretHeaders },
      timeoutMs: connector.timeoutMs,
    });
    if (!response.ok) return fail('error', { code: response.error, message: response.message });
    if (response.status < 200 || response.status >= 300)
      return fail('error', { code: 'http_status', message: `The connector answered HTTP ${response.status}` });
    let body: unknown;
    try {
      body = JSON.parse(response.bodyText);
    } catch {
      return fail('error', { code: 'invalid_response', message: 'The connector did not answer JSON' });
    }
    services.cache.set(key, body);
    entry = { body, at: deps.clock.now() };
  }
  return { ...base, status: 'ok', error: null, cards: mapConnectorResponse(connector.mapping, entry.body, lang), fetchedAt: entry.at };
}

/**
 * The customer's cards from every enabled connector, called side by side. A connector that
 * fails, times out or is blocked by the SSRF guard gives an error entry; it never fails the
 * whole answer.
 *
 * @example
 * const sections = await getCustomerCards(deps, principal, customerId, 'fr');
 */
export async function getCustomerCards(deps: UseCaseDeps, principal: Principal, customerId: string, lang: string): Promise<ConnectorCards[]> {
  const customer = await getCustomer(deps.store, principal, customerId);
  if (!deps.customerCards) return [];
  const services = deps.customerCards;
  const connectors = (await services.repository(deps.store.read).list(principal.workspaceId)).filter((c) => c.enabled);
  // `{{lang}}` lets a connector answer in the agent's language.
  const fields = { ...customerTemplateFields(customer), lang };
  return Promise.all(
    connectors.map((connector) =>
      cardsOfConnector(deps, services, connector, fields, lang).catch((): ConnectorCards => ({
        connectorId: connector.id,
        name: connector.name,
        label: localize(connector.label, lang),
        status: 'error',
        error: { code: 'invalid_response', message: 'The connector could not be read' },
        cards: [],
        fetchedAt: null,
      })),
    ),
  );
}
