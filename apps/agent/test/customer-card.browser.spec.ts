import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiSession, postInbound, startParley, startWebhookSink } from './support/parley-test-server.js';
import { startStaticProxy } from './support/static-proxy-server.js';

// The customer card in Debian's Chromium: consents, the conversation with its status, and the
// cards of the brand's systems (the demo back-office's orders and a connector whose answer
// carries HTML and a javascript: link, rendered as text and dropped).

const CHROMIUM = '/usr/bin/chromium';
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(APP_DIR, 'test-output');
const XSS = '<img src=x onerror=alert(1)>';
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)('customer card in a real browser', () => {
  let parley: Awaited<ReturnType<typeof startParley>>;
  let sink: Awaited<ReturnType<typeof startWebhookSink>>;
  let brand: Server;
  let proxy: Awaited<ReturnType<typeof startStaticProxy>> | null = null;
  let browser: Browser;
  let page: Page;
  let appUrl: string;
  let conversationId: string;
  let earlierId: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const { build } = await import('vite');
    await build({ root: APP_DIR, configFile: join(APP_DIR, 'vite.config.ts'), logLevel: 'warn' });

    parley = await startParley();
    sink = await startWebhookSink();
    brand = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ contract: { name: XSS, link: 'javascript:alert(2)', state: 'active' } })),
    );
    await new Promise<void>((resolve) => brand.listen(0, '127.0.0.1', resolve));
    const brandUrl = `http://127.0.0.1:${(brand.address() as AddressInfo).port}`;

    const api = await apiSession(parley.url);
    const channel = (await api('POST', '/api/v1/channels', { type: 'api', name: 'Website', config: { webhookUrl: sink.url } })).body as {
      id: string;
      secret: string;
    };
    const inbound = await postInbound(parley.url, channel.id, channel.secret, {
      customer: { externalId: 'card-1', name: 'Camille Martin', email: 'camille@example.com' },
      message: { id: 'card-msg-1', text: 'Mon colis est arrivé abîmé' },
    });
    // A first conversation, resolved and wrapped up; the customer then writes again (a new conversation).
    earlierId = inbound.body.conversationId;
    expect((await api('POST', `/api/v1/conversations/${earlierId}/status`, { status: 'resolved' })).status).toBe(200);
    expect((await api('POST', `/api/v1/conversations/${earlierId}/wrapup`, { disposition: 'refund', summary: 'Remboursé' })).status).toBe(201);
    const again = await postInbound(parley.url, channel.id, channel.secret, {
      customer: { externalId: 'card-1' },
      message: { id: 'card-msg-2', text: 'Et ma nouvelle commande ?' },
    });
    conversationId = again.body.conversationId;
    expect(conversationId).not.toBe(earlierId);
    const customerId = ((await api('GET', `/api/v1/conversations/${conversationId}`)).body as { customerId: string }).customerId;
    expect(
      (
        await api('POST', `/api/v1/customers/${customerId}/consents`, {
          addressKind: 'email',
          address: 'camille@example.com',
          purpose: 'marketing',
          status: 'granted',
          source: 'web form',
        })
      ).status,
    ).toBe(201);
    const connector = { label: { fr: 'Contrat', en: 'Contract' }, mapping: { items: 'contract', title: '{{name}}', status: '{{state}}', url: '{{link}}' } };
    expect(
      (await api('POST', '/api/v1/customer-connectors', { ...connector, name: 'contract', urlTemplate: `${brandUrl}/contracts/{{customer.externalId}}` }))
        .status,
    ).toBe(201);
    expect(
      (await api('POST', '/api/v1/customer-connectors', { ...connector, name: 'intranet', urlTemplate: 'http://10.0.0.7/crm/{{customer.id}}' })).status,
    ).toBe(201);

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
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await sink?.close();
    await new Promise<void>((resolve) => (brand ? brand.close(() => resolve()) : resolve()));
    await parley?.close();
  });

  it('shows consents, the conversation with its status and the brand systems’ cards with safe links', async () => {
    await page.goto(appUrl);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    const item = page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`);
    await expect.poll(() => item.getByTestId('conversation-item-name').textContent()).toBe('Camille Martin');
    expect(await item.getByTestId('conversation-item-preview').textContent()).toContain('Et ma nouvelle commande ?');
    // The list pages carry names and previews: nothing was fetched per conversation or customer.
    expect(requests.filter((path) => /^\/api\/v1\/(conversations\/[^/]+\/messages|customers\/)/.test(path))).toEqual([]);
    await item.click();

    const panel = page.getByTestId('customer-panel');
    await expect.poll(() => panel.getByTestId('consent-item').count()).toBe(1);
    expect(await panel.getByTestId('consent-item').getAttribute('data-status')).toBe('granted');
    await expect
      .poll(() => panel.locator(`[data-testid="past-conversation"][data-conversation-id="${conversationId}"]`).getAttribute('data-status'))
      .toBe('open');
    const earlier = panel.locator(`[data-testid="past-conversation"][data-conversation-id="${earlierId}"]`);
    expect(await earlier.getAttribute('data-status')).toBe('resolved');
    await expect.poll(() => earlier.getByTestId('past-conversation-outcome').textContent()).toBe('Outcome: Refund granted');

    const demo = panel.locator('[data-testid="brand-section"][data-connector="demo-orders"]');
    await expect.poll(() => demo.getByTestId('brand-card').count(), { timeout: 15_000 }).toBe(2);
    expect(await demo.getByTestId('brand-card-title').first().textContent()).toBe('CMD-10042 · Aurore lamp');
    expect(await demo.getByTestId('brand-card-child').first().textContent()).toContain('Damaged parcel reported by the carrier');
    const faq = demo.getByTestId('brand-card-extra-link').filter({ hasText: 'Product FAQ' }).first();
    expect(await faq.getAttribute('href')).toMatch(/^\/help\/[^/]+\/articles\/warranty\?lang=en$/);
    expect(await faq.getAttribute('target')).toBe('_blank');
    expect(await faq.getAttribute('rel')).toContain('noopener');

    const contract = panel.locator('[data-testid="brand-section"][data-connector="contract"]');
    await expect.poll(() => contract.getByTestId('brand-card-title').textContent()).toBe(XSS);
    expect(await contract.getByTestId('brand-card-link').count()).toBe(0);
    expect(await contract.locator('img').count()).toBe(0);
    const intranet = panel.locator('[data-testid="brand-section"][data-connector="intranet"]');
    expect(await intranet.getAttribute('data-status')).toBe('error');
    expect(await intranet.getByTestId('brand-section-error').textContent()).toContain('SSRF');
    await page.screenshot({ path: join(OUT_DIR, 'customer-card-360.png'), fullPage: false });

    // French labels come from the connectors' mappings and the back-office's answer in French.
    await page.getByTestId('language-switch').selectOption('fr');
    await expect.poll(() => demo.getByTestId('brand-card-title').first().textContent()).toBe('CMD-10042 · Lampe Aurore');
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
