import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
export const XSS = '<img src=x onerror=alert(1)>';
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const SCREENSHOTS = `${REPO}docs/screenshots`;
export const BUILT_APPS = [`${REPO}apps/widget/dist/widget.js`, `${REPO}apps/agent/dist/index.html`];

/** The journey can run: Debian's chromium is installed and the web apps are built (npm ci builds them). */
export function journeyPrerequisites(): string | null {
  if (!existsSync(CHROMIUM)) return `no browser at ${CHROMIUM} (apt-get install chromium)`;
  const missing = BUILT_APPS.filter((p) => !existsSync(p));
  if (missing.length > 0) return `web apps not built (${missing.join(', ')}): run npm run build`;
  return null;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface JourneyOptions {
  /** Where the customer browses /demo (process A in the two-process run). */
  customerUrl: string;
  /** Where the agent uses /app (process B in the two-process run). */
  agentUrl: string;
  email: string;
  password: string;
  /** Save the screenshots committed under docs/screenshots. */
  screenshots?: boolean;
}

function watch(page: Page, dialogs: string[], errors: string[]): void {
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
}

/**
 * The journey, in two real browser contexts: a customer writes on /demo, an agent sees
 * it live at /app and replies, the customer sees the reply live and finds the history after a
 * reload, the agent resolves, the customer answers the CSAT and the agent sees it on the
 * timeline. A customer's XSS payload must stay text in both UIs.
 */
export async function runWebchatJourney(browser: Browser, options: JourneyOptions): Promise<void> {
  const dialogs: string[] = [];
  const errors: string[] = [];
  const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  const customerContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'fr-FR' });
  const agent = await agentContext.newPage();
  const customer = await customerContext.newPage();
  watch(agent, dialogs, errors);
  watch(customer, dialogs, errors);
  try {
    // The agent logs in first: an agent online makes the chat button appear (click-to-chat).
    await agent.goto(`${options.agentUrl}/app/`);
    await agent.getByTestId('login-email').fill(options.email);
    await agent.getByTestId('login-password').fill(options.password);
    await agent.getByTestId('login-submit').click();
    await agent.getByTestId('agent-name').waitFor();
    await expect.poll(() => agent.getByTestId('live-indicator').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');

    await customer.goto(`${options.customerUrl}/demo`);
    const widget = customer.locator('parley-widget');
    await widget.locator('.launcher').waitFor({ timeout: 20_000 });
    await widget.locator('.launcher').click();
    const firstText = `Bonjour, ma lampe Aurore ne s'allume plus ${XSS}`;
    await widget.locator('textarea').fill(firstText);
    await widget.locator('textarea').press('Enter');
    await expect.poll(() => widget.locator('.msg.customer').last().locator('.bubble').textContent(), { timeout: 15_000 }).toBe(firstText);

    // Live on the agent's side, without a reload; the payload is text, not an <img>.
    const item = agent.getByTestId('conversation-item').first();
    await expect.poll(() => item.getByTestId('conversation-item-preview').textContent(), { timeout: 20_000 }).toContain('ne s');
    await item.click();
    const log = agent.getByTestId('message-log');
    await expect.poll(() => log.getByTestId('message-text').first().textContent(), { timeout: 15_000 }).toBe(firstText);
    expect(await log.locator('img').count()).toBe(0);

    const reply = 'Bonjour ! Nous vous envoyons une ampoule de remplacement dès aujourd’hui.';
    await agent.getByTestId('composer-input').fill(reply);
    await agent.getByTestId('send-button').click();
    await expect.poll(() => widget.locator('.msg.agent').last().locator('.bubble').textContent(), { timeout: 20_000 }).toBe(reply);
    if (options.screenshots) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await customer.screenshot({ path: `${SCREENSHOTS}/widget.png` });
    }

    // A reload (or another tab) finds the whole conversation again.
    await customer.reload();
    await widget.locator('.launcher').click();
    await expect.poll(() => widget.locator('.msg').allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringContaining(reply)]));
    expect(await widget.locator('.msg.customer .bubble').first().textContent()).toBe(firstText);
    expect(await widget.locator('img[src="x"]').count()).toBe(0);

    // The agent resolves; the widget asks for the 3-smiley CSAT.
    await agent.getByTestId('resolve-button').click();
    await widget.locator('form.csat').waitFor({ timeout: 20_000 });
    await widget.getByRole('button', { name: /Accueil : Satisfait/ }).click();
    await widget.getByRole('button', { name: /Temps d.attente : Moyen/ }).click();
    await widget.getByRole('button', { name: /Réponse : Satisfait/ }).click();
    await widget.locator('form.csat textarea').fill('Très réactif, merci');
    await widget.locator('form.csat button[type=submit]').click();
    await widget.locator('.thanks').waitFor({ timeout: 15_000 });

    // The agent sees it on the customer's timeline, attributed to the conversation.
    const csat = agent.getByTestId('csat-item').first();
    await csat.waitFor({ timeout: 20_000 });
    expect(await csat.getByTestId('csat-comment').textContent()).toContain('Très réactif, merci');
    expect(await csat.locator('[data-testid="csat-aspect"][data-aspect="waiting"]').getAttribute('data-smiley')).toBe('neutral');
    if (options.screenshots) {
      await agent.getByTestId('filter-all').click();
      await agent.getByTestId('conversation-item').first().waitFor();
      await agent.screenshot({ path: `${SCREENSHOTS}/agent-workspace.png` });
    }

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await agentContext.close();
    await customerContext.close();
  }
}

