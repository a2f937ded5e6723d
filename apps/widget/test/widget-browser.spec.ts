import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget, WIDGET_DIR } from './support/build-widget.js';
import { startFakeParley, XSS } from './support/fake-parley-server.js';

// Real-browser checks of the built widget.js against a fake Parley (socket.io) server.
// Needs Debian's chromium (`apt-get install chromium`); skipped without it.
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const OUTPUT = join(WIDGET_DIR, 'test-output');

describe.skipIf(!existsSync(CHROMIUM))('widget in a browser', () => {
  let browser: Browser;
  let parley: Awaited<ReturnType<typeof startFakeParley>>;
  let page: Page;
  const dialogs: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    parley = await startFakeParley(await buildWidget());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1100, height: 760 }, locale: 'fr-FR' });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  it('shows the launcher, defines only window.Parley, and does not connect before opening', async () => {
    await page.goto(parley.hostUrl);
    await page.locator('parley-widget .launcher').waitFor();
    const globals = await page.evaluate(() => {
      const frame = document.createElement('iframe');
      document.body.appendChild(frame);
      const clean = new Set(Object.keys(frame.contentWindow as Window));
      frame.remove();
      return Object.keys(window).filter((k) => !clean.has(k));
    });
    expect(globals.sort()).toEqual(['Parley']);
    expect(await page.locator('parley-widget .launcher').textContent()).toContain('Boutique Lumière');
    expect(parley.handshakes).toHaveLength(0);
  });

  it('renders an XSS payload from the server as literal text', async () => {
    await page.locator('parley-widget .launcher').click();
    await page.locator('parley-widget .msg.agent').first().waitFor();
    const agent = page.locator('parley-widget .msg.agent').first();
    expect(await agent.locator('.bubble').textContent()).toBe(XSS);
    expect(await agent.locator('.author').textContent()).toBe(XSS);
    expect(await page.locator('parley-widget img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    // Focus moves into the panel, on the composer.
    expect(await page.evaluate(() => document.querySelector('parley-widget')?.shadowRoot?.activeElement?.tagName)).toBe('TEXTAREA');
  });

  it('sends with Enter, swaps the optimistic bubble for the acked one, and shows read receipts', async () => {
    const textarea = page.locator('parley-widget textarea');
    await textarea.fill('Bonjour, ma commande 42 ?');
    await textarea.press('Shift+Enter');
    await textarea.pressSequentially('Merci');
    await textarea.press('Enter');
    await expect.poll(() => parley.received.filter((r) => r.event === 'message:send').length).toBe(1);
    const sent = parley.received.find((r) => r.event === 'message:send')!;
    expect(sent.input).toMatchObject({ text: 'Bonjour, ma commande 42 ?\nMerci' });
    const own = page.locator('parley-widget .msg.customer').last();
    await expect.poll(() => own.locator('.receipt').textContent()).toBe('✓');
    parley.emit('read', { conversationId: 'conv-1', seq: 99 });
    await expect.poll(() => own.locator('.receipt').textContent()).toBe('✓✓');
    expect(parley.received.some((r) => r.event === 'read')).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __messages?: string[] }).__messages?.length ?? 0)).toBeGreaterThan(0);
  });

  it('sends a reply button payload and shows the team typing', async () => {
    await page.locator('parley-widget button.action', { hasText: 'Suivre ma commande' }).click();
    await expect
      .poll(() => parley.received.filter((r) => r.event === 'message:send').map((r) => r.input))
      .toContainEqual(expect.objectContaining({ text: 'Suivre ma commande', payload: 'TRACK' }));
    const link = page.locator('parley-widget a.action');
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(await link.getAttribute('target')).toBe('_blank');
    parley.emit('typing', { conversationId: 'conv-1', author: { kind: 'agent', name: 'Léa' }, isTyping: true });
    await expect.poll(() => page.locator('parley-widget .typing').textContent()).toBe('Léa écrit…');
  });

  it('asks for CSAT with labelled smileys and thanks the visitor', async () => {
    parley.emit('typing', { conversationId: 'conv-1', author: { kind: 'agent', name: 'Léa' }, isTyping: false });
    parley.emit('csat:request', { conversationId: 'conv-1' });
    await page.locator('parley-widget form.csat').waitFor();
    await page.locator('parley-widget').getByRole('button', { name: 'Accueil : Satisfait' }).click();
    await page.locator('parley-widget').getByRole('button', { name: 'Temps d’attente : Moyen' }).click();
    await page.locator('parley-widget').getByRole('button', { name: 'Réponse : Satisfait' }).click();
    await page.screenshot({ path: join(OUTPUT, 'widget-csat.png') });
    await page.locator('parley-widget form.csat button[type=submit]').click();
    await page.locator('parley-widget .thanks').waitFor();
    expect(parley.received.find((r) => r.event === 'csat:submit')?.input).toEqual({
      conversationId: 'conv-1',
      welcome: 'good',
      waiting: 'neutral',
      answer: 'good',
    });
  });

  it('resumes after a reload with the stored visitor token, and connects at once', async () => {
    expect(parley.handshakes).toEqual([{ channelId: expect.any(String), locale: 'fr' }]);
    await page.reload();
    // Without opening the panel: a returning visitor connects to get answers live.
    await expect.poll(() => parley.handshakes.length).toBe(2);
    expect(parley.handshakes[1]).toMatchObject({ visitorToken: 'vt-0123456789abcdefghijklmnop' });
    await page.locator('parley-widget .launcher').click();
    await page.locator('parley-widget .msg.customer').first().waitFor();
    await page.screenshot({ path: join(OUTPUT, 'widget.png') });
    await page.keyboard.press('Escape');
    expect(await page.locator('parley-widget .panel').isHidden()).toBe(true);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
