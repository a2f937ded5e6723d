import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiSession, postInbound, startParley, startWebhookSink } from './support/parley-test-server.js';
import { startStaticProxy } from './support/static-proxy-server.js';

// The routing side of the agent app in Debian's Chromium: a queue and the agent's routing
// profile made through the API, inbound messages routed to the agent (the second waits in
// the queue), the queue panel's counts, the assignment's explanation in the header and on the
// timeline, the presence switch reflected in routing (`GET /api/v1/agents/routing`), and the
// routing settings (emotion priority, external hook with its secret shown once).

const CHROMIUM = '/usr/bin/chromium';
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = join(APP_DIR, '..', '..');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[routing browser test] skipped: ${CHROMIUM} is missing (apt-get install chromium).`);

type Api = Awaited<ReturnType<typeof apiSession>>;
interface AgentRow {
  agentId: string;
  presence: string;
  presenceReason: string | null;
}

describe.skipIf(!hasChromium)('routing in the agent app (real browser)', () => {
  let parley: Awaited<ReturnType<typeof startParley>>;
  let sink: Awaited<ReturnType<typeof startWebhookSink>>;
  let proxy: Awaited<ReturnType<typeof startStaticProxy>> | null = null;
  let browser: Browser;
  let page: Page;
  let api: Api;
  let appUrl: string;
  let userId: string;
  let queueId: string;
  let channel: { id: string; secret: string };
  const pageErrors: string[] = [];

  const myRoutingRow = async (): Promise<AgentRow | undefined> =>
    ((await api('GET', '/api/v1/agents/routing')).body as { items: AgentRow[] }).items.find((a) => a.agentId === userId);

  beforeAll(async () => {
    const { build } = await import('vite');
    await build({ root: APP_DIR, configFile: join(APP_DIR, 'vite.config.ts'), logLevel: 'warn' });
    parley = await startParley();
    sink = await startWebhookSink();
    api = await apiSession(parley.url);
    userId = ((await api('GET', '/api/v1/auth/me')).body as { user: { id: string } }).user.id;
    const created = await api('POST', '/api/v1/channels', { type: 'api', name: 'Website', config: { webhookUrl: sink.url } });
    expect(created.status).toBe(201);
    channel = created.body as { id: string; secret: string };
    // One chat at a time: the second customer has to wait in the queue.
    const profile = await api('PUT', `/api/v1/agents/${userId}/routing`, {
      skills: { billing: 4 },
      languages: ['en', 'fr'],
      capacity: { voice: 0, chat: 1, async: 1, total: 1 },
    });
    expect(profile.status).toBe(200);
    const queue = await api('POST', '/api/v1/queues', { name: 'Support', channelIds: [channel.id], isDefault: true, mode: 'push', offerTimeoutSec: null });
    expect(queue.status).toBe(201);
    queueId = (queue.body as { id: string }).id;

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
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await sink?.close();
    await parley?.close();
  });

  it('logging in sets the routing presence online through the socket', async () => {
    await page.goto(appUrl);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('agent-name').waitFor();
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
    await expect.poll(async () => (await myRoutingRow())?.presence, { timeout: 15_000 }).toBe('online');
    await page.getByTestId('queue-panel').waitFor();
    expect(await page.getByTestId('queue-name').first().textContent()).toBe('Support');
  }, 90_000);

  it('routes the first customer to the agent with an explanation and queues the second', async () => {
    const first = await postInbound(parley.url, channel.id, channel.secret, {
      customer: { externalId: 'ana', name: 'Ana Lopez' },
      message: { id: 'r-1', text: 'My invoice is wrong' },
    });
    expect(first.status).toBe(202);
    const assignment = page.locator(`[data-testid="assignment-item"][data-conversation-id="${first.body.conversationId}"]`);
    await assignment.waitFor({ timeout: 20_000 });
    await expect.poll(() => assignment.getByTestId('assignment-explanation').textContent()).toMatch(/^assigned/i);

    const second = await postInbound(parley.url, channel.id, channel.secret, {
      customer: { externalId: 'ben', name: 'Ben Martin' },
      message: { id: 'r-2', text: 'Hello?' },
    });
    expect(second.status).toBe(202);
    const queue = page.locator(`[data-testid="queue-item"][data-queue-id="${queueId}"]`);
    await expect.poll(() => queue.getByTestId('queue-waiting').getAttribute('data-waiting'), { timeout: 20_000 }).toBe('1');
    expect(await queue.getByTestId('queue-open').textContent()).toContain('Open');
    expect(await queue.getByTestId('queue-pull').isEnabled()).toBe(true);

    // The explanation in the conversation header and on the customer's timeline.
    await assignment.getByRole('button').click();
    const header = page.getByTestId('conversation-explanation');
    await expect.poll(() => header.textContent(), { timeout: 15_000 }).toMatch(/assigned/i);
    const routed = page.locator('[data-testid="timeline-item"][data-kind="routing"]');
    await expect.poll(() => routed.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await routed.allTextContents()).join(' | ')).toMatch(/Assigned.*assigned/);

    if (process.env.PARLEY_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(REPO, 'docs', 'screenshots'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'docs', 'screenshots', 'queue-panel.png'), fullPage: false });
    }
  }, 90_000);

  it('the presence switch and its reason are reflected in routing', async () => {
    await page.getByTestId('presence-away').check();
    await page.getByTestId('presence-reason').selectOption('lunch');
    await expect
      .poll(
        async () => {
          const row = await myRoutingRow();
          return `${row?.presence}:${row?.presenceReason}`;
        },
        { timeout: 15_000 },
      )
      .toBe('away:lunch');
    expect(await page.getByTestId('presence-switch').getAttribute('data-presence')).toBe('away');

    await page.getByTestId('presence-online').check();
    await expect.poll(async () => (await myRoutingRow())?.presence, { timeout: 15_000 }).toBe('online');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('the routing settings: emotion priority and a hook whose secret is shown once', async () => {
    const settings = page.getByTestId('routing-settings');
    await settings.locator('summary').click();
    const emotion = page.getByTestId('routing-emotion-priority');
    await emotion.waitFor();
    expect(await emotion.isChecked()).toBe(false);
    expect(await settings.textContent()).toContain('angry boost');

    // The server's validation answer is shown, naming the field.
    await page.getByTestId('routing-hook-url').fill('not a url');
    await page.getByTestId('routing-settings-save').click();
    const error = page.getByTestId('routing-settings-error');
    await expect.poll(() => error.textContent(), { timeout: 10_000 }).toContain('Hook URL');
    expect(await page.getByTestId('routing-hook-secret').count()).toBe(0);

    await emotion.check();
    await page.getByTestId('routing-hook-url').fill('https://crm.example/route');
    await page.getByTestId('routing-hook-timeout').fill('1500');
    await page.getByTestId('routing-settings-save').click();
    const secret = page.getByTestId('routing-hook-secret-value');
    await secret.waitFor({ timeout: 10_000 });
    const shown = (await secret.textContent()) ?? '';
    expect(shown.length).toBeGreaterThanOrEqual(20);
    expect(await page.getByTestId('routing-hook-secret').textContent()).toContain('will not be shown again');
    expect(await error.count()).toBe(0);
    expect(await page.getByTestId('routing-settings-status').textContent()).toBe('Routing settings saved.');

    // Saving again keeps the secret, so nothing new is shown.
    await page.getByTestId('routing-hook-secret-done').click();
    await page.getByTestId('routing-settings-save').click();
    await expect.poll(() => page.getByTestId('routing-settings-status').textContent()).toBe('Routing settings saved.');
    expect(await page.getByTestId('routing-hook-secret').count()).toBe(0);

    await page.reload();
    await page.getByTestId('queue-panel').waitFor({ timeout: 15_000 });
    await page.getByTestId('routing-settings').locator('summary').click();
    await page.getByTestId('routing-emotion-priority').waitFor();
    expect(await page.getByTestId('routing-emotion-priority').isChecked()).toBe(true);
    expect(await page.getByTestId('routing-hook-url').inputValue()).toBe('https://crm.example/route');
    expect(await page.getByTestId('routing-hook-timeout').inputValue()).toBe('1500');
    expect(await page.getByTestId('routing-hook-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(shown);

    const stored = await api('GET', '/api/v1/routing/settings');
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual({ emotionPriority: true, hook: { url: 'https://crm.example/route', timeoutMs: 1500 } });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
