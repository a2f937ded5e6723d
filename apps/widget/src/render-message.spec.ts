import type { WidgetMessage } from '@parley/realtime-protocol';
import { describe, expect, it, vi } from 'vitest';
import { asFake, fakeDocument } from '../test/support/fake-dom.js';
import { createDom } from './dom.js';
import { strings } from './i18n.js';
import type { Entry } from './message-store.js';
import { renderEntry, type MessageView } from './render-message.js';

const ORIGIN = 'https://parley.example';
const XSS = '<img src=x onerror=alert(1)>';

function view(overrides: Partial<MessageView> = {}): MessageView {
  return { dom: createDom(fakeDocument()), t: strings('fr'), serverOrigin: ORIGIN, onReply: vi.fn(), onRetry: vi.fn(), ...overrides };
}

function entry(message: Partial<WidgetMessage>, local = false): Entry {
  return {
    key: 'k1',
    local,
    failed: false,
    message: {
      id: 'm1',
      conversationId: 'c1',
      seq: 1,
      author: { kind: 'agent', name: 'Léa' },
      blocks: [],
      text: '',
      createdAt: '2026-01-01T00:00:00Z',
      status: 'sent',
      ...message,
    },
  };
}

describe('renderEntry', () => {
  it('renders an XSS payload as literal text, never as markup', () => {
    const el = asFake(renderEntry(view(), entry({ author: { kind: 'agent', name: XSS }, text: XSS, blocks: [{ type: 'text', text: XSS }] }), null, true));
    expect(el.byTag('img')).toHaveLength(0);
    expect(el.textContent).toContain(XSS);
    expect(el.findAll((e) => [...e.attributes.keys()].some((a) => a.startsWith('on')))).toHaveLength(0);
  });

  it('falls back to the message text when there are no blocks', () => {
    const el = asFake(renderEntry(view(), entry({ text: XSS }), null, true));
    expect(el.textContent).toContain(XSS);
    expect(el.byTag('img')).toHaveLength(0);
  });

  it('names the author and badges bots', () => {
    const t = strings('fr');
    const agent = asFake(renderEntry(view(), entry({ text: 'x' }), null, true));
    expect(agent.findAll((e) => e.getAttribute('class') === 'author')[0]?.textContent).toBe('Léa');
    const bot = asFake(renderEntry(view(), entry({ author: { kind: 'bot', name: null }, text: 'x' }), null, true));
    expect(bot.findAll((e) => e.getAttribute('class') === 'badge')[0]?.textContent).toBe(t.bot);
    expect(bot.getAttribute('class')).toBe('msg bot');
  });

  it('shows ✓ and ✓✓ receipts with accessible labels, and a retry button on failure', () => {
    const onRetry = vi.fn();
    const own = { author: { kind: 'customer' as const, name: null }, text: 'hi' };
    expect(asFake(renderEntry(view(), entry(own), 'sent', true)).textContent).toContain('✓Envoyé');
    expect(asFake(renderEntry(view(), entry(own), 'read', true)).textContent).toContain('✓✓Lu');
    const failed = asFake(renderEntry(view({ onRetry }), entry(own, true), 'failed', true));
    failed.byTag('button')[0]?.dispatch('click');
    expect(onRetry).toHaveBeenCalledWith('k1');
  });

  it('makes reply buttons send their payload or label, and links open safely in a new tab', () => {
    const onReply = vi.fn();
    const el = asFake(
      renderEntry(
        view({ onReply }),
        entry({
          blocks: [
            {
              type: 'buttons',
              text: 'Choisissez',
              buttons: [
                { id: 'a', label: 'Oui', payload: 'YES' },
                { id: 'b', label: 'Non' },
                { id: 'c', label: 'Site', url: 'https://shop.example/help' },
                { id: 'd', label: 'Piège', url: 'javascript:alert(1)' },
              ],
            },
          ],
        }),
        null,
        true,
      ),
    );
    const buttons = el.byTag('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Oui', 'Non', 'Piège']);
    buttons[0]?.dispatch('click');
    buttons[1]?.dispatch('click');
    buttons[2]?.dispatch('click');
    expect(onReply.mock.calls).toEqual([
      ['Oui', 'YES'],
      ['Non', undefined],
      ['Piège', undefined],
    ]);
    const links = el.byTag('a');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://shop.example/help');
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(links[0]?.getAttribute('rel')).toContain('noopener');
  });

  it('shows quick replies only on the last message', () => {
    const message = entry({ blocks: [{ type: 'quick_replies', text: 'Alors ?', replies: [{ id: 'r', label: 'Merci' }] }] });
    expect(asFake(renderEntry(view(), message, null, true)).byTag('button')).toHaveLength(1);
    expect(asFake(renderEntry(view(), message, null, false)).byTag('button')).toHaveLength(0);
  });

  it('renders cards in a focusable carousel, images only when http(s)', () => {
    const el = asFake(
      renderEntry(
        view(),
        entry({
          blocks: [
            {
              type: 'cards',
              cards: [
                {
                  title: 'Robe',
                  subtitle: '49 €',
                  imageUrl: 'https://cdn.example/robe.jpg',
                  buttons: [{ id: 'x', label: 'Voir', url: 'https://shop.example/robe' }],
                },
                { title: XSS, imageUrl: 'javascript:alert(1)' },
              ],
            },
          ],
        }),
        null,
        true,
      ),
    );
    const carousel = el.findAll((e) => e.getAttribute('class') === 'carousel')[0]!;
    expect(carousel.getAttribute('tabindex')).toBe('0');
    expect(carousel.getAttribute('role')).toBe('region');
    expect(el.byTag('img').map((i) => i.getAttribute('src'))).toEqual(['https://cdn.example/robe.jpg']);
    expect(el.textContent).toContain(XSS);
  });

  it('shows attachments as links, and as thumbnails only from the Parley server', () => {
    const local = asFake(
      renderEntry(view(), entry({ blocks: [{ type: 'attachment', url: '/api/v1/files/1', fileName: 'a.png', contentType: 'image/png' }] }), null, true),
    );
    expect(local.byTag('img')[0]?.getAttribute('src')).toBe(`${ORIGIN}/api/v1/files/1`);
    const remote = asFake(
      renderEntry(
        view(),
        entry({ blocks: [{ type: 'attachment', url: 'https://evil.example/p.png', fileName: 'p.png', contentType: 'image/png' }] }),
        null,
        true,
      ),
    );
    expect(remote.byTag('img')).toHaveLength(0);
    expect(remote.byTag('a')[0]?.getAttribute('href')).toBe('https://evil.example/p.png');
    const bad = asFake(
      renderEntry(view(), entry({ blocks: [{ type: 'attachment', url: 'data:text/html,x', fileName: 'x.pdf', contentType: 'application/pdf' }] }), null, true),
    );
    expect(bad.byTag('a')).toHaveLength(0);
    expect(bad.textContent).toContain('x.pdf');
  });
});
