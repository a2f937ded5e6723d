import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, postInbound, startTestServer, startWebhookReceiver } from './support/test-server.js';
import { journeyPrerequisites, launchBrowser } from './support/webchat-journey.js';
import { startLlmServer } from './support/llm-server.js';

const missing = journeyPrerequisites();
if (missing && process.env.CI) throw new Error(`assist LLM journey cannot run: ${missing}`);

describe.skipIf(missing !== null)('the optional LLM in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let llm: Awaited<ReturnType<typeof startLlmServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startWebhookReceiver();
    llm = await startLlmServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
    await llm?.close();
  });

  it('an admin sets the endpoint; the agent drafts with AI into the composer, sees the cited article, and nothing is sent', async () => {
    const errors: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${server.url}/app/`);
      await page.getByTestId('login-email').fill(ADMIN_EMAIL);
      await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('agent-name').waitFor();

      await page.getByTestId('nav-assist-settings').click();
      await page.getByTestId('llm-base-url').waitFor({ timeout: 15_000 });
      await page.getByTestId('llm-enabled').check();
      await page.getByTestId('llm-base-url').fill(llm.url);
      await page.getByTestId('llm-model').fill('llama3.1');
      await page.getByTestId('llm-api-key').fill('sk-browser-key');
      await page.getByTestId('llm-save').click();
      await expect.poll(() => page.getByTestId('llm-status').textContent(), { timeout: 15_000 }).toBe('Enregistré');
      // The key is write-only: the field empties and the page only says one is stored.
      expect(await page.getByTestId('llm-api-key').inputValue()).toBe('');
      expect(await page.getByTestId('llm-settings').textContent()).toContain('Une clé est enregistrée');
      expect(await page.content()).not.toContain('sk-browser-key');

      const admin = new ApiClient(server.url);
      await admin.login();
      const channel = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: receiver.url } });
      const inbound = await postInbound(server.url, channel.body.id, channel.body.secret, {
        customer: { externalId: 'cust-browser', name: 'Camille Durand' },
        message: { id: 'm-browser-1', text: 'Bonjour, ma lampe est arrivée cassée, le colis est abîmé. Commande CMD-48213.' },
      });
      const { conversationId } = inbound.body as { conversationId: string };

      await page.reload();
      await page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`).first().click({ timeout: 20_000 });
      await page.getByTestId('ai-draft-button').click({ timeout: 20_000 });
      const input = page.getByTestId('composer-input');
      await expect.poll(() => input.inputValue(), { timeout: 15_000 }).toContain('Draft from');
      expect(await input.inputValue()).toContain('[1]');
      expect(await input.inputValue()).not.toContain('[9]');
      expect(await page.getByTestId('ai-draft-citations').textContent()).toContain('Sources citées : [1] ');

      // Never sent: the conversation still holds only the customer's message.
      const messages = await admin.request('GET', `/api/v1/conversations/${conversationId}/messages`);
      expect(messages.body.items.map((m: { author: { kind: string } }) => m.author.kind)).toEqual(['customer']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
