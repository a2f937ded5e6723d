import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiSession, startParley } from './support/parley-test-server.js';
import { startStaticProxy } from './support/static-proxy-server.js';

// The channels admin of the agent app in Debian's Chromium: a validation error shown with its
// details, an API channel (signing secret shown once), a Telegram channel (webhook URL to paste),
// both in the list, no typed secret anywhere afterwards, a bot attached and detached.

const CHROMIUM = '/usr/bin/chromium';
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(APP_DIR, 'test-output');
const hasChromium = existsSync(CHROMIUM);

const BOT_TOKEN = '123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ';
const SECRET_TOKEN = 'telegram-secret-token-0123456789';

describe.skipIf(!hasChromium)('channels admin in a real browser', () => {
  let parley: Awaited<ReturnType<typeof startParley>>;
  let proxy: Awaited<ReturnType<typeof startStaticProxy>>;
  let browser: Browser;
  let page: Page;
  let distDir: string;
  let api: Awaited<ReturnType<typeof apiSession>>;
  const pageErrors: string[] = [];
  /** Channels the workspace already has (the demo web chat). */
  let existing = 0;
  const shot = (name: string) => page.screenshot({ path: join(OUT_DIR, `channels-${name}.png`) });

  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    // Our own output folder: other browser tests build the app at the same time.
    distDir = mkdtempSync(join(tmpdir(), 'parley-channels-app-'));
    const { build } = await import('vite');
    await build({ root: APP_DIR, configFile: join(APP_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
    parley = await startParley();
    proxy = await startStaticProxy(distDir, parley.url);
    api = await apiSession(parley.url);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await parley?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('logs in and opens the channels admin from the header', async () => {
    await page.goto(`${proxy.url}/app/`);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-channels').click();
    await page.getByTestId('channels-admin').waitFor();
    await page.getByTestId('channel-create-form').waitFor();
    existing = ((await api('GET', '/api/v1/channels')).body as { items: unknown[] }).items.length;
    await expect.poll(() => page.getByTestId('channel-row').count()).toBe(existing);
  }, 60_000);

  it('shows the server’s validation message and details', async () => {
    await page.getByTestId('channel-create-type').selectOption('telegram');
    await page.getByTestId('channel-create-name').fill('Broken bot');
    await page.getByTestId('channel-field-botToken').fill('not-a-token');
    await page.getByTestId('channel-field-secretToken').fill(SECRET_TOKEN);
    await page.getByTestId('channel-create-submit').click();
    const error = page.getByTestId('channel-create-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('needs botToken and secretToken');
    expect(await error.innerText()).toContain('botToken: must be a bot token');
  }, 60_000);

  it('creates an API channel and shows its signing secret once', async () => {
    await page.getByTestId('channel-create-type').selectOption('api');
    await page.getByTestId('channel-create-name').fill('Site integration');
    await page.getByTestId('channel-field-webhookUrl').fill('http://127.0.0.1:9/hook');
    await page.getByTestId('channel-create-submit').click();
    const secret = page.getByTestId('channel-secret');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/\S{20,}/);
    expect(await page.getByTestId('channel-inbound-url').inputValue()).toMatch(/\/api\/v1\/channels\/[0-9a-f-]{36}\/inbound$/);
    await expect.poll(() => page.locator('[data-testid="channel-row"][data-channel-type="api"]').count()).toBe(1);
    await shot('01-api-created');
    await page.getByTestId('channel-created-dismiss').click();
    expect(await page.getByTestId('channel-secret').count()).toBe(0);
  }, 60_000);

  it('creates a Telegram channel and shows the webhook URL to paste', async () => {
    await page.getByTestId('channel-create-type').selectOption('telegram');
    await page.getByTestId('channel-create-name').fill('Telegram support');
    expect(await page.getByTestId('channel-field-botToken').getAttribute('type')).toBe('password');
    expect(await page.getByTestId('channel-field-secretToken').getAttribute('type')).toBe('password');
    await page.getByTestId('channel-field-botToken').fill(BOT_TOKEN);
    await page.getByTestId('channel-field-secretToken').fill(SECRET_TOKEN);
    await page.getByTestId('channel-create-submit').click();
    const created = page.getByTestId('channel-created');
    await created.waitFor();
    const id = await created.getAttribute('data-channel-id');
    expect(await page.getByTestId('channel-webhook-url').inputValue()).toBe(`${proxy.url}/webhooks/telegram/${id}`);
    // Telegram has no generated secret: nothing to show once.
    expect(await page.getByTestId('channel-secret').count()).toBe(0);
    await expect.poll(() => page.getByTestId('channel-row').count()).toBe(existing + 2);
    await shot('02-telegram-created');
  }, 60_000);

  it('lists both channels and never shows a typed or generated secret again', async () => {
    await page.getByTestId('channel-created-dismiss').click();
    const names = await page.getByTestId('channel-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-channel-name')));
    expect(names).toEqual(expect.arrayContaining(['Site integration', 'Telegram support']));
    // Reload the view from the server: the list only has the public config.
    await page.getByTestId('nav-channels-back').click();
    await page.getByTestId('nav-channels').click();
    await expect.poll(() => page.getByTestId('channel-row').count()).toBe(existing + 2);
    const html = await page.content();
    expect(html).not.toContain(BOT_TOKEN);
    expect(html).not.toContain(BOT_TOKEN.split(':')[1]);
    expect(html).not.toContain(SECRET_TOKEN);
    // The form fields are empty again.
    await page.getByTestId('channel-create-type').selectOption('telegram');
    expect(await page.getByTestId('channel-field-botToken').inputValue()).toBe('');
    const listed = (await api('GET', '/api/v1/channels')).body as { items: Array<{ config: Record<string, unknown> }> };
    expect(JSON.stringify(listed)).not.toContain(SECRET_TOKEN);
  }, 60_000);

  it('attaches a bot to a channel and detaches it', async () => {
    expect(pageErrors).toEqual([]);
    const { items: bots } = (await api('GET', '/api/v1/bots')).body as { items: Array<{ id: string }> };
    if (bots.length === 0) return; // No bot in this workspace: nothing to attach (covered by the API tests).
    const row = page.locator('[data-testid="channel-row"][data-channel-type="api"]');
    const channelId = await row.getAttribute('data-channel-id');
    const botOf = async () => ((await api('GET', `/api/v1/channels/${channelId}`)).body as { botId: string | null }).botId;
    await row.getByTestId('channel-bot').selectOption(bots[0]!.id);
    await expect.poll(botOf).toBe(bots[0]!.id);
    await row.getByTestId('channel-bot').selectOption('');
    await expect.poll(botOf).toBeNull();
  }, 60_000);
});
