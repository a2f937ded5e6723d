import { describe, expect, it } from 'vitest';
import { connectorMappingSchema, connectorUrl, customerTemplateFields, mapConnectorResponse, renderLink, valueAt } from './customer-cards.js';
import type { Customer } from './customer.js';

const customer: Customer = {
  id: 'c1',
  workspaceId: 'w',
  displayName: 'Camille',
  attributes: { tier: 'gold' },
  timeZone: null,
  locale: 'fr',
  mergedInto: null,
  erasedAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  identities: [
    { id: 'i1', kind: 'email', scope: '', value: 'old@example.com', verified: false, provenance: 'form', createdAt: new Date(0) },
    { id: 'i2', kind: 'email', scope: '', value: 'camille+shop@example.com', verified: true, provenance: 'channel', createdAt: new Date(0) },
  ],
};

describe('customer cards', () => {
  it('fills the URL template with URL-encoded customer fields and names the empty ones', () => {
    const fields = customerTemplateFields(customer);
    expect(connectorUrl('https://crm.example/c/{{customer.email}}/orders?tier={{customer.attributes.tier}}', fields)).toEqual({
      url: 'https://crm.example/c/camille%2Bshop%40example.com/orders?tier=gold',
      missing: [],
    });
    expect(connectorUrl('https://crm.example/c/{{customer.externalId}}', fields).missing).toEqual(['customer.externalId']);
    // A value cannot climb out of its path segment.
    const hostile = customerTemplateFields({ ...customer, identities: [{ ...customer.identities[1]!, value: '../../admin?x=1#' }] });
    expect(connectorUrl('https://crm.example/c/{{customer.email}}', hostile).url).toBe('https://crm.example/c/..%2F..%2Fadmin%3Fx%3D1%23');
  });

  it('reads own properties only', () => {
    expect(valueAt({ a: [{ b: 1 }] }, 'a.0.b')).toBe(1);
    expect(valueAt({}, 'constructor')).toBeUndefined();
    expect(valueAt({ a: [1] }, 'a.length')).toBeUndefined();
  });

  it('maps orders to cards with localized fields, vetted links and nested incidents', () => {
    const mapping = connectorMappingSchema.parse({
      items: 'orders',
      title: 'Commande {{ref}}',
      subtitle: '{{placedAt}}',
      status: '{{status}}',
      url: '{{url}}',
      links: [
        { label: { fr: 'Fiche produit', en: 'Product sheet' }, url: '{{product.url}}' },
        { label: 'FAQ', url: '/help/demo/{{product.faq}}' },
        { label: 'Evil', url: '{{evil}}' },
      ],
      fields: [
        { label: { fr: 'Transporteur', en: 'Carrier' }, value: '{{carrier}}' },
        { label: 'Empty', value: '{{missing}}' },
      ],
      children: { label: { fr: 'Incidents', en: 'Incidents' }, items: 'incidents', title: '{{kind}}', status: '{{state}}' },
    });
    const body = {
      orders: [
        {
          ref: 'CMD-1',
          placedAt: '2025-06-01',
          status: 'shipped',
          url: 'https://shop.example/orders/CMD-1',
          carrier: 'Colissimo',
          product: { url: 'https://shop.example/p/lamp', faq: 'lamp faq' },
          evil: 'javascript:alert(1)',
          incidents: [{ kind: 'Colis endommagé', state: 'open' }],
        },
        { ref: 'CMD-2', url: '//evil.example/x', items: 'not used' },
      ],
    };
    const [first, second] = mapConnectorResponse(mapping, body, 'en');
    expect(first).toEqual({
      title: 'Commande CMD-1',
      subtitle: '2025-06-01',
      status: 'shipped',
      url: 'https://shop.example/orders/CMD-1',
      links: [
        { label: 'Product sheet', url: 'https://shop.example/p/lamp' },
        { label: 'FAQ', url: '/help/demo/lamp%20faq' },
      ],
      fields: [{ label: 'Carrier', value: 'Colissimo' }],
      children: { label: 'Incidents', items: [{ title: 'Colis endommagé', subtitle: null, status: 'open', url: null, links: [], fields: [], children: null }] },
    });
    expect(second).toMatchObject({ title: 'Commande CMD-2', url: null, status: null, children: { items: [] } });
  });

  it('makes one card of an object, none of a missing path, and honours the limit', () => {
    const one = connectorMappingSchema.parse({ items: 'contract', title: '{{name}}' });
    expect(mapConnectorResponse(one, { contract: { name: 'Premium' } }, 'fr').map((c) => c.title)).toEqual(['Premium']);
    expect(mapConnectorResponse(one, { other: 1 }, 'fr')).toEqual([]);
    const many = connectorMappingSchema.parse({ title: '#{{n}}', limit: 2 });
    expect(mapConnectorResponse(many, [{ n: 1 }, { n: 2 }, { n: 3 }], 'fr').map((c) => c.title)).toEqual(['#1', '#2']);
  });

  it('keeps only http(s) and same-server links', () => {
    expect(renderLink('{{u}}', { u: 'https://a.example/x' })).toBe('https://a.example/x');
    expect(renderLink('{{u}}', { u: 'data:text/html,hi' })).toBeNull();
    expect(renderLink('{{u}}', { u: '/\\evil.example' })).toBeNull();
    expect(renderLink('/orders/{{id}}', { id: 'a/b' })).toBe('/orders/a%2Fb');
  });
});
