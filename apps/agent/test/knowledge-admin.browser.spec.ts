import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiSession, startParley } from './support/parley-test-server.js';
import { startStaticProxy } from './support/static-proxy-server.js';

// The knowledge section of the agent app in Debian's Chromium: write an article, import a Markdown
// file, search and publish it, ask the engine, then find it on the public help center (search as
// you type, article page, "was this helpful?"); then the editors' review work: restore a previous
// version, approve a learned phrasing, turn an unanswered question into an FAQ draft.

const CHROMIUM = '/usr/bin/chromium';
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(APP_DIR, 'test-output');
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)('knowledge admin and help center in a real browser', () => {
  let parley: Awaited<ReturnType<typeof startParley>>;
  let proxy: Awaited<ReturnType<typeof startStaticProxy>>;
  let browser: Browser;
  let page: Page;
  let distDir: string;
  let workspaceSlug: string;
  let api: Awaited<ReturnType<typeof apiSession>>;
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(OUT_DIR, `kb-${name}.png`) });

  beforeAll(async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    // Our own output folder: the agent app's browser test builds into dist/ at the same time.
    distDir = mkdtempSync(join(tmpdir(), 'parley-kb-app-'));
    const { build } = await import('vite');
    await build({ root: APP_DIR, configFile: join(APP_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
    parley = await startParley();
    proxy = await startStaticProxy(distDir, parley.url);
    api = await apiSession(parley.url);
    workspaceSlug = ((await api('GET', '/api/v1/workspace')).body as { slug: string }).slug;
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
    page = await (await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'en-US' })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await parley?.close();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('logs in and opens the knowledge section', async () => {
    await page.goto(`${proxy.url}/app/`);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-knowledge').click();
    await page.getByTestId('kb-admin').waitFor();
    // The demo knowledge base is there on first start.
    await expect.poll(() => page.getByTestId('kb-article-item').count()).toBeGreaterThan(10);
  }, 60_000);

  it('writes an article, saves it as a draft and publishes it', async () => {
    await page.getByTestId('kb-new').click();
    await page.getByTestId('kb-title').fill('Can I engrave a lamp?');
    await page.getByTestId('kb-language').selectOption('en');
    await page.getByTestId('kb-category').fill('Services');
    await page.getByTestId('kb-body').fill('Yes: **engraving** of initials on the brass base costs €15 and adds two days.');
    await page.getByTestId('kb-phrasings').fill('Personalised lamp\nEngraving service');
    await page.getByTestId('kb-variant-sms').fill('Engraving: €15, +2 days.');
    await page.getByTestId('kb-save').click();
    await expect.poll(() => page.getByTestId('kb-status').getAttribute('data-status')).toBe('draft');
    await page.getByTestId('kb-publish').click();
    await expect.poll(() => page.getByTestId('kb-status').getAttribute('data-status')).toBe('published');
    await page.getByTestId('kb-help-link').waitFor();
    await shot('01-written');
  }, 60_000);

  it('imports a Markdown file, finds it by search and publishes it', async () => {
    const markdown =
      '---\nlanguage: en\nkind: faq\ncategory: Services\nphrasings:\n  - Do you repair old lamps?\n---\n# Lamp restoration\n\nWe restore **vintage lamps** in our Lyon workshop: rewiring, new sockets and polishing.\n';
    await page.getByTestId('kb-import-input').setInputFiles({ name: 'lamp-restoration.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
    await expect.poll(() => page.getByTestId('kb-notice').textContent()).toContain('1 created');
    await page.getByTestId('kb-search').fill('restoration');
    await expect.poll(() => page.getByTestId('kb-article-item').count()).toBe(1);
    await page.locator('[data-testid="kb-article-item"][data-slug="lamp-restoration"]').click();
    await expect.poll(() => page.getByTestId('kb-status').getAttribute('data-status')).toBe('draft');
    await page.getByTestId('kb-publish').click();
    await expect.poll(() => page.getByTestId('kb-status').getAttribute('data-status')).toBe('published');
    await page.getByTestId('kb-ask-input').fill('who can fix my grandmother’s old lamp?');
    await page.getByTestId('kb-ask-button').click();
    await expect.poll(() => page.getByTestId('kb-answer').first().textContent()).toContain('Lamp restoration');
    await shot('02-imported');
  }, 60_000);

  it('finds both articles on the public help center, with search as you type and feedback', async () => {
    await page.goto(`${parley.url}/help/${workspaceSlug}?lang=en`);
    await expect
      .poll(() => page.getByTestId('help-article-link').allTextContents())
      .toEqual(expect.arrayContaining(['Can I engrave a lamp?', 'Lamp restoration']));
    await page.getByTestId('help-search').pressSequentially('engrav', { delay: 30 });
    await expect.poll(() => page.getByTestId('help-suggestion').first().textContent()).toContain('Can I engrave a lamp?');
    await page.getByTestId('help-search').fill('');
    await page.getByTestId('help-search').pressSequentially('vintage lamp repair', { delay: 20 });
    await expect.poll(() => page.getByTestId('help-suggestion').first().textContent()).toContain('Lamp restoration');
    await page.getByTestId('help-suggestion').first().locator('a').click();
    await page.getByTestId('help-article').waitFor();
    expect(await page.getByTestId('help-article').innerText()).toContain('vintage lamps');
    await page.getByTestId('help-helpful-yes').click();
    await expect.poll(() => page.getByTestId('help-thanks').isVisible()).toBe(true);
    await shot('03-help-center');
    expect(pageErrors).toEqual([]);
  }, 60_000);
  it('shows the version history and restores a previous version', async () => {
    await page.goto(`${proxy.url}/app/`);
    await page.getByTestId('nav-knowledge').click();
    await page.getByTestId('kb-search').fill('engrave');
    await page.locator('[data-testid="kb-article-item"][data-slug="can-i-engrave-a-lamp"]').click();
    await page.getByTestId('kb-body').fill('Engraving is no longer offered.');
    await page.getByTestId('kb-save').click();
    await expect.poll(() => page.getByTestId('kb-version').count()).toBe(2);
    expect(await page.getByTestId('kb-status').textContent()).toContain('version 2');
    const first = page.locator('[data-testid="kb-version"][data-version="1"]');
    expect(await first.textContent()).toContain('published');
    await first.getByTestId('kb-version-view').click();
    expect(await first.getByTestId('kb-version-content').innerText()).toContain('**engraving** of initials');
    await first.getByTestId('kb-version-restore').click();
    await expect.poll(() => page.getByTestId('kb-version').count()).toBe(3);
    expect(await page.getByTestId('kb-status').textContent()).toContain('version 3');
    expect(await page.getByTestId('kb-body').inputValue()).toContain('**engraving** of initials');
    expect(await page.locator('[data-testid="kb-version"][data-version="3"]').textContent()).toContain('restored from version 1');
    expect(await page.getByTestId('kb-notice').textContent()).toContain('Version 1 restored');
    await shot('04-history');
  }, 60_000);

  it('approves a learned phrasing, which then answers the question', async () => {
    const articles = (await api('GET', '/api/v1/kb/articles?q=restoration')).body as { items: Array<{ id: string }> };
    const articleId = articles.items[0]?.id;
    const question = 'can someone rewire my antique <b>luminaire</b>';
    const feedback = await api('POST', '/api/v1/kb/feedback', { articleId, question, action: 'accepted' });
    expect(feedback.status).toBe(200);
    await page.getByTestId('kb-tab-phrasings').click();
    const item = page.getByTestId('kb-phrasing').filter({ hasText: 'antique' });
    await item.waitFor();
    // Customer text is shown as text, never as markup.
    expect(await item.innerText()).toContain('<b>luminaire</b>');
    expect(await item.innerText()).toContain('Lamp restoration');
    await shot('05-phrasings');
    await item.getByTestId('kb-phrasing-approve').click();
    await expect.poll(() => page.getByTestId('kb-phrasing').filter({ hasText: 'antique' }).count()).toBe(0);
    expect(await page.getByTestId('kb-notice').textContent()).toContain('Phrasing approved');
    await expect
      .poll(
        async () =>
          ((await api('POST', '/api/v1/kb/answers', { question, language: 'en' })).body as { answers: Array<{ articleId: string; matchedField: string }> })
            .answers[0],
      )
      .toMatchObject({ articleId, matchedField: 'phrasing' });
  }, 60_000);

  it('lists unanswered questions with their count and drafts an FAQ entry in one click', async () => {
    const question = 'Do you offer a student discount?';
    for (const q of [question, question, 'do you offer a student discount']) await api('POST', '/api/v1/kb/answers', { question: q, language: 'en' });
    await page.getByTestId('kb-tab-gaps').click();
    const gap = page.getByTestId('kb-gap').filter({ hasText: 'student discount' });
    await gap.waitFor();
    expect(await gap.getByTestId('kb-gap-count').getAttribute('data-count')).toBe('3');
    expect(await gap.getByTestId('kb-gap-examples').innerText()).toContain('do you offer a student discount');
    await shot('06-gaps');
    await gap.getByTestId('kb-gap-create').click();
    await expect.poll(() => page.getByTestId('kb-title').inputValue()).toBe(question);
    expect(await page.getByTestId('kb-status').getAttribute('data-status')).toBe('draft');
    expect(await page.getByTestId('kb-notice').textContent()).toContain('FAQ draft created');
    await page.getByTestId('kb-tab-gaps').click();
    await page.getByTestId('kb-gap').filter({ hasText: 'student discount' }).getByTestId('kb-gap-open').waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
  it('lists articles due for review, edits synonyms and downloads the exports', async () => {
    const overdue = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('kb-tab-articles').click();
    await page.getByTestId('kb-search').fill('restoration');
    await page.locator('[data-testid="kb-article-item"][data-slug="lamp-restoration"]').click();
    await page.getByTestId('kb-review-by').fill(overdue);
    await page.getByTestId('kb-save').click();
    await expect.poll(() => page.getByTestId('kb-notice').textContent()).toBe('Saved');
    await page.getByTestId('kb-tab-review').click();
    const due = page.getByTestId('kb-review-item').filter({ hasText: 'Lamp restoration' });
    await due.waitFor();
    expect(await due.getAttribute('data-overdue')).toBe('true');
    expect(await due.innerText()).toContain('overdue');

    await page.getByTestId('kb-tab-synonyms').click();
    await expect.poll(() => page.getByTestId('kb-synonyms').inputValue()).not.toBe('');
    const before = await page.getByTestId('kb-synonyms').inputValue();
    await page.getByTestId('kb-synonyms').fill(`${before}\nrewire, rewiring, electrics\nlonely`);
    await page.getByTestId('kb-synonyms-save').click();
    await expect.poll(() => page.getByTestId('kb-notice').textContent()).toContain('synonym group(s) saved');
    const groups = ((await api('GET', '/api/v1/kb/synonyms')).body as { groups: string[][] }).groups;
    expect(groups).toContainEqual(['rewire', 'rewiring', 'electrics']);
    expect(groups.flat()).not.toContain('lonely');

    await page.getByTestId('kb-tab-export').click();
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kb-export-json').click()]);
    expect(json.suggestedFilename()).toBe('knowledge.json');
    const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as { documents: Array<{ slug: string }> };
    expect(exported.documents.map((d) => d.slug)).toContain('lamp-restoration');
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kb-export-markdown').click()]);
    expect(zip.suggestedFilename()).toBe('knowledge-markdown.zip');
    // Stored (uncompressed) entries: the names are in the bytes; zip-files.spec.ts checks the format with unzip.
    const listing = readFileSync(await zip.path()).toString('latin1');
    expect(listing.startsWith('PK\x03\x04')).toBe(true);
    expect(listing).toContain('knowledge/lamp-restoration.md');
    expect(listing).toContain('knowledge/can-i-engrave-a-lamp.md');
    await shot('07-export');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
