import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiSession, postInbound, startParley, startWebhookSink } from './support/parley-test-server.js';
import { startStaticProxy } from './support/static-proxy-server.js';

// The customer card's connectors admin in Debian's Chromium: an admin creates a connector with a
// secret header through the form (the server's mapping errors shown first), the customer panel
// shows its card, and the secret value never comes back to the page.

const CHROMIUM = '/usr/bin/chromium';
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'sk-live-7f3c9a1e-never-shown';
const hasChromium = existsSync(CHROMIUM);
// Generous waits: the machine may be busy with other suites.
const WAIT = { timeout: 15_000 };

describe.skipIf(!hasChromium)('customer connectors admin in a real browser', () => {
  let parley: Awaited<ReturnType<typeof startParley>>;
  let sink: Awaited<ReturnType<typeof startWebhookSink>>;
  let brand: Server;
  let brandUrl: string;
  let proxy: Awaited<ReturnType<typeof startStaticProxy>> | null = null;
  let browser: Browser;
  let page: Page;
  let appUrl: string;
  let conversationId: string;
  let api: Awaited<ReturnType<typeof apiSession>>;
  const brandCalls: { url: string; headers: IncomingHttpHeaders }[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { build } = await import('vite');
    await build({ root: APP_DIR, configFile: join(APP_DIR, 'vite.config.ts'), logLevel: 'warn' });

    parley = await startParley();
    sink = await startWebhookSink();
    // The brand's system answers only with the right API key.
    brand = createServer((req, res) => {
      brandCalls.push({ url: req.url ?? '', headers: req.headers });
      if (req.headers['x-api-key'] !== SECRET) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"no key"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ loyalty: { tier: 'Gold', points: 1280 } }));
    });
    await new Promise<void>((resolve) => brand.listen(0, '127.0.0.1', resolve));
    brandUrl = `http://127.0.0.1:${(brand.address() as AddressInfo).port}`;

    api = await apiSession(parley.url);
    const channel = (await api('POST', '/api/v1/channels', { type: 'api', name: 'Website', config: { webhookUrl: sink.url } })).body as {
      id: string;
      secret: string;
    };
    const inbound = await postInbound(parley.url, channel.id, channel.secret, {
      customer: { externalId: 'loyal-7', name: 'Noé Girard' },
      message: { id: 'loyal-msg-1', text: 'Combien de points ai-je ?' },
    });
    conversationId = inbound.body.conversationId;

    const served = await fetch(`${parley.url}/app/`).catch(() => null);
    if (served?.ok && (served.headers.get('content-type') ?? '').includes('text/html')) appUrl = `${parley.url}/app/`;
    else {
      proxy = await startStaticProxy(join(APP_DIR, 'dist'), parley.url);
      appUrl = `${proxy.url}/app/`;
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await sink?.close();
    await new Promise<void>((resolve) => (brand ? brand.close(() => resolve()) : resolve()));
    await parley?.close();
  });

  it('creates a connector with a secret header, shows its card, and never shows the secret back', async () => {
    await page.goto(appUrl);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-assist-settings').click();

    const admin = page.getByTestId('connectors-admin');
    await admin.getByTestId('connector-add').click();
    const form = admin.getByTestId('connector-form');
    await form.getByTestId('connector-name').fill('loyalty');
    await form.getByTestId('connector-label-fr').fill('Fidélité');
    await form.getByTestId('connector-label-en').fill('Loyalty');
    await form.getByTestId('connector-url').fill(`${brandUrl}/loyalty/{{customer.externalId}}`);
    await form.getByTestId('connector-timeout').fill('1500');
    await form.getByTestId('connector-secret-add').click();
    await form.getByTestId('connector-secret-name').fill('X-Api-Key');
    await form.getByTestId('connector-secret-value').fill(SECRET);

    // Not JSON: caught before sending.
    await form.getByTestId('connector-mapping').fill('{ items: loyalty');
    await form.getByTestId('connector-save').click();
    await expect.poll(() => form.getByTestId('connector-error').first().textContent(), WAIT).toContain('invalid JSON');

    // JSON the server rejects: its issue is shown with the field's path.
    await form.getByTestId('connector-mapping').fill(JSON.stringify({ items: 'loyalty', title: '{{tier}}', colour: 'gold' }));
    await form.getByTestId('connector-save').click();
    await expect.poll(() => form.getByTestId('connector-errors').textContent(), WAIT).toMatch(/\/mapping: .*colour/);
    expect((await api('GET', '/api/v1/customer-connectors')).body).not.toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ name: 'loyalty' })]),
    });

    await form
      .getByTestId('connector-mapping')
      .fill(JSON.stringify({ items: 'loyalty', title: '{{tier}}', fields: [{ label: { fr: 'Points', en: 'Points' }, value: '{{points}}' }] }));
    await form.getByTestId('connector-save').click();
    await expect.poll(() => admin.getByTestId('connector-status').textContent(), WAIT).toBe('Saved.');
    const row = admin.locator('[data-testid="connector-row"][data-connector="loyalty"]');
    await expect.poll(() => row.getAttribute('data-enabled'), WAIT).toBe('true');
    await expect.poll(() => row.getByTestId('connector-state').textContent(), WAIT).toBe('Enabled');
    // After saving, the form knows the header's name only.
    const secret = form.getByTestId('connector-secret');
    await expect.poll(() => secret.getByTestId('connector-secret-set').textContent(), WAIT).toBe('set');
    await expect.poll(() => form.getByTestId('connector-secret-value').count(), WAIT).toBe(0);
    expect(JSON.stringify((await api('GET', '/api/v1/customer-connectors')).body)).not.toContain(SECRET);

    // The customer panel shows the card, fetched with the secret header.
    await page.getByTestId('nav-assist-settings').click();
    await page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`).click();
    const section = page.locator('[data-testid="customer-panel"] [data-testid="brand-section"][data-connector="loyalty"]');
    await expect.poll(() => section.getByTestId('brand-card-title').textContent(), WAIT).toBe('Gold');
    expect(await section.textContent()).toContain('1280');
    expect(brandCalls.some((c) => c.url === '/loyalty/loyal-7' && c.headers['x-api-key'] === SECRET)).toBe(true);

    // After a reload, the edit form shows the header as set and the value is nowhere in the page.
    await page.reload();
    await page.getByTestId('nav-assist-settings').click();
    await admin.locator('[data-testid="connector-row"][data-connector="loyalty"]').getByTestId('connector-edit').click();
    await expect.poll(() => form.getByTestId('connector-secret-set').count(), WAIT).toBe(1);
    await expect.poll(() => form.getByTestId('connector-name').inputValue(), WAIT).toBe('loyalty');
    expect(await page.content()).not.toContain(SECRET);

    // Disable it through the form, then delete it after confirming.
    await form.getByTestId('connector-enabled').uncheck();
    await form.getByTestId('connector-save').click();
    await expect.poll(() => admin.locator('[data-testid="connector-row"][data-connector="loyalty"]').getAttribute('data-enabled'), WAIT).toBe('false');
    await admin.locator('[data-testid="connector-row"][data-connector="loyalty"]').getByTestId('connector-delete').click();
    await admin.getByTestId('connector-delete-confirm').click();
    await expect.poll(() => admin.locator('[data-testid="connector-row"][data-connector="loyalty"]').count(), WAIT).toBe(0);
    expect(((await api('GET', '/api/v1/customer-connectors')).body as { items: { name: string }[] }).items.map((c) => c.name)).not.toContain('loyalty');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
