import type { WidgetBlock, WidgetMessage } from '@parley/realtime-protocol';
import type { Dom } from './dom.js';
import type { Strings } from './i18n.js';
import type { Entry } from './message-store.js';
import { isSameOrigin, safeHttpUrl } from './safe-url.js';

export interface MessageView {
  dom: Dom;
  t: Strings;
  serverOrigin: string;
  /** A reply button or quick reply was chosen: send its label (and payload). */
  onReply(label: string, payload: string | undefined): void;
  onRetry(clientMessageId: string): void;
}

export type Receipt = 'pending' | 'failed' | 'sent' | 'read' | null;

/**
 * One message as DOM. Every piece of text from the message becomes a text node; URLs become
 * links or images only when they are http(s).
 * @example log.append(renderEntry(view, entry, 'sent', true))
 */
export function renderEntry(view: MessageView, entry: Entry, receipt: Receipt, isLast: boolean): HTMLElement {
  const { h } = view.dom;
  const { message } = entry;
  const kind = message.author.kind;
  const wrapper = h('div', { class: `msg ${kind}`, 'data-key': entry.key });
  if (kind === 'system') {
    wrapper.appendChild(h('p', { class: 'text' }, message.text));
    return wrapper;
  }
  if (kind !== 'customer') wrapper.appendChild(renderAuthor(view, message));
  else wrapper.appendChild(h('span', { class: 'sr-only' }, `${view.t.you} :`));

  const bubble = h('div', { class: 'bubble' });
  const extras: HTMLElement[] = [];
  const blocks = message.blocks.length ? message.blocks : [{ type: 'text' as const, text: message.text }];
  for (const block of blocks) {
    const rendered = renderBlock(view, block, isLast);
    if (rendered.inBubble) bubble.appendChild(rendered.inBubble);
    if (rendered.after) extras.push(rendered.after);
  }
  if (bubble.childNodes.length) wrapper.appendChild(bubble);
  for (const extra of extras) wrapper.appendChild(extra);
  if (receipt) wrapper.appendChild(renderReceipt(view, entry, receipt));
  return wrapper;
}

function renderAuthor(view: MessageView, message: WidgetMessage): HTMLElement {
  const { h } = view.dom;
  const isBot = message.author.kind === 'bot';
  const name = message.author.name ?? (isBot ? view.t.virtualAgent : view.t.agent);
  return h('div', { class: 'author' }, h('span', {}, name), isBot && h('span', { class: 'badge' }, view.t.bot));
}

function renderReceipt(view: MessageView, entry: Entry, receipt: Exclude<Receipt, null>): HTMLElement {
  const { h } = view.dom;
  const { t } = view;
  if (receipt === 'failed') {
    const retry = h('button', { type: 'button', class: 'retry' }, t.retry);
    retry.addEventListener('click', () => view.onRetry(entry.key));
    return h('div', { class: 'meta' }, h('span', { class: 'receipt failed' }, t.statusFailed), retry);
  }
  const [mark, label] = receipt === 'read' ? ['✓✓', t.statusRead] : receipt === 'sent' ? ['✓', t.statusSent] : ['…', t.statusPending];
  return h(
    'div',
    { class: 'meta' },
    h('span', { class: `receipt ${receipt}`, 'aria-hidden': 'true', title: label }, mark),
    h('span', { class: 'sr-only' }, label),
  );
}

interface RenderedBlock {
  inBubble?: Node;
  after?: HTMLElement;
}

function renderBlock(view: MessageView, block: WidgetBlock, isLast: boolean): RenderedBlock {
  const { h } = view.dom;
  switch (block.type) {
    case 'text':
      return block.text ? { inBubble: h('p', { class: 'text' }, block.text) } : {};
    case 'buttons': {
      const actions = h('div', { class: 'actions' }, ...block.buttons.map((b) => renderButton(view, b)));
      return { inBubble: fragment(view, block.text ? h('p', { class: 'text' }, block.text) : null, actions) };
    }
    case 'quick_replies': {
      // Quick replies are a suggestion for the next answer only: gone once the conversation moves on.
      const replies = isLast ? h('div', { class: 'actions quick' }, ...block.replies.map((r) => renderButton(view, r))) : undefined;
      return { ...(block.text ? { inBubble: h('p', { class: 'text' }, block.text) } : {}), ...(replies ? { after: replies } : {}) };
    }
    case 'cards':
      return { after: renderCards(view, block.cards) };
    case 'attachment':
      return { inBubble: renderAttachment(view, block) };
    case 'payload':
      return {};
  }
}

function fragment(view: MessageView, ...nodes: Array<Node | null>): Node {
  const span = view.dom.h('div');
  for (const node of nodes) if (node) span.appendChild(node);
  return span;
}

function renderButton(view: MessageView, button: { label: string; payload?: string; url?: string }): HTMLElement {
  const { h } = view.dom;
  const url = 'url' in button ? safeHttpUrl(button.url, view.serverOrigin) : null;
  if (url) return h('a', { class: 'action', href: url, target: '_blank', rel: 'noopener noreferrer' }, button.label);
  const element = h('button', { type: 'button', class: 'action' }, button.label);
  element.addEventListener('click', () => view.onReply(button.label, button.payload));
  return element;
}

function renderCards(view: MessageView, cards: Extract<WidgetBlock, { type: 'cards' }>['cards']): HTMLElement {
  const { h } = view.dom;
  // Focusable so that keyboard users can scroll it with the arrow keys.
  const carousel = h('div', { class: 'carousel', role: 'region', 'aria-label': view.t.carousel, tabindex: 0 });
  for (const card of cards) {
    const image = safeHttpUrl(card.imageUrl, view.serverOrigin);
    carousel.appendChild(
      h(
        'div',
        { class: 'card' },
        image && h('img', { src: image, alt: '', loading: 'lazy', referrerpolicy: 'no-referrer' }),
        h(
          'div',
          { class: 'card-body' },
          h('p', { class: 'card-title' }, card.title),
          card.subtitle && h('p', { class: 'card-subtitle' }, card.subtitle),
          card.buttons?.length ? h('div', { class: 'actions' }, ...card.buttons.map((b) => renderButton(view, b))) : null,
        ),
      ),
    );
  }
  return carousel;
}

function renderAttachment(view: MessageView, block: Extract<WidgetBlock, { type: 'attachment' }>): Node {
  const { h } = view.dom;
  const url = safeHttpUrl(block.url, view.serverOrigin);
  const label = `📎 ${block.fileName}`;
  if (!url) return h('p', { class: 'text file' }, label);
  // Third-party images are never loaded: a link only (no tracking pixel, no mixed content).
  if (block.contentType.startsWith('image/') && isSameOrigin(url, view.serverOrigin)) {
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, h('img', { class: 'thumb', src: url, alt: block.fileName, loading: 'lazy' }));
  }
  return h('a', { class: 'file', href: url, target: '_blank', rel: 'noopener noreferrer', download: block.fileName }, label);
}
