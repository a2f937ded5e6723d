import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import { journeyPrerequisites, launchBrowser, runWebchatJourney } from './support/webchat-journey.js';

// In CI the browser and the built apps must be there: a silent skip would hide a broken journey.
const missing = journeyPrerequisites();
if (missing && process.env.CI) throw new Error(`web chat journey cannot run: ${missing}`);

describe.skipIf(missing !== null)('web chat journey in a real browser (one server)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    // This journey proves customer ↔ agent live chat: the demo bot Lumi (tested in bots.spec.ts)
    // is detached so that the customer's first message reaches the agent unanswered.
    const admin = new ApiClient(server.url);
    await admin.login();
    await admin.request('PATCH', `/api/v1/channels/${server.context.demoChannelId}`, { botId: null });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('customer on /demo and agent on /app talk live, then CSAT reaches the timeline', async () => {
    await runWebchatJourney(browser, {
      customerUrl: server.url,
      agentUrl: server.url,
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      // `PARLEY_UPDATE_SCREENSHOTS=1 npx vitest run apps/server/test/webchat-journey.browser.spec.ts`
      // refreshes the README's screenshots (docs/screenshots); plain runs leave the tree clean.
      screenshots: process.env.PARLEY_UPDATE_SCREENSHOTS === '1' && process.env.PARLEY_TEST_BACKEND !== 'postgres',
    });
  });
});
