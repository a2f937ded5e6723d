import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import { journeyPrerequisites, launchBrowser } from './support/webchat-journey.js';

// In CI the browser and the built apps must be there: a silent skip would hide a broken journey.
const missing = journeyPrerequisites();
if (missing && process.env.CI) throw new Error(`assist checklist journey cannot run: ${missing}`);

async function login(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/app/`);
  await page.getByTestId('login-email').fill(ADMIN_EMAIL);
  await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('agent-name').waitFor();
  await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
}

describe.skipIf(missing !== null)('procedure checklist and wrap-up in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('ticks the checklist step a reply covers, lets the agent tick by hand, and saves the wrap-up on resolve', async () => {
    const errors: string[] = [];
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
    const customerContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'fr-FR' });
    const agent = await agentContext.newPage();
    const customer = await customerContext.newPage();
    for (const page of [agent, customer]) page.on('pageerror', (e) => errors.push(e.message));
    try {
      await login(agent, server.url);

      // The admin adds a disposition code to the eight defaults.
      await agent.getByTestId('nav-assist-settings').click();
      const rows = agent.getByTestId('disposition-row');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(8);
      await agent.getByTestId('disposition-add').click();
      await rows.nth(8).getByTestId('disposition-code').fill('vip');
      await rows.nth(8).getByTestId('disposition-fr').fill('Client VIP');
      await rows.nth(8).getByTestId('disposition-en').fill('VIP customer');
      await agent.getByTestId('assist-settings-save').click();
      await expect.poll(() => agent.getByTestId('assist-settings-status').textContent(), { timeout: 15_000 }).toBe('Enregistré');
      await agent.getByTestId('nav-assist-settings').click();

      await customer.goto(`${server.url}/demo`);
      const widget = customer.locator('parley-widget');
      await widget.locator('.launcher').waitFor({ timeout: 20_000 });
      await widget.locator('.launcher').click();
      await widget.locator('textarea').fill('Bonjour, ma lampe est arrivée cassée, le colis est abîmé. Commande CMD-48213.');
      await widget.locator('textarea').press('Enter');

      const item = agent.getByTestId('conversation-item').first();
      await item.waitFor({ timeout: 20_000 });
      await item.click();

      // The damaged-parcel procedure of the demo knowledge base becomes the checklist, nothing ticked.
      const checklist = agent.getByTestId('checklist');
      await checklist.waitFor({ timeout: 20_000 });
      expect(await checklist.locator('summary').textContent()).toContain('Procédure : colis reçu endommagé');
      const steps = agent.getByTestId('checklist-step');
      await expect.poll(() => steps.count()).toBe(5);
      const first = steps.nth(0);
      expect(await first.getAttribute('data-checked')).toBe('false');

      // The agent's reply covers step 1: it ticks itself, live, and says why.
      await agent.getByTestId('composer-input').fill("Je suis désolé ! Pouvez-vous m'envoyer votre numéro de commande et des photos du colis et de la lampe ?");
      await agent.getByTestId('send-button').click();
      await expect.poll(() => first.getAttribute('data-checked'), { timeout: 20_000 }).toBe('true');
      expect(await first.getAttribute('data-source')).toBe('auto');
      // The reason names the reply and the words it shared with the step.
      expect(await first.getByTestId('checklist-why').textContent()).toMatch(
        /^Cochée automatiquement par « Je suis désolé ! Pouvez-vous .*» \(mots : .*commande.*photos/,
      );
      expect(await steps.nth(3).getAttribute('data-checked')).toBe('false');

      // Step 5 by hand.
      await steps.nth(4).getByTestId('checklist-checkbox').check();
      await expect.poll(() => steps.nth(4).getAttribute('data-source'), { timeout: 15_000 }).toBe('manual');
      expect(await agent.getByTestId('checklist-progress').textContent()).toContain('2/5');

      // Resolving opens the wrap-up with a drafted summary; the agent picks a code, edits and saves.
      await agent.getByTestId('resolve-button').click();
      await expect.poll(() => agent.getByTestId('conversation-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('resolved');
      const summary = agent.getByTestId('wrapup-summary');
      await summary.waitFor({ timeout: 15_000 });
      await expect.poll(() => summary.inputValue(), { timeout: 15_000 }).toContain('ma lampe est arrivée cassée');
      expect(await summary.inputValue()).toContain('CMD-48213');
      expect(await agent.getByTestId('wrapup-disposition').locator('option').allTextContents()).toContain('Client VIP');
      await agent.getByTestId('wrapup-disposition').selectOption('replacement');
      const edited = `${await summary.inputValue()}\nLampe renvoyée le jour même.`;
      await summary.fill(edited);
      await agent.getByTestId('wrapup-save').click();
      await agent.getByTestId('wrapup-form').waitFor({ state: 'detached', timeout: 15_000 });

      // Saved on the timeline with the agent as actor, and shown in the conversation history.
      const admin = new ApiClient(server.url);
      const me = (await admin.login()) as { user: { id: string } };
      const conversationId = (await agent.getByTestId('conversation').getAttribute('data-conversation-id')) ?? '';
      const conversation = await admin.request('GET', `/api/v1/conversations/${conversationId}`);
      const timeline = await admin.request('GET', `/api/v1/customers/${conversation.body.customerId}/timeline?limit=200`);
      const wrapUp = timeline.body.items.find((e: { type?: string }) => e.type === 'conversation.wrapped_up');
      expect(wrapUp).toMatchObject({ actor: { kind: 'user', id: me.user.id }, payload: { disposition: 'replacement', summary: edited } });
      await agent.reload();
      await agent.getByTestId('filter-resolved').click();
      await agent.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`).first().click();
      const history = agent.getByTestId('timeline-item').filter({ hasText: 'Synthèse de clôture : Renvoi ou échange' });
      await history.first().waitFor({ timeout: 20_000 });
      expect(await history.first().textContent()).toContain('Lampe renvoyée le jour même.');
      expect(errors).toEqual([]);
    } finally {
      await agentContext.close();
      await customerContext.close();
    }
  });
});
