import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './support/test-server.js';

// Every route is authenticated unless it is on this list; a new public route must be added here on purpose.
const PUBLIC_ROUTES = new Set(['GET /health', 'GET /ready', 'GET /metrics', 'GET /api/openapi.json', 'POST /api/v1/auth/login', 'POST /api/v1/channels/:id/inbound', 'GET /api/v1/attachments/:id/signed',
  // Provider webhooks: signed by the provider (GET: verification handshakes).
  'GET /webhooks/:provider/:channelId',
  'POST /webhooks/:provider/:channelId',
  'GET /webhooks/:provider',
  'POST /webhooks/:provider',
  // The demo back-office the demo bot calls (fake orders; only with PARLEY_DEMO).
  'GET /demo/api/orders/:ref',
  'POST /demo/api/address-changes',
  // The demo back-office's orders of a customer, which the demo customer-card connector calls.
  'GET /demo/api/customers/:id/orders',
  // Web chat: the widget's endpoints (a visitor has no account) and the browser bundles and demo page.
  'GET /api/v1/widget/:channelId/config',
  'POST /api/v1/widget/:channelId/attachments',
  'GET /widget.js',
  'GET /app',
  'GET /app/*',
  'GET /demo',
  // Help center: public pages, their script and stylesheet, search as you type and "was this helpful?".
  'GET /help-assets/help-center.js',
  'GET /help-assets/help-center.css',
  'GET /help/:workspace',
  'GET /help/:workspace/search',
  'GET /help/:workspace/articles/:slug',
  'GET /api/v1/help/:workspace/search',
  'POST /api/v1/help/:workspace/feedback',
]);

describe('authentication on every route', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const routes: Array<{ method: string; url: string }> = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('answers 401 without credentials on every non-public route', async () => {
    const listed = server.app.printRoutes({ commonPrefix: false });
    expect(listed).toContain('conversations');
    for (const route of collectRoutes(server)) routes.push(route);
    expect(routes.length).toBeGreaterThan(10);
    for (const { method, url } of routes) {
      if (PUBLIC_ROUTES.has(`${method} ${url}`) || url.startsWith('/api/docs')) continue;
      const path = url.replace(':id', '00000000-0000-7000-8000-000000000000');
      const res = await fetch(`${server.url}${path}`, { method, headers: method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }, ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }) });
      expect(res.status, `${method} ${url}`).toBe(401);
    }
  });
});

function collectRoutes(server: Awaited<ReturnType<typeof startTestServer>>): Array<{ method: string; url: string }> {
  const found: Array<{ method: string; url: string }> = [];
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    for (const url of server.context.routeTable.filter((r) => r.method === method).map((r) => r.url)) found.push({ method, url });
  }
  return found;
}
