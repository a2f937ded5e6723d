import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { generateKeyringEntry } from '@parley/kernel';
import { createEmptyPostgresDatabase } from '@parley/storage-pg/testing';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ApiClient } from './support/test-server.js';
import { ServerProcesses, type ServerProcess } from './support/processes.js';
import { journeyPrerequisites, launchBrowser, runWebchatJourney } from './support/webchat-journey.js';

// The same browser journey with two real server processes on one PostgreSQL + Redis: the
// customer's widget talks to process A, the agent's app to process B.
const databaseServer = process.env.PARLEY_TEST_DATABASE_URL;
const redisUrl = process.env.PARLEY_TEST_REDIS_URL;
const missing = journeyPrerequisites();
if (missing && process.env.CI) throw new Error(`web chat journey cannot run: ${missing}`);

describe.skipIf(!databaseServer || !redisUrl || missing !== null)('web chat journey across two server processes', () => {
  let database: { url: string; drop(): Promise<void> };
  let servers: ServerProcesses;
  let a: ServerProcess;
  let b: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase(databaseServer as string);
    servers = new ServerProcesses({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl as string,
      PARLEY_SECRET_KEY: generateKeyringEntry('journey'),
      PARLEY_ADMIN_EMAIL: ADMIN_EMAIL,
      PARLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PARLEY_JOB_POLL_MS: '100',
      LOG_LEVEL: 'warn',
    });
    try {
      [a, b] = await servers.startAll([{ name: 'A' }, { name: 'B' }]);
    } catch (error) {
      console.error(`server output:\n${servers.log()}`);
      throw error;
    }
    // Customer ↔ agent live chat: the demo bot is detached so the first message reaches the agent.
    const admin = new ApiClient(a.url);
    await admin.login();
    const channels = await admin.request<{ items: Array<{ id: string; type: string }> }>('GET', '/api/v1/channels');
    const demo = channels.body.items.find((c) => c.type === 'webchat');
    if (demo) await admin.request('PATCH', `/api/v1/channels/${demo.id}`, { botId: null });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.killAll();
    await database?.drop();
  });

  it('customer on process A, agent on process B: live both ways, history, CSAT', async () => {
    try {
      await runWebchatJourney(browser, { customerUrl: a.url, agentUrl: b.url, email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    } catch (error) {
      console.error(`server output:\n${servers.log()}`);
      throw error;
    }
  });
});
