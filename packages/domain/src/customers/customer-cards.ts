import { z } from 'zod';
import type { Customer } from './customer.js';

// Customer 360° cards from the brand's own systems. A connector is a URL template filled with
// the customer's fields; its JSON answer is turned into small cards (title, status, fields,
// links, nested items such as a delivery's incidents) by a declarative mapping. Pure rules: the
// HTTP call and the storage live elsewhere.

/** A label in one language, or per language (`{ "fr": "Transporteur", "en": "Carrier" }`). */
export const localizedTextSchema = z.union([z.string().min(1).max(200), z.record(z.string().regex(/^[a-z]{2}$/), z.string().min(1).max(200))]);
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** A template: `{{path.in.the.item}}` placeholders, e.g. `Commande {{ref}}`. */
const template = z.string().max(2000);

const cardMappingFields = {
  /** Where the items are in the JSON (dot path, `''` for the root); an object makes one card, an array one per element. */
  items: z.string().max(200).default(''),
  title: template.min(1),
  subtitle: template.optional(),
  status: template.optional(),
  /** The card's own link (absolute http(s), or a path of this Parley server starting with `/`). */
  url: template.optional(),
  links: z
    .array(z.object({ label: localizedTextSchema, url: template }))
    .max(5)
    .default([]),
  fields: z
    .array(z.object({ label: localizedTextSchema, value: template }))
    .max(20)
    .default([]),
  /** Cards shown at most. */
  limit: z.number().int().min(1).max(50).default(10),
};

/** How one level of items becomes cards. */
export const cardMappingSchema = z.object(cardMappingFields).strict();

/** The connector's mapping: cards, each with optional nested items (read relative to the card's item). */
export const connectorMappingSchema = z
  .object({
    ...cardMappingFields,
    children: z
      .object({ label: localizedTextSchema, ...cardMappingFields })
      .strict()
      .optional(),
  })
  .strict();
export type ConnectorMapping = z.infer<typeof connectorMappingSchema>;

export interface CustomerConnector {
  id: string;
  workspaceId: string;
  name: string;
  /** Shown above the connector's cards. */
  label: LocalizedText;
  /** `https://crm.example/api/customers/{{customer.externalId}}/orders`, or `/…` for this server's own routes. */
  urlTemplate: string;
  /** Plain request headers (not secret: they are shown to admins). */
  headers: Record<string, string>;
  /** Names of the secret headers; their values stay sealed and are never returned. */
  secretHeaderNames: string[];
  timeoutMs: number;
  mapping: ConnectorMapping;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Storage of connectors; secret headers are sealed by the caller and opened only to call the connector. */
export interface CustomerConnectorRepository {
  list(workspaceId: string): Promise<CustomerConnector[]>;
  get(workspaceId: string, id: string): Promise<CustomerConnector | null>;
  /** The sealed secret headers (opened only to call the connector). */
  sealedSecrets(workspaceId: string, id: string): Promise<unknown>;
  create(input: Omit<CustomerConnector, 'createdAt' | 'updatedAt'> & { sealedSecrets: unknown; now: Date }): Promise<CustomerConnector>;
  update(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<CustomerConnector, 'name' | 'label' | 'urlTemplate' | 'headers' | 'secretHeaderNames' | 'timeoutMs' | 'mapping' | 'enabled'>> & {
      sealedSecrets?: unknown;
      now: Date;
    },
  ): Promise<CustomerConnector | null>;
  delete(workspaceId: string, id: string): Promise<boolean>;
}

export interface CardField {
  label: string;
  value: string;
}

export interface CardLink {
  label: string;
  url: string;
}

/** What the agent sees: text only (the app renders it as text) and vetted links. */
export interface CustomerCard {
  title: string;
  subtitle: string | null;
  status: string | null;
  url: string | null;
  links: CardLink[];
  fields: CardField[];
  /** Nested items (a delivery's incidents), with the mapping's label. */
  children: { label: string; items: CustomerCard[] } | null;
}

/** The customer values a URL template may use: `{{customer.id}}`, `{{customer.externalId}}`, `{{customer.email}}`, … */
export function customerTemplateFields(customer: Customer): Record<string, unknown> {
  // A verified identity is preferred: it is the one the brand's systems know for sure.
  const identity = (kind: string) => {
    const all = customer.identities.filter((i) => i.kind === kind);
    return (all.find((i) => i.verified) ?? all[0])?.value ?? null;
  };
  return {
    customer: {
      id: customer.id,
      name: customer.displayName,
      externalId: identity('external_id'),
      email: identity('email'),
      phone: identity('phone'),
      locale: customer.locale,
      attributes: customer.attributes,
    },
  };
}

/** The value at a dot path (`orders.0.ref`), or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  if (path === '') return root;
  let current: unknown = root;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(key)) return undefined;
      current = current[Number(key)];
    } else {
      // Own properties only: a path never reaches the prototype.
      if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
  }
  return current;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

const scalar = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

/**
 * Fills `{{path}}` placeholders from `context`. `encode` URL-encodes each value; objects and
 * missing values become empty text.
 *
 * @example
 * renderTemplate('Commande {{ref}}', { ref: 'CMD-1' }) // 'Commande CMD-1'
 */
export function renderTemplate(text: string, context: unknown, encode = false): string {
  return text.replace(PLACEHOLDER, (_m, path: string) => {
    const value = scalar(valueAt(context, path)) ?? '';
    return encode ? encodeURIComponent(value) : value;
  });
}

/**
 * The connector's URL for a customer. Every placeholder is URL-encoded, so a customer value can
 * never change the host or the path structure. Returns the names of the fields that are empty
 * (the connector is then skipped rather than called with a hole in its URL).
 *
 * @example
 * connectorUrl('/demo/api/customers/{{customer.email}}/orders', fields) // { url: '/demo/api/customers/a%40b.fr/orders', missing: [] }
 */
export function connectorUrl(urlTemplate: string, fields: Record<string, unknown>): { url: string; missing: string[] } {
  const missing = [...urlTemplate.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((path) => !scalar(valueAt(fields, path)));
  return { url: renderTemplate(urlTemplate, fields, true), missing };
}

/**
 * A link fit for the agent app: absolute http(s), or a path of this server (`/…`, not `//…`).
 * A template that is a single placeholder inserts the value as it is (a whole URL); otherwise
 * values are URL-encoded.
 */
export function renderLink(text: string, item: unknown): string | null {
  const whole = /^\{\{\s*[A-Za-z0-9_.-]+\s*\}\}$/.test(text.trim());
  const url = renderTemplate(text.trim(), item, !whole).trim();
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** The label in `lang`, else English, else the first one. */
export function localize(text: LocalizedText, lang: string): string {
  if (typeof text === 'string') return text;
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}

const MAX_TEXT = 300;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);
const orNull = (s: string | undefined, item: unknown) => {
  if (s === undefined) return null;
  const out = clip(renderTemplate(s, item).trim());
  return out === '' ? null : out;
};

function itemsOf(body: unknown, path: string, limit: number): unknown[] {
  const found = valueAt(body, path);
  if (Array.isArray(found)) return found.slice(0, limit);
  return found !== null && typeof found === 'object' ? [found] : [];
}

type LevelMapping = z.infer<typeof cardMappingSchema>;

function cardsOf(mapping: LevelMapping, body: unknown, lang: string): Omit<CustomerCard, 'children'>[] {
  return itemsOf(body, mapping.items, mapping.limit).map((item) => ({
    title: orNull(mapping.title, item) ?? '—',
    subtitle: orNull(mapping.subtitle, item),
    status: orNull(mapping.status, item),
    url: mapping.url === undefined ? null : renderLink(mapping.url, item),
    links: mapping.links.flatMap((l) => {
      const url = renderLink(l.url, item);
      return url ? [{ label: localize(l.label, lang), url }] : [];
    }),
    // A field with no value is left out rather than shown empty.
    fields: mapping.fields.flatMap((f) => {
      const value = orNull(f.value, item);
      return value === null ? [] : [{ label: localize(f.label, lang), value }];
    }),
  }));
}

/**
 * Turns a connector's JSON answer into cards.
 *
 * @example
 * mapConnectorResponse({ items: 'orders', title: 'Commande {{ref}}', status: '{{status}}', links: [], fields: [], limit: 10 }, body, 'fr')
 */
export function mapConnectorResponse(mapping: ConnectorMapping, body: unknown, lang: string): CustomerCard[] {
  const { children, ...level } = mapping;
  const items = itemsOf(body, level.items, level.limit);
  const cards = cardsOf({ ...level, items: '' }, items, lang);
  return cards.map((card, i) => {
    if (!children) return { ...card, children: null };
    const { label, ...childLevel } = children;
    return { ...card, children: { label: localize(label, lang), items: cardsOf(childLevel, items[i], lang).map((c) => ({ ...c, children: null })) } };
  });
}
