import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { connectorMappingSchema, localizedTextSchema, type CustomerCard, type CustomerConnector } from '@parley/domain';
import { createConnector, deleteConnector, getConnector, getCustomerCards, listConnectors, updateConnector, type ConnectorCards } from '@parley/use-cases';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';
import { demoCustomerOrders } from '../../customers/demo-backoffice.js';

const iso = z.string().describe('ISO-8601 timestamp');
const lang = z.enum(['fr', 'en']);

// Hop-by-hop and framing headers are the client's business, never a connector's.
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
]);
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'A header name is letters, digits and dashes')
  .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'This header is set by the HTTP client');
const headerValue = z
  .string()
  .max(4096)
  .regex(/^[^\r\n]*$/, 'A header value is one line');
const headers = z.record(headerName, headerValue).refine((h) => Object.keys(h).length <= 20, 'At most 20 headers');

const urlTemplate = z
  .string()
  .min(1)
  .max(2000)
  .refine(
    (u) => /^https?:\/\/[^/{}]+/i.test(u) || (u.startsWith('/') && !u.startsWith('//')),
    'An http(s) URL with a fixed host, or a path of this server starting with /',
  )
  .describe(
    '`{{customer.id}}`, `{{customer.externalId}}`, `{{customer.email}}`, `{{customer.phone}}`, `{{customer.name}}`, `{{customer.attributes.KEY}}` and `{{lang}}` are replaced, URL-encoded',
  );

const connectorBody = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'Lower-case letters, digits, - and _'),
    label: localizedTextSchema.describe('A label, or one per language: {"fr": "Commandes", "en": "Orders"}'),
    urlTemplate,
    headers: headers.default({}).describe('Plain headers, shown to admins'),
    secretHeaders: z.record(headerName, headerValue).default({}).describe('Write-only headers (an API key): sealed at rest, never returned'),
    timeoutMs: z.number().int().min(200).max(5000).default(2000),
    mapping: connectorMappingSchema.describe(
      'How the JSON answer becomes cards: `items` (dot path), templates with `{{path}}` for title, subtitle, status, url, links, fields, and `children` for nested items',
    ),
    enabled: z.boolean().default(true),
  })
  .strict();

const connectorPatch = z
  .object({
    name: connectorBody.shape.name.optional(),
    label: localizedTextSchema.optional(),
    urlTemplate: urlTemplate.optional(),
    headers: headers.optional(),
    secretHeaders: z.record(headerName, headerValue.nullable()).optional().describe('Name → value; null removes that secret header; others are kept'),
    timeoutMs: z.number().int().min(200).max(5000).optional(),
    mapping: connectorMappingSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

const connectorDto = z.object({
  id: z.string(),
  name: z.string(),
  label: localizedTextSchema,
  urlTemplate: z.string(),
  headers: z.record(z.string(), z.string()),
  secretHeaderNames: z.array(z.string()).describe('Names only: secret values are never returned'),
  timeoutMs: z.number(),
  mapping: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
});

function toConnectorDto(c: CustomerConnector): z.infer<typeof connectorDto> {
  return {
    id: c.id,
    name: c.name,
    label: c.label,
    urlTemplate: c.urlTemplate,
    headers: c.headers,
    secretHeaderNames: c.secretHeaderNames,
    timeoutMs: c.timeoutMs,
    mapping: c.mapping as unknown as Record<string, unknown>,
    enabled: c.enabled,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

const cardLeaf = z.object({
  title: z.string(),
  subtitle: z.string().nullable(),
  status: z.string().nullable(),
  url: z.string().nullable().describe('http(s), or a path of this server'),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
});
const cardDto = cardLeaf.extend({
  children: z
    .object({ label: z.string(), items: z.array(cardLeaf) })
    .nullable()
    .describe("Nested items (a delivery's incidents)"),
});

const connectorCardsDto = z.object({
  connectorId: z.string(),
  name: z.string(),
  label: z.string(),
  status: z.enum(['ok', 'error', 'skipped']),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  cards: z.array(cardDto),
  fetchedAt: iso.nullable(),
});

const leaf = ({ children: _children, ...card }: CustomerCard): z.infer<typeof cardLeaf> => card;

function toConnectorCardsDto(c: ConnectorCards): z.infer<typeof connectorCardsDto> {
  return {
    ...c,
    cards: c.cards.map((card) => ({ ...leaf(card), children: card.children ? { label: card.children.label, items: card.children.items.map(leaf) } : null })),
    fetchedAt: c.fetchedAt?.toISOString() ?? null,
  };
}

/**
 * Customer 360° connectors: admins configure HTTP calls to the brand's systems
 * (`workspace:manage`), agents read the customer's cards (`customers:read`); and, with
 * PARLEY_DEMO, the demo back-office's customer orders the demo connector calls.
 *
 * @example
 * await app.register(customerCardRoutes(ctx));
 */
export function customerCardRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const deps = ctx.useCases;
    const tags = ['customers'];

    app.get(
      '/api/v1/customers/:id/cards',
      {
        schema: {
          tags,
          summary: "Cards from the brand's systems (orders, contracts, deliveries…), one section per enabled connector",
          description:
            'Connectors are called side by side with their own time limit and a short cache. A connector that fails, times out or is blocked gives `status: error` with its error; the answer itself never fails for it.',
          params: idParams,
          querystring: z.object({ lang: lang.default('fr') }),
          response: { 200: z.object({ items: z.array(connectorCardsDto) }), 404: errorSchema },
        },
      },
      async (request) => ({ items: (await getCustomerCards(deps, principalOf(request), request.params.id, request.query.lang)).map(toConnectorCardsDto) }),
    );

    app.get(
      '/api/v1/customer-connectors',
      {
        schema: {
          tags,
          summary: 'The workspace’s customer connectors (needs workspace:manage)',
          response: { 200: z.object({ items: z.array(connectorDto) }), 403: errorSchema },
        },
      },
      async (request) => ({ items: (await listConnectors(deps, principalOf(request))).map(toConnectorDto) }),
    );

    app.post(
      '/api/v1/customer-connectors',
      {
        schema: {
          tags,
          summary: 'Add a customer connector (needs workspace:manage)',
          body: connectorBody,
          response: { 201: connectorDto, 403: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => reply.status(201).send(toConnectorDto(await createConnector(deps, principalOf(request), request.body))),
    );

    app.get(
      '/api/v1/customer-connectors/:id',
      { schema: { tags, summary: 'One customer connector', params: idParams, response: { 200: connectorDto, 404: errorSchema } } },
      async (request) => toConnectorDto(await getConnector(deps, principalOf(request), request.params.id)),
    );

    app.patch(
      '/api/v1/customer-connectors/:id',
      {
        schema: {
          tags,
          summary: 'Change a customer connector',
          params: idParams,
          body: connectorPatch,
          response: { 200: connectorDto, 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request) => toConnectorDto(await updateConnector(deps, principalOf(request), request.params.id, request.body)),
    );

    app.delete(
      '/api/v1/customer-connectors/:id',
      { schema: { tags, summary: 'Remove a customer connector', params: idParams, response: { 204: z.null(), 404: errorSchema } } },
      async (request, reply) => {
        await deleteConnector(deps, principalOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    if (ctx.demoChannelId) {
      const demoChannelId = ctx.demoChannelId;
      app.get(
        '/demo/api/customers/:id/orders',
        {
          config: { public: true },
          schema: { hide: true, params: z.object({ id: z.string().max(200) }), querystring: z.object({ lang: lang.default('fr') }) },
        },
        async (request) => {
          // The help center links need the demo workspace's slug.
          const channel = await ctx.store.read.channels.getForInbound(demoChannelId);
          const workspace = channel ? await ctx.store.read.workspaces.get(channel.workspaceId) : null;
          return demoCustomerOrders(request.query.lang, workspace?.slug ?? null);
        },
      );
    }
  };
}
