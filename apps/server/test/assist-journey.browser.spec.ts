import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import { journeyPrerequisites, launchBrowser, SCREENSHOTS } from './support/webchat-journey.js';

// In CI the browser and the built apps must be there: a silent skip would hide a broken journey.
const missing = journeyPrerequisites();
if (missing && process.env.CI) throw new Error(`assist journey cannot run: ${missing}`);

const SUPERVISOR = { email: 'superviseur@test.parley', name: 'Sandrine Superviseure', password: 'supervisor password 42', role: 'supervisor' };
const screenshots = process.env.PARLEY_UPDATE_SCREENSHOTS === '1' && process.env.PARLEY_TEST_BACKEND !== 'postgres';

async function login(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/app/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('agent-name').waitFor();
  await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
}

describe.skipIf(missing !== null)('agent assist and supervisor journey in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const admin = new ApiClient(server.url);
    await admin.login();
    const created = await admin.request('POST', '/api/v1/users', SUPERVISOR);
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('suggests answers with sources, records an acceptance, raises the emotion cue, and a whisper reaches only the agent', async () => {
    const errors: string[] = [];
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const supervisorContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
    const customerContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'fr-FR' });
    const agent = await agentContext.newPage();
    const supervisor = await supervisorContext.newPage();
    const customer = await customerContext.newPage();
    for (const page of [agent, supervisor, customer]) page.on('pageerror', (e) => errors.push(e.message));
    try {
      await login(agent, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
      await login(supervisor, server.url, SUPERVISOR.email, SUPERVISOR.password);
      await supervisor.getByTestId('nav-supervision').click();
      await supervisor.getByTestId('wallboard').waitFor();

      // The customer asks a question the demo knowledge base answers.
      await customer.goto(`${server.url}/demo`);
      const widget = customer.locator('parley-widget');
      await widget.locator('.launcher').waitFor({ timeout: 20_000 });
      await widget.locator('.launcher').click();
      await widget.locator('textarea').fill('Quels sont les délais de livraison ?');
      await widget.locator('textarea').press('Enter');

      const item = agent.getByTestId('conversation-item').first();
      // A bot may answer first (the preview then shows its reply): wait for the item, not its preview.
      await item.waitFor({ timeout: 20_000 });
      await item.click();
      await expect.poll(() => agent.getByTestId('message-log').textContent(), { timeout: 20_000 }).toContain('délais de livraison');

      // Five suggestions, each with its source article.
      const suggestions = agent.getByTestId('suggestion-item');
      await expect.poll(() => suggestions.count(), { timeout: 20_000 }).toBe(5);
      expect((await suggestions.allTextContents()).join(' ')).toMatch(/livraison/i);
      // Every one of the five names its source article: the title shown is that article's in the knowledge base.
      const kb = new ApiClient(server.url);
      await kb.login();
      const shown = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const suggestion = suggestions.nth(i);
        const articleId = (await suggestion.getAttribute('data-article-id')) ?? '';
        expect(articleId, `suggestion ${i + 1}`).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        shown.add(articleId);
        const source = await kb.request('GET', `/api/v1/kb/articles/${articleId}`);
        expect(source.status, `suggestion ${i + 1}`).toBe(200);
        expect(await suggestion.getByTestId('suggestion-source').textContent(), `suggestion ${i + 1}`).toBe(`Source : ${source.body.title}`);
      }
      expect(shown.size).toBe(5);
      expect(await suggestions.first().getByTestId('suggestion-source').textContent()).toBe('Source : Quels sont les délais de livraison ?');

      // Insert puts the text in the composer (nothing is sent); sending it records an acceptance.
      const messagesBefore = await agent.getByTestId('message-item').count();
      const suggested = (await suggestions.first().locator('.assist__text').textContent()) ?? '';
      await suggestions.first().getByTestId('suggestion-insert').click();
      await expect.poll(() => agent.getByTestId('composer-input').inputValue()).toBe(suggested);
      expect(await agent.getByTestId('message-item').count()).toBe(messagesBefore);
      await agent.getByTestId('send-button').click();
      await expect.poll(() => widget.locator('.msg.agent').last().locator('.bubble').textContent(), { timeout: 20_000 }).toBe(suggested);
      const admin = new ApiClient(server.url);
      await admin.login();
      await expect.poll(async () => (await admin.request('GET', '/api/v1/assist/stats')).body.accepted, { timeout: 15_000 }).toBe(1);

      // An angry message: emotion cue and guidance for the agent, an alert on the wallboard.
      const angry = "C'est inadmissible, je suis furieux, ça fait trois semaines !";
      await widget.locator('textarea').fill(angry);
      await widget.locator('textarea').press('Enter');
      await agent.getByTestId('emotion-cue').first().waitFor({ timeout: 20_000 });
      await agent.getByTestId('assist-alert').waitFor({ timeout: 20_000 });
      const alertRow = supervisor.locator('[data-testid="wallboard-row"][data-alert="anger"]');
      await alertRow.waitFor({ timeout: 20_000 });
      expect(await alertRow.getByTestId('wallboard-alert').textContent()).toMatch(/colère/i);
      if (screenshots) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await agent.screenshot({ path: `${SCREENSHOTS}/assist-panel.png` });
        await supervisor.screenshot({ path: `${SCREENSHOTS}/wallboard.png` });
      }

      // The supervisor whispers: the agent sees it, the customer never does.
      const whisper = 'Proposez-lui un geste commercial et un suivi prioritaire.';
      await alertRow.getByTestId('whisper-input').fill(whisper);
      await alertRow.getByTestId('whisper-send').click();
      await alertRow.getByTestId('whisper-sent').waitFor({ timeout: 15_000 });
      const whispered = agent.locator('[data-testid="message-item"][data-visibility="whisper"]');
      await expect.poll(() => whispered.last().getByTestId('message-text').textContent(), { timeout: 20_000 }).toBe(whisper);
      // Give a stray delivery time to arrive, then check the live widget and a reloaded one.
      await customer.waitForTimeout(1_500);
      expect((await widget.locator('.msg').allTextContents()).join('\n')).not.toContain(whisper);
      await customer.reload();
      await widget.locator('.launcher').click();
      await expect
        .poll(() => widget.locator('.msg').allTextContents(), { timeout: 15_000 })
        .toEqual(expect.arrayContaining([expect.stringContaining('inadmissible')]));
      expect((await widget.locator('.msg').allTextContents()).join('\n')).not.toContain(whisper);
      expect(errors).toEqual([]);
    } finally {
      await agentContext.close();
      await supervisorContext.close();
      await customerContext.close();
    }
  });
});
