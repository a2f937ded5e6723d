import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '@parley/kernel';
import { createWorkspace } from '@parley/use-cases';
import { ApiClient, postInbound, startTestServer } from './support/test-server.js';

interface Hit {
  url: string;
  headers: IncomingHttpHeaders;
}

/** The brand's order system: JSON orders, a slow route and a failing one. */
async function startBrandSystem(): Promise<{ base: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    hits.push({ url: req.url ?? '', headers: req.headers });
    if (req.url?.startsWith('/slow')) return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"orders":[]}'), 1500);
    if (req.url?.startsWith('/broken')) return void res.writeHead(500).end('oops');
    if (req.url?.startsWith('/html')) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        orders: [
          {
            ref: 'A-1',
            status: 'delivered',
            carrier: 'UPS',
            url: 'https://shop.example/orders/A-1',
            evil: 'javascript:alert(1)',
            name: '<img src=x onerror=alert(1)>',
            incidents: [{ kind: 'Late', state: 'closed' }],
          },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const mapping = {
  items: 'orders',
  title: 'Order {{ref}} {{name}}',
  status: '{{status}}',
  url: '{{url}}',
  links: [
    { label: 'Evil', url: '{{evil}}' },
    { label: { fr: 'Suivi', en: 'Tracking' }, url: 'https://track.example/{{carrier}}/{{ref}}' },
  ],
  fields: [{ label: { fr: 'Transporteur', en: 'Carrier' }, value: '{{carrier}}' }],
  children: { label: { fr: 'Incidents', en: 'Incidents' }, items: 'incidents', title: '{{kind}}', status: '{{state}}' },
};

describe('customer 360° cards from HTTP connectors', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let brand: Awaited<ReturnType<typeof startBrandSystem>>;
  let admin: ApiClient;
  let customerId: string;
  let ordersId: string;

  type Section = { name: string; status: string; error: { code: string; message: string } | null; cards: Array<Record<string, any>>; fetchedAt: string | null };
  const cards = async (lang = 'en') => {
    const res = await admin.request<{ items: Section[] }>('GET', `/api/v1/customers/${customerId}/cards?lang=${lang}`);
    expect(res.status).toBe(200);
    return new Map(res.body.items.map((s) => [s.name, s]));
  };

  beforeAll(async () => {
    server = await startTestServer();
    brand = await startBrandSystem();
    admin = new ApiClient(server.url);
    await admin.login();
    const channel = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: 'http://127.0.0.1:9/hook' } });
    const inbound = await postInbound(server.url, channel.body.id, channel.body.secret, {
      customer: { externalId: 'ext/42', name: 'Camille' },
      message: { id: 'cards-1', text: 'Bonjour' },
    });
    customerId = (await admin.request('GET', `/api/v1/conversations/${inbound.body.conversationId}`)).body.customerId;
  });
  afterAll(async () => {
    await server?.close();
    await brand?.close();
  });

  it('keeps secret headers write-only', async () => {
    const created = await admin.request('POST', '/api/v1/customer-connectors', {
      name: 'orders',
      label: { fr: 'Commandes', en: 'Orders' },
      urlTemplate: `${brand.base}/customers/{{customer.externalId}}/orders?lang={{lang}}`,
      headers: { 'x-brand': 'lumiere' },
      secretHeaders: { authorization: 'Bearer s3cret-value' },
      mapping,
    });
    expect(created.status).toBe(201);
    ordersId = created.body.id;
    expect(created.body).toMatchObject({ secretHeaderNames: ['authorization'], headers: { 'x-brand': 'lumiere' }, timeoutMs: 2000 });
    const one = await admin.request('GET', `/api/v1/customer-connectors/${ordersId}`);
    const all = await admin.request('GET', '/api/v1/customer-connectors');
    for (const body of [created.body, one.body, all.body]) expect(JSON.stringify(body)).not.toContain('s3cret-value');
    expect(all.body.items.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['orders', 'demo-orders']));
    expect(
      (await admin.request('POST', '/api/v1/customer-connectors', { name: 'orders', label: 'x', urlTemplate: `${brand.base}/x`, mapping })).body.error.code,
    ).toBe('connector_name_taken');
  });

  it('refuses header injection, reserved headers and non-http URLs at the edge', async () => {
    const base = { name: 'bad', label: 'Bad', mapping };
    for (const body of [
      { ...base, urlTemplate: `${brand.base}/x`, secretHeaders: { 'x-key': 'a\r\nx-evil: 1' } },
      { ...base, urlTemplate: `${brand.base}/x`, headers: { host: 'evil.example' } },
      { ...base, urlTemplate: 'file:///etc/passwd' },
      { ...base, urlTemplate: '//evil.example/x' },
      { ...base, urlTemplate: 'http://{{customer.email}}/x' },
    ]) {
      const res = await admin.request('POST', '/api/v1/customer-connectors', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
  });

  it('calls the connector with the customer fields and its headers, and maps the answer to cards', async () => {
    const sections = await cards('en');
    const orders = sections.get('orders');
    expect(orders).toMatchObject({ status: 'ok', error: null });
    const hit = brand.hits.find((h) => h.url.startsWith('/customers/'));
    expect(hit?.url).toBe('/customers/ext%2F42/orders?lang=en');
    expect(hit?.headers).toMatchObject({ authorization: 'Bearer s3cret-value', 'x-brand': 'lumiere', accept: 'application/json' });
    expect(orders?.cards).toEqual([
      {
        title: 'Order A-1 <img src=x onerror=alert(1)>',
        subtitle: null,
        status: 'delivered',
        url: 'https://shop.example/orders/A-1',
        links: [{ label: 'Tracking', url: 'https://track.example/UPS/A-1' }],
        fields: [{ label: 'Carrier', value: 'UPS' }],
        children: { label: 'Incidents', items: [{ title: 'Late', subtitle: null, status: 'closed', url: null, links: [], fields: [] }] },
      },
    ]);
    expect((await cards('fr')).get('orders')?.cards[0]?.fields).toEqual([{ label: 'Transporteur', value: 'UPS' }]);
  });

  it('serves repeated reads from a short cache, and calls again once the connector changed', async () => {
    const before = brand.hits.length;
    await cards('en');
    await cards('en');
    expect(brand.hits.length).toBe(before);
    const patched = await admin.request('PATCH', `/api/v1/customer-connectors/${ordersId}`, { secretHeaders: { authorization: null, 'x-api-key': 'k2' } });
    expect(patched.body.secretHeaderNames).toEqual(['x-api-key']);
    await cards('en');
    expect(brand.hits.length).toBe(before + 1);
    expect(brand.hits.at(-1)?.headers).toMatchObject({ 'x-api-key': 'k2' });
    expect(brand.hits.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('reports a timeout, an HTTP error, a non-JSON answer, a blocked address and a missing field per connector, never failing the card', async () => {
    const add = async (name: string, urlTemplate: string, timeoutMs = 2000) =>
      expect((await admin.request('POST', '/api/v1/customer-connectors', { name, label: name, urlTemplate, timeoutMs, mapping })).status).toBe(201);
    await add('slow', `${brand.base}/slow/{{customer.id}}`, 300);
    await add('broken', `${brand.base}/broken/{{customer.id}}`);
    await add('html', `${brand.base}/html/{{customer.id}}`);
    await add('metadata', 'http://169.254.169.254/latest/meta-data/{{customer.id}}');
    await add('intranet', 'http://10.1.2.3/crm/{{customer.id}}');
    await add('by-email', `${brand.base}/by-email/{{customer.email}}`);

    const started = Date.now();
    const sections = await cards('en');
    expect(Date.now() - started).toBeLessThan(1400);
    expect(sections.get('orders')?.status).toBe('ok');
    expect(sections.get('slow')).toMatchObject({ status: 'error', error: { code: 'timeout' }, cards: [] });
    expect(sections.get('broken')).toMatchObject({ status: 'error', error: { code: 'http_status', message: expect.stringContaining('500') } });
    expect(sections.get('html')).toMatchObject({ status: 'error', error: { code: 'invalid_response' } });
    expect(sections.get('metadata')).toMatchObject({ status: 'error', error: { code: 'blocked' } });
    expect(sections.get('intranet')).toMatchObject({ status: 'error', error: { code: 'blocked' } });
    expect(sections.get('by-email')).toMatchObject({ status: 'skipped', error: { code: 'missing_field' } });
    expect(brand.hits.some((h) => h.url.startsWith('/by-email'))).toBe(false);
    // A disabled connector is not called at all.
    const slowId = (await admin.request('GET', '/api/v1/customer-connectors')).body.items.find((c: { name: string }) => c.name === 'slow').id;
    await admin.request('PATCH', `/api/v1/customer-connectors/${slowId}`, { enabled: false });
    expect((await cards('en')).has('slow')).toBe(false);
    expect((await admin.request('DELETE', `/api/v1/customer-connectors/${slowId}`)).status).toBe(204);
    expect((await admin.request('GET', `/api/v1/customer-connectors/${slowId}`)).body.error.code).toBe('connector_not_found');
  });

  it('shows the demo back-office orders with product, FAQ and delivery links and the delivery incidents', async () => {
    const demo = (await cards('en')).get('demo-orders');
    expect(demo).toMatchObject({ status: 'ok' });
    const [first, second] = demo?.cards ?? [];
    const slug = (await admin.request('GET', '/api/v1/workspace')).body.slug;
    expect(first).toMatchObject({ title: 'CMD-10042 · Aurore lamp', status: 'shipped', url: '/demo/api/orders/CMD-10042' });
    expect(first?.links).toEqual([
      { label: 'Product sheet', url: '/demo?lang=en' },
      { label: 'Product FAQ', url: `/help/${slug}/articles/warranty?lang=en` },
      { label: 'Track the delivery', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' },
    ]);
    expect(first?.children).toMatchObject({ label: 'Delivery incidents', items: [{ title: 'Damaged parcel reported by the carrier', status: 'open' }] });
    expect(second).toMatchObject({ title: 'CMD-10043 · Céleste pendant', children: { items: [] } });
    expect((await cards('fr')).get('demo-orders')?.cards[0]).toMatchObject({ title: 'CMD-10042 · Lampe Aurore', status: 'expédiée' });
    // The FAQ link leads to a published help-center article.
    const faq = await fetch(`${server.url}${first?.links[1].url as string}`);
    expect(faq.status).toBe(200);
  });

  it("keeps connectors to their workspace and to admins: another workspace gets 404, an agent reads cards but can't manage", async () => {
    const userB = newId();
    await server.context.store.transaction((tx) => tx.access.createUser({ id: userB, email: 'b@cards.example', name: 'Bea', passwordHash: null }));
    await server.database.db
      .updateTable('users')
      .set({ password_hash: await hashPassword('password-of-b') })
      .where('id', '=', userB)
      .execute();
    await createWorkspace(server.context.store, { name: 'Other brand', adminUserId: userB });
    const adminB = new ApiClient(server.url);
    await adminB.login('b@cards.example', 'password-of-b');
    expect((await adminB.request('GET', `/api/v1/customer-connectors/${ordersId}`)).status).toBe(404);
    expect((await adminB.request('PATCH', `/api/v1/customer-connectors/${ordersId}`, { enabled: false })).status).toBe(404);
    expect((await adminB.request('DELETE', `/api/v1/customer-connectors/${ordersId}`)).status).toBe(404);
    expect((await adminB.request('GET', `/api/v1/customers/${customerId}/cards`)).status).toBe(404);
    expect((await adminB.request('GET', '/api/v1/customer-connectors')).body.items).toEqual([]);

    expect(
      (await admin.request('POST', '/api/v1/users', { email: 'agent@cards.example', name: 'Léa', password: 'password-of-lea', role: 'agent' })).status,
    ).toBe(201);
    const agent = new ApiClient(server.url);
    await agent.login('agent@cards.example', 'password-of-lea');
    expect((await agent.request('GET', `/api/v1/customers/${customerId}/cards`)).status).toBe(200);
    expect((await agent.request('GET', '/api/v1/customer-connectors')).status).toBe(403);
    expect((await agent.request('POST', '/api/v1/customer-connectors', { name: 'mine', label: 'x', urlTemplate: `${brand.base}/x`, mapping })).status).toBe(
      403,
    );
  });

  it('answers 404 for an unknown customer and needs a session', async () => {
    expect((await admin.request('GET', '/api/v1/customers/00000000-0000-7000-8000-000000000000/cards')).status).toBe(404);
    expect((await new ApiClient(server.url).request('GET', `/api/v1/customers/${customerId}/cards`)).status).toBe(401);
    expect((await new ApiClient(server.url).request('GET', '/api/v1/customer-connectors')).status).toBe(401);
  });
});
