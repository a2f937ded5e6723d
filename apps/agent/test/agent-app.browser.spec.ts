import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiSession, postInbound, startParley, startWebhookSink } from './support/parley-test-server.js';
import { startStaticProxy } from './support/static-proxy-server.js';

// End-to-end smoke test of the built agent app in Debian's Chromium (never a downloaded
// browser): login, a conversation from a signed inbound message, reply, note, resolve, CSAT on
// the timeline, and customer-written HTML rendered as text.

const CHROMIUM = '/usr/bin/chromium';
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(APP_DIR, 'test-output');
const XSS = '<img src=x onerror=alert(1)>';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[agent-app browser test] skipped: ${CHROMIUM} is missing (apt-get install chromium).`);

describe.skipIf(!hasChromium)('agent app in a real browser', () => {
  let parley: Awaited<ReturnType<typeof startParley>>;
  let sink: Awaited<ReturnType<typeof startWebhookSink>>;
  let proxy: Awaited<ReturnType<typeof startStaticProxy>> | null = null;
  let browser: Browser;
  let page: Page;
  let appUrl: string;
  let channel: { id: string; secret: string };
  let firstConversationId: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: join(OUT_DIR, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const { build } = await import('vite');
    await build({ root: APP_DIR, configFile: join(APP_DIR, 'vite.config.ts'), logLevel: 'warn' });

    parley = await startParley();
    sink = await startWebhookSink();
    const api = await apiSession(parley.url);
    const created = await api('POST', '/api/v1/channels', { type: 'api', name: 'Website', config: { webhookUrl: sink.url } });
    expect(created.status).toBe(201);
    channel = created.body as { id: string; secret: string };
    const inbound = await postInbound(parley.url, channel.id, channel.secret, {
      customer: { externalId: 'camille-42', name: 'Camille Martin', email: 'camille@example.com' },
      message: { id: 'msg-1', text: 'Bonjour, où en est ma commande ?' },
    });
    expect(inbound.status).toBe(202);
    firstConversationId = inbound.body.conversationId;

    // The server serves /app once @fastify/static is wired; until then, serve dist ourselves.
    const served = await fetch(`${parley.url}/app/`).catch(() => null);
    if (served?.ok && (served.headers.get('content-type') ?? '').includes('text/html')) appUrl = `${parley.url}/app/`;
    else {
      proxy = await startStaticProxy(join(APP_DIR, 'dist'), parley.url);
      appUrl = `${proxy.url}/app/`;
    }

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 820 }, locale: 'en-US' });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await sink?.close();
    await parley?.close();
  });

  it('refuses a wrong password with a clear message, then logs in', async () => {
    await page.goto(appUrl);
    // The workspace's locale (fr by default) would otherwise win after login: choose English.
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill('wrong password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Wrong email or password');
    await shot('01-login-error');

    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('conversation-list').waitFor();
    expect(await page.getByTestId('presence-switch').getAttribute('data-presence')).toBe('online');
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).not.toBe('…');
    expect(await page.getByTestId('filter-open').textContent()).toBe('Open');
  }, 60_000);

  it('lists the conversation from a signed inbound message, opens it and replies', async () => {
    const item = page.locator(`[data-testid="conversation-item"][data-conversation-id="${firstConversationId}"]`);
    await expect.poll(() => item.getByTestId('conversation-item-name').textContent()).toBe('Camille Martin');
    await expect.poll(() => item.getByTestId('conversation-item-preview').textContent()).toContain('où en est ma commande');
    expect(await item.getByTestId('unread-badge').textContent()).toBe('1');
    await item.click();
    const log = page.getByTestId('message-log');
    await expect.poll(() => log.getByTestId('message-item').count()).toBe(1);
    expect(await log.getByTestId('message-item').first().getAttribute('data-author-kind')).toBe('customer');
    await expect.poll(() => item.getByTestId('unread-badge').count()).toBe(0);
    await expect.poll(() => page.getByTestId('identity-item').count()).toBeGreaterThan(0);

    await page.getByTestId('composer-input').fill('Bonjour Camille, elle part demain.');
    await page.getByTestId('composer-input').press('Enter');
    const reply = log.locator('[data-testid="message-item"][data-author-kind="agent"]');
    await expect.poll(() => reply.count()).toBe(1);
    await expect.poll(() => page.getByTestId('composer-input').inputValue()).toBe('');
    // The delivery job posts to the webhook sink; the status follows live (socket) or by polling.
    await expect.poll(() => reply.getByTestId('delivery-status').getAttribute('data-status'), { timeout: 20_000 }).toMatch(/^(sent|delivered|read)$/);
    expect(sink.hits).toBeGreaterThan(0);
    await shot('02-conversation-replied');
  }, 60_000);

  it('shows a new conversation at the top without reload and renders customer HTML as text', async () => {
    const inbound = await postInbound(parley.url, channel.id, channel.secret, {
      customer: { externalId: 'mallory', name: XSS },
      message: { id: 'xss-1', text: `Hello ${XSS}` },
    });
    expect(inbound.status).toBe(202);
    const first = page.getByTestId('conversation-item').first();
    await expect.poll(() => first.getAttribute('data-conversation-id'), { timeout: 15_000 }).toBe(inbound.body.conversationId);
    // The customer's name is fetched after the item appears (it shows "Visitor …" until then).
    await expect.poll(() => first.getByTestId('conversation-item-name').textContent(), { timeout: 15_000 }).toBe(XSS);
    await first.click();
    const text = page.getByTestId('message-log').getByTestId('message-text').first();
    await expect.poll(() => text.textContent()).toBe(`Hello ${XSS}`);
    expect(await page.locator('main img, nav img, aside img').count()).toBe(0);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await shot('03-xss-as-text');
  }, 60_000);

  it('adds an internal note, resolves, and shows CSAT and status changes on the timeline', async () => {
    await page.locator(`[data-conversation-id="${firstConversationId}"]`).first().click();
    await page.getByTestId('note-toggle').click();
    await page.getByTestId('composer-input').fill('VIP: check the carrier first');
    await page.getByTestId('send-button').click();
    const note = page.locator('[data-testid="message-item"][data-visibility="note"]');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.getByTestId('delivery-status').count()).toBe(0);

    await page.getByTestId('resolve-button').click();
    await expect.poll(() => page.getByTestId('conversation-status').getAttribute('data-status')).toBe('resolved');
    await page.getByTestId('reopen-button').waitFor();

    // A CSAT answer as the web chat records it (event + live publish).
    const conversation = (await parley.context.store.read.conversations.get(parley.workspaceId, firstConversationId))!;
    const csat = {
      conversationId: conversation.id,
      customerId: conversation.customerId,
      welcome: 'good',
      waiting: 'neutral',
      answer: 'bad',
      comment: 'Rapide <b>mais</b> incomplet',
      handledBy: null,
    };
    await parley.context.store.transaction(async (tx) => {
      await tx.events.record({
        workspaceId: parley.workspaceId,
        type: 'csat.recorded',
        customerId: conversation.customerId,
        conversationId: conversation.id,
        payload: csat,
        actor: { kind: 'customer', id: conversation.customerId },
      });
      tx.publishAfterCommit({ name: 'csat.recorded', workspaceId: parley.workspaceId, payload: csat });
    });
    const csatItem = page.getByTestId('csat-item').first();
    await expect.poll(() => page.getByTestId('csat-item').count(), { timeout: 15_000 }).toBe(1);
    const aspects = await csatItem.getByTestId('csat-aspect').allTextContents();
    expect(aspects.map((a) => a.replace(/\s+/g, ' ').trim())).toEqual(['Welcome🟢 Good', 'Waiting time🟠 Neutral', 'Answer🔴 Bad']);
    expect(await csatItem.getByTestId('csat-comment').textContent()).toContain('Rapide <b>mais</b> incomplet');
    const titles = await page.getByTestId('timeline-item').allTextContents();
    expect(titles.some((t) => t.includes('Open → Resolved'))).toBe(true);
    await shot('04-resolved-with-csat');

    // French, kept across reloads.
    await page.getByTestId('language-switch').first().selectOption('fr');
    await expect.poll(() => page.getByTestId('reopen-button').textContent()).toBe('Rouvrir');
    await page.reload();
    await page.getByTestId('conversation-list').waitFor();
    expect(await page.getByTestId('filter-open').textContent()).toBe('Ouvertes');
    await page.getByTestId('filter-resolved').click();
    await page.locator(`[data-conversation-id="${firstConversationId}"]`).first().click();
    await page.getByTestId('csat-item').first().waitFor();
    await shot('05-french-resolved');
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('keeps working over REST polling when the socket is unavailable', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 820 }, locale: 'en-US' });
    const offline = await context.newPage();
    await offline.route('**/socket.io/**', (route) => route.abort());
    await offline.goto(appUrl);
    await offline.getByTestId('language-switch').selectOption('en');
    await offline.getByTestId('login-email').fill(ADMIN_EMAIL);
    await offline.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await offline.getByTestId('login-submit').click();
    await offline.getByTestId('conversation-list').waitFor();
    expect(await offline.getByTestId('live-indicator').getAttribute('data-live')).toBe('false');

    const inbound = await postInbound(parley.url, channel.id, channel.secret, {
      customer: { externalId: 'polly' },
      message: { id: 'poll-1', text: 'Anyone there?' },
    });
    const item = offline.locator(`[data-testid="conversation-item"][data-conversation-id="${inbound.body.conversationId}"]`);
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.getByTestId('conversation-item-name').textContent()).toMatch(/^Visitor [0-9a-f]{6}$/);
    await item.click();
    await offline.getByTestId('composer-input').fill('Yes, how can I help?');
    await offline.getByTestId('send-button').click();
    const reply = offline.locator('[data-testid="message-item"][data-author-kind="agent"]');
    await expect.poll(() => reply.getByTestId('delivery-status').getAttribute('data-status'), { timeout: 20_000 }).toMatch(/^(sent|delivered|read)$/);
    await postInbound(parley.url, channel.id, channel.secret, { customer: { externalId: 'polly' }, message: { id: 'poll-2', text: 'Great, thanks' } });
    await expect.poll(() => offline.getByTestId('message-text').allTextContents(), { timeout: 15_000 }).toContain('Great, thanks');
    await offline.screenshot({ path: join(OUT_DIR, '06-polling-fallback.png') });
    await context.close();
  }, 90_000);
});
