import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDGET_DIR } from './support/build-widget.js';

// Against a running Parley server serving the built widget and its /demo page:
//   PARLEY_WIDGET_SERVER_URL=http://localhost:3456 npx vitest run apps/widget/test/real-server.spec.ts
// Skipped unless that variable is set (and chromium is installed).
const SERVER = process.env.PARLEY_WIDGET_SERVER_URL;
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const OUTPUT = join(WIDGET_DIR, 'test-output');

describe.skipIf(!SERVER || !existsSync(CHROMIUM))('widget against a real Parley server', () => {
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(async () => browser?.close());

  it('starts a conversation on /demo, resumes it after a reload, and shares it with a second tab', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
    await page.goto(`${SERVER}/demo`);
    const launcher = page.locator('parley-widget .launcher');
    await launcher.waitFor();
    await launcher.click();
    const textarea = page.locator('parley-widget textarea');
    const text = `Bonjour <b>test</b> ${Date.now()}`;
    await textarea.fill(text);
    await textarea.press('Enter');
    const own = page.locator('parley-widget .msg.customer', { hasText: text });
    await expect.poll(() => own.locator('.receipt').textContent(), { timeout: 15_000 }).toMatch(/✓/);
    const token = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('parley:visitor:'))?.[1]);
    expect(token).toBeTruthy();

    const second = await context.newPage();
    await second.goto(`${SERVER}/demo`);
    await second.locator('parley-widget .launcher').click();
    await second.locator('parley-widget .msg.customer', { hasText: text }).waitFor({ timeout: 15_000 });
    const fromSecond = `Depuis l’autre onglet ${Date.now()}`;
    await second.locator('parley-widget textarea').fill(fromSecond);
    await second.locator('parley-widget textarea').press('Enter');
    // Both tabs are connected as the same visitor: the first tab gets the message live.
    await page.locator('parley-widget .msg.customer', { hasText: fromSecond }).waitFor({ timeout: 15_000 });

    // Attachments: upload over HTTP with the visitor token, then message:send with the id.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await page.locator('parley-widget input[type=file]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    const attachment = page.locator('parley-widget .msg.customer').filter({ has: page.locator('img.thumb, a.file') });
    await attachment.first().waitFor({ timeout: 15_000 });

    await page.reload();
    await page.locator('parley-widget .launcher').click();
    await page.locator('parley-widget .msg.customer', { hasText: text }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(OUTPUT, 'real-server.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
