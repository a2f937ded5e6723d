import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ApiClient, postInbound, startTestServer, startWebhookReceiver, waitFor } from './support/test-server.js';
import { journeyPrerequisites, launchBrowser, SCREENSHOTS } from './support/webchat-journey.js';

// In CI the browser and the built apps must be there: a silent skip would hide a broken journey.
const missing = journeyPrerequisites();
if (missing && process.env.CI) throw new Error(`wallboard journey cannot run: ${missing}`);

const screenshots = process.env.PARLEY_UPDATE_SCREENSHOTS === '1' && process.env.PARLEY_TEST_BACKEND !== 'postgres';
const PASSWORD = 'a long enough password';
const AGENT = { email: 'lea@test.parley', name: 'Léa Agent', password: PASSWORD, role: 'agent' };
const SUPERVISOR = { email: 'sandrine@test.parley', name: 'Sandrine Superviseure', password: PASSWORD, role: 'supervisor' };

async function login(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/app/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('agent-name').waitFor();
  await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
}

describe.skipIf(missing !== null)('supervisor wallboard in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let browser: Browser;
  let admin: ApiClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startWebhookReceiver();
    browser = await launchBrowser();
    admin = new ApiClient(server.url);
    await admin.login();
    const channel = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Board', config: { webhookUrl: receiver.url } })).body;
    ids.channel = channel.id;
    ids.secret = channel.secret;
    ids.queue = (await admin.request('POST', '/api/v1/queues', { name: 'Facturation', channelIds: [channel.id], sla: { firstResponseSec: 60 } })).body.id;
    for (const user of [AGENT, SUPERVISOR]) {
      const created = await admin.request('POST', '/api/v1/users', user);
      expect(created.status).toBe(201);
      ids[user.role] = created.body.id;
      const capacity = { voice: 1, chat: 2, async: 2, total: 2 };
      expect((await admin.request('PUT', `/api/v1/agents/${created.body.id}/routing`, { skills: {}, languages: ['fr'], capacity })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
  });

  it('shows the queue section, the agent’s help request first, and the supervisor takes the conversation over', async () => {
    const errors: string[] = [];
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const supervisorContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const agent = await agentContext.newPage();
    const supervisor = await supervisorContext.newPage();
    for (const page of [agent, supervisor]) page.on('pageerror', (e) => errors.push(e.message));
    try {
      const lea = new ApiClient(server.url);
      await lea.login(AGENT.email, PASSWORD);
      expect((await lea.request('PUT', '/api/v1/agents/me/presence', { presence: 'online' })).status).toBe(200);
      const inbound = await postInbound(server.url, ids.channel as string, ids.secret as string, {
        customer: { externalId: 'bruno' },
        message: { id: 'm-1', text: 'Bonjour, ma facture est fausse' },
      });
      expect(inbound.status).toBe(202);
      const conversationId = inbound.body.conversationId as string;
      await waitFor(async () => ((await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body.handler.id === ids.agent ? true : null));

      // The supervisor's board: the queue card with its figures and charts (the app brings the supervisor online too).
      await login(supervisor, server.url, SUPERVISOR.email);
      await supervisor.getByTestId('nav-supervision').click();
      const card = supervisor.locator(`[data-testid="queue-card"][data-queue-id="${ids.queue}"]`);
      await card.waitFor({ timeout: 15_000 });
      expect(await card.textContent()).toContain('Facturation');
      await expect.poll(() => card.getByTestId('queue-occupancy').getAttribute('data-share'), { timeout: 15_000 }).toBe('0.25');
      expect(await card.getByTestId('queue-waiting').textContent()).toBe('0');
      expect(await card.getByTestId('queue-presence').textContent()).toBe('2 en ligne');
      expect(await supervisor.locator(`[data-testid="agent-row"][data-agent-id="${ids.agent}"]`).textContent()).toContain('Léa Agent');

      // The agent presses "Aide" in the conversation; the board puts it first with the reason.
      await login(agent, server.url, AGENT.email);
      await agent.getByTestId('conversation-item').first().click();
      await agent.getByTestId('help-button').click();
      await agent.getByTestId('help-sent').waitFor({ timeout: 15_000 });
      const row = supervisor.locator(`[data-testid="wallboard-row"][data-conversation-id="${conversationId}"]`);
      await expect.poll(() => row.getAttribute('data-alert'), { timeout: 15_000 }).toBe('help');
      expect(await row.getByTestId('wallboard-alert').textContent()).toContain('Aide demandée');
      if (screenshots) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await supervisor.screenshot({ path: `${SCREENSHOTS}/wallboard-queues.png`, fullPage: true });
      }

      // "Reprendre": the supervisor becomes the conversation's agent and the alert goes.
      await row.getByTestId('take-over').click();
      await row.getByTestId('board-action-done').waitFor({ timeout: 15_000 });
      await waitFor(async () => ((await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body.handler.id === ids.supervisor ? true : null));
      await expect.poll(() => row.getAttribute('data-alert'), { timeout: 15_000 }).toBe('none');
      expect(errors).toEqual([]);
    } finally {
      await agentContext.close();
      await supervisorContext.close();
    }
  });
});
