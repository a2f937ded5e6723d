import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiSession, startParley } from './support/parley-test-server.js';
import { startStaticProxy } from './support/static-proxy-server.js';

// The bot builder in Debian's Chromium: add a training phrase to the demo bot (Lumi), save and
// publish; an invalid definition in the JSON tab is refused with its paths and nothing is saved;
// the test console explains a turn of the draft; a Rasa nlu.yml adds intents to the draft; the
// history restores the version before it; a JSON file imports a new bot.

const CHROMIUM = '/usr/bin/chromium';
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(APP_DIR, 'test-output');
const hasChromium = existsSync(CHROMIUM);
const NEW_PHRASE = 'où est passé mon colis';

interface Bot {
  id: string;
  name: string;
  version: number;
  publishedVersion: number | null;
  definition: { persona?: unknown; intents: Array<{ id: string; phrases: Record<string, string[]> }> };
}

describe.skipIf(!hasChromium)('bot builder in a real browser', () => {
  let parley: Awaited<ReturnType<typeof startParley>>;
  let proxy: Awaited<ReturnType<typeof startStaticProxy>>;
  let browser: Browser;
  let page: Page;
  let distDir: string;
  let api: Awaited<ReturnType<typeof apiSession>>;
  let botId: string;
  const pageErrors: string[] = [];
  const getBot = async () => (await api('GET', `/api/v1/bots/${botId}`)).body as Bot;
  const builder = () => page.locator(`[data-testid="bot-builder"][data-bot-id="${botId}"]`);
  const shot = (name: string) => page.screenshot({ path: join(OUT_DIR, `bot-builder-${name}.png`) });

  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    // Our own output folder: the other browser tests build at the same time.
    distDir = mkdtempSync(join(tmpdir(), 'parley-bot-builder-app-'));
    const { build } = await import('vite');
    await build({ root: APP_DIR, configFile: join(APP_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
    parley = await startParley();
    proxy = await startStaticProxy(distDir, parley.url);
    api = await apiSession(parley.url);
    const { items } = (await api('GET', '/api/v1/bots')).body as { items: Bot[] };
    const lumi = items.find((b) => b.name === 'Lumi');
    if (!lumi) throw new Error('the demo bot is missing');
    botId = lumi.id;
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
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await parley?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('logs in as admin and opens the demo bot in the builder, stats visible', async () => {
    await page.goto(`${proxy.url}/app/`);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-bots').click();
    await page.getByTestId('bots-admin').waitFor();
    const card = page.locator(`[data-testid="bot-card"][data-bot-id="${botId}"]`);
    if ((await builder().count()) === 0) await card.getByTestId('bot-edit').click();
    await builder().waitFor();
    await expect.poll(() => card.getByTestId('bot-stats').getAttribute('data-loaded')).toBe('true');
    expect(await card.getByTestId('bot-stats-containment').isVisible()).toBe(true);
    expect(await card.getByTestId('bot-stats-fallback').isVisible()).toBe(true);
  }, 60_000);

  it('adds a training phrase to the order-tracking intent, saves and publishes', async () => {
    const before = await getBot();
    const intent = builder().locator('[data-testid="bot-intent"][data-intent-id="track_order"]');
    await intent.getByTestId('bot-intent-phrase-lang').selectOption('fr');
    await intent.getByTestId('bot-intent-phrase-input').fill(NEW_PHRASE);
    await intent.getByTestId('bot-intent-add-phrase').click();
    await expect.poll(() => intent.locator('[data-testid="bot-phrase"][data-lang="fr"] > span').allTextContents()).toContain(NEW_PHRASE);
    // The scenario outline lists the steps in order, with the question prompt editable.
    await builder().getByTestId('bot-tab-scenario').click();
    expect(
      await builder()
        .locator('[data-testid="bot-scenario"][data-scenario-id="order_tracking"] [data-testid="bot-step"]')
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step-id')}:${e.getAttribute('data-step-type')}`)),
    ).toEqual(['ask_ref:question', 'lookup:http', 'answer:message', 'not_found:message']);
    await builder().getByTestId('bot-tab-intents').click();
    await builder().getByTestId('bot-save').click();
    await expect.poll(() => builder().getByTestId('bot-version').getAttribute('data-version')).toBe(String(before.version + 1));
    expect(await builder().getAttribute('data-dirty')).toBe('false');
    await builder().getByTestId('bot-publish').click();
    await expect.poll(() => builder().getByTestId('bot-version').getAttribute('data-published-version')).toBe(String(before.version + 1));
    await builder().scrollIntoViewIfNeeded();
    await shot('01-published');
  }, 60_000);

  it('refuses a definition without a required field, shows the path and saves nothing', async () => {
    const before = await getBot();
    await builder().getByTestId('bot-tab-json').click();
    const json = JSON.parse(await builder().getByTestId('bot-json').inputValue()) as Record<string, unknown>;
    delete json.persona;
    await builder()
      .getByTestId('bot-json')
      .fill(JSON.stringify(json, null, 2));
    await builder().getByTestId('bot-save').click();
    await builder().getByTestId('bot-error').waitFor();
    expect(await builder().getByTestId('bot-error').innerText()).toContain('persona');
    await builder().getByTestId('bot-save').scrollIntoViewIfNeeded();
    await shot('02-refused');
    const after = await getBot();
    expect(after.version).toBe(before.version);
    expect(after.definition).toEqual(before.definition);
    expect(after.definition.persona).toBeDefined();
  }, 60_000);

  it('has the new phrase in the published definition (API)', async () => {
    const bot = await getBot();
    expect(bot.publishedVersion).toBe(bot.version);
    expect(bot.definition.intents.find((i) => i.id === 'track_order')?.phrases.fr).toContain(NEW_PHRASE);
    // The export (what a new import takes) has it too.
    const exported = (await api('GET', `/api/v1/bots/${botId}/export`)).body as Bot['definition'];
    expect(exported.intents.find((i) => i.id === 'track_order')?.phrases.fr).toContain(NEW_PHRASE);
  }, 30_000);

  it('runs a test console turn on the draft and shows the NLU explanation', async () => {
    // The JSON tab was left with a refused definition: start from the saved draft again.
    await page.reload();
    if (await page.getByTestId('login-email').isVisible()) {
      await page.getByTestId('login-email').fill(ADMIN_EMAIL);
      await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
    }
    if (!(await page.getByTestId('bots-admin').isVisible())) await page.getByTestId('nav-bots').click();
    await page.getByTestId('bots-admin').waitFor();
    const card = page.locator(`[data-testid="bot-card"][data-bot-id="${botId}"]`);
    if ((await builder().count()) === 0) await card.getByTestId('bot-edit').click();
    await builder().getByTestId('bot-tab-console').click();
    await builder().getByTestId('bot-console-input').fill(NEW_PHRASE);
    await builder().getByTestId('bot-console-send').click();
    const why = builder().getByTestId('bot-console-explanation');
    await why.waitFor();
    expect(await why.getAttribute('data-intent')).toBe('track_order');
    expect(await why.getAttribute('data-decision')).toBe('scenario');
    expect(await builder().getByTestId('bot-console-decision').innerText()).toContain('order_tracking');
    expect(await builder().getByTestId('bot-console-ranking').innerText()).toContain('track_order');
    expect(await builder().getByTestId('bot-console-features').locator('li').count()).toBeGreaterThan(0);
    expect((await builder().getByTestId('bot-console-reply').allInnerTexts()).join(' ')).toContain('numéro de commande');
    await why.scrollIntoViewIfNeeded();
    await shot('03-console');
  }, 60_000);

  it('imports Rasa intents into the draft and reports what was skipped', async () => {
    const before = await getBot();
    const nlu = [
      'version: "3.1"',
      'nlu:',
      '- intent: greet',
      '  examples: |',
      '    - bonjour',
      '    - salut [Lumi](bot)',
      '- synonym: lumi',
      '  examples: |',
      '    - Lumi',
      '',
    ].join('\n');
    await builder().getByTestId('bot-intents-import-lang').selectOption('fr');
    await builder()
      .getByTestId('bot-intents-import-input')
      .setInputFiles({ name: 'nlu.yml', mimeType: 'text/yaml', buffer: Buffer.from(nlu) });
    await expect.poll(() => builder().getByTestId('bot-notice').innerText()).toContain('1 intent(s) created');
    expect(await builder().getByTestId('bot-import-skipped').textContent()).toContain('synonym');
    await builder().getByTestId('bot-tab-intents').click();
    const greet = builder().locator('[data-testid="bot-intent"][data-intent-id="greet"]');
    expect(await greet.locator('[data-testid="bot-phrase"][data-lang="fr"] > span').allTextContents()).toEqual(['bonjour', 'salut Lumi']);
    await greet.scrollIntoViewIfNeeded();
    await shot('04-imported');
    const after = await getBot();
    expect(after.version).toBe(before.version + 1);
    expect(after.definition.intents.find((i) => i.id === 'greet')?.phrases.fr).toEqual(['bonjour', 'salut Lumi']);
  }, 60_000);

  it('lists the saved versions with their author and restores the one before the import', async () => {
    const before = await getBot();
    await builder().getByTestId('bot-tab-history').click();
    const item = (v: number) => builder().locator(`[data-testid="bot-history-item"][data-version="${v}"]`);
    await item(before.version).waitFor();
    expect(await builder().getByTestId('bot-history-item').count()).toBe(before.version);
    expect(await item(before.version).innerText()).toContain('current draft');
    expect(await item(before.version - 1).innerText()).toMatch(/saved on .* by Admin/);
    await item(before.version - 1)
      .getByTestId('bot-history-view')
      .click();
    expect(
      await item(before.version - 1)
        .getByTestId('bot-history-definition')
        .innerText(),
    ).toContain('"track_order"');
    await item(before.version - 1)
      .getByTestId('bot-history-restore')
      .click();
    await expect
      .poll(() => builder().getByTestId('bot-notice').innerText())
      .toContain(`Version ${before.version - 1} restored as draft v${before.version + 1}`);
    await item(before.version + 1).waitFor();
    await shot('05-history');
    const after = await getBot();
    expect(after.version).toBe(before.version + 1);
    expect(after.definition.intents.find((i) => i.id === 'greet')).toBeUndefined();
  }, 60_000);

  it('imports a bot from a JSON file', async () => {
    const definition = {
      format: 'parley-bot/1',
      name: 'Imported helper',
      persona: { name: 'Helper', introduction: { fr: 'Bonjour, je suis un robot.', en: 'Hello, I am a bot.' } },
      intents: [{ id: 'hello', phrases: { fr: ['bonjour'] } }],
      answers: [{ intent: 'hello', text: { fr: 'Bonjour !' } }],
    };
    await page
      .getByTestId('bot-import-input')
      .setInputFiles({ name: 'helper.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(definition)) });
    await page.locator('[data-testid="bot-card"][data-bot-name="Imported helper"] [data-testid="bot-builder"]').waitFor();
    const { items } = (await api('GET', '/api/v1/bots')).body as { items: Bot[] };
    expect(items.map((b) => b.name)).toContain('Imported helper');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('exports a bot as YAML and imports a YAML file as a new bot', async () => {
    const link = page.locator(`[data-testid="bot-card"][data-bot-id="${botId}"] [data-testid="bot-export-yaml"]`);
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/v1/bots/${botId}/export?format=yaml`);
    const yaml = await page.evaluate(async (url) => (await fetch(url)).text(), href as string);
    expect(yaml).toContain('format: parley-bot/1');
    await page
      .getByTestId('bot-import-input')
      .setInputFiles({ name: 'lumi.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml.replace(/^name: Lumi$/m, 'name: Lumi from YAML')) });
    await page.locator('[data-testid="bot-card"][data-bot-name="Lumi from YAML"] [data-testid="bot-builder"]').waitFor();
    const { items } = (await api('GET', '/api/v1/bots')).body as { items: Bot[] };
    expect(items.find((b) => b.name === 'Lumi from YAML')?.definition.intents).toEqual((await getBot()).definition.intents);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
