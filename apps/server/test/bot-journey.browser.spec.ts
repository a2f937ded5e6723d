import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import { journeyPrerequisites, launchBrowser } from './support/webchat-journey.js';

// In CI the browser and the built apps must be there: a silent skip would hide a broken journey.
const missing = journeyPrerequisites();
if (missing && process.env.CI) throw new Error(`bot journey cannot run: ${missing}`);

// The virtual agent in real browsers: the demo bot Lumi (kept attached to the demo channel)
// tracks an order in French through the demo back-office, hands off on request, and the agent
// opens the conversation on the bot's summary; the bots admin then shows the run's rates.
describe.skipIf(missing !== null)('virtual agent journey in a real browser (demo widget → bot → agent)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let lumiId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const admin = new ApiClient(server.url);
    await admin.login();
    const lumi = (await admin.request('GET', '/api/v1/bots')).body.items.find((b: { name: string }) => b.name === 'Lumi');
    lumiId = lumi.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('order tracked by the bot, handoff on request, summary first for the agent, rates in the bots admin', async () => {
    const errors: string[] = [];
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const customerContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'fr-FR' });
    const agent = await agentContext.newPage();
    const customer = await customerContext.newPage();
    const watch = (page: Page) => {
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
    };
    watch(agent);
    watch(customer);
    try {
      // The agent logs in first: an online agent makes the chat button appear, and takes the handoff.
      await agent.goto(`${server.url}/app/`);
      await agent.getByTestId('login-email').fill(ADMIN_EMAIL);
      await agent.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await agent.getByTestId('login-submit').click();
      await agent.getByTestId('agent-name').waitFor();
      await expect.poll(() => agent.getByTestId('live-indicator').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');

      await customer.goto(`${server.url}/demo`);
      const widget = customer.locator('parley-widget');
      await widget.locator('.launcher').waitFor({ timeout: 20_000 });
      await widget.locator('.launcher').click();
      const say = async (text: string) => {
        await widget.locator('textarea').fill(text);
        await widget.locator('textarea').press('Enter');
      };
      const widgetTexts = () => widget.locator('.msg .bubble').allTextContents();

      // Intent recognised → the bot asks for the order number.
      await say('Bonjour, où en est ma commande ?');
      await expect.poll(widgetTexts, { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('numéro de commande')]));
      expect((await widgetTexts()).join('\n')).toContain('Je suis Lumi');

      // The number → the demo back-office → the answer.
      await say('CMD-10042');
      await expect.poll(widgetTexts, { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('Votre commande CMD-10042 est expédiée')]));

      // "A person, please" → handoff.
      await say('je veux parler à un conseiller');
      const item = agent.getByTestId('conversation-item').first();
      await item.waitFor({ timeout: 30_000 });
      await item.click();

      // The summary comes first: above the message log, with intent, slots, sentiment and last messages.
      const summary = agent.getByTestId('handoff-summary');
      await summary.waitFor({ timeout: 30_000 });
      expect(await agent.getByTestId('handoff-intent').getAttribute('data-intent')).toBe('track_order');
      expect(await agent.getByTestId('handoff-reason').getAttribute('data-reason')).toBe('customer_request');
      expect(await agent.locator('[data-testid="handoff-slot"][data-slot="orderRef"]').textContent()).toContain('CMD-10042');
      expect(['improving', 'worsening', 'stable']).toContain(await agent.getByTestId('handoff-sentiment').getAttribute('data-direction'));
      const last = await summary.getByTestId('handoff-last-message').allTextContents();
      expect(last.join('\n')).toContain('je veux parler à un conseiller');
      expect(last.join('\n')).toContain('Agent virtuel');
      const summaryBox = await summary.boundingBox();
      const logBox = await agent.getByTestId('message-log').boundingBox();
      expect(summaryBox!.y).toBeLessThan(logBox!.y);

      // The bot's transcript is in the message list, each bot message marked as the virtual agent.
      const log = agent.getByTestId('message-log');
      await expect
        .poll(() => log.locator('[data-testid="message-item"][data-author-kind="bot"]').count(), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(3);
      const botItem = log.locator('[data-testid="message-item"][data-author-kind="bot"]').first();
      expect(await botItem.locator('.message__author').textContent()).toContain('Agent virtuel');
      expect((await log.getByTestId('message-text').allTextContents()).join('\n')).toContain('CMD-10042 est expédiée');

      // The bots admin: Lumi handled 1 conversation, handed off → containment 0 %, no fallback turn.
      await agent.getByTestId('nav-bots').click();
      const card = agent.locator(`[data-testid="bot-card"][data-bot-id="${lumiId}"]`);
      await card.waitFor({ timeout: 15_000 });
      await expect.poll(() => card.getByTestId('bot-stats').getAttribute('data-loaded'), { timeout: 15_000 }).toBe('true');
      expect(await card.getByTestId('bot-stats-conversations').textContent()).toBe('1');
      expect(await card.getByTestId('bot-stats-containment').textContent()).toBe('0 %');
      expect(await card.getByTestId('bot-stats-fallback').textContent()).toBe('0 %');
      expect(await card.getByTestId('bot-stats-handoffs').textContent()).toBe('1');
      expect(await card.getByTestId('bot-channels').textContent()).toMatch(/Canaux : .+/);
      // The definition, in the builder's JSON tab (the first bot opens in the builder).
      await card.getByTestId('bot-tab-json').click();
      expect(await card.getByTestId('bot-json').inputValue()).toContain('"format": "parley-bot/1"');
      const download = agent.waitForEvent('download');
      await card.getByTestId('bot-export').click();
      expect((await download).suggestedFilename()).toMatch(/^bot-.+\.json$/);

      expect(errors).toEqual([]);
    } finally {
      await agentContext.close();
      await customerContext.close();
    }
  });
});
