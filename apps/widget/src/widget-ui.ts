import type { WidgetConfig } from '@parley/realtime-protocol';
import { brandColor, brandText, textOn } from './brand-color.js';
import type { ChatSession } from './chat-session.js';
import { createCsatCard } from './csat-card.js';
import { createDom, syncChildren } from './dom.js';
import { checkFile, formatBytes, uploadAttachment } from './http-api.js';
import type { Strings } from './i18n.js';
import { icon } from './icons.js';
import type { Entry } from './message-store.js';
import { createPrechatForm } from './prechat-form.js';
import { renderEntry, type MessageView } from './render-message.js';
import { WIDGET_CSS } from './styles.js';

export interface WidgetUiOptions {
  doc: Document;
  config: WidgetConfig;
  t: Strings;
  locale: string;
  serverOrigin: string;
  chat: ChatSession;
  /** True when this browser already has a visitor token (a returning visitor). */
  hasToken(): boolean;
  onOpen(): void;
  onClose(): void;
}

// Conversation statuses after which the launcher no longer has to stay up for a returning visitor.
const FINISHED = new Set(['resolved', 'closed']);

/**
 * The launcher and the chat panel, in a shadow root under one `<parley-widget>` element.
 * Rendering is driven by ChatSession changes; all text from the network goes in as text nodes.
 */
export class WidgetUi {
  readonly host: HTMLElement;
  private readonly dom;
  private readonly root: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly launcherLabel: HTMLSpanElement;
  private readonly unread: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly botLabel: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly scroll: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly log: HTMLElement;
  private readonly extras: HTMLElement;
  private readonly typing: HTMLElement;
  private readonly composer: HTMLFormElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly fileInput: HTMLInputElement;
  private readonly statusLine: HTMLElement;
  private prechat: HTMLFormElement | null = null;
  private prechatDone = false;
  private readonly rendered = new Map<string, { signature: string; element: HTMLElement }>();
  private readonly csatCards = new Map<string, HTMLElement>();
  private unreadCount = 0;
  private isOpen = false;
  private leaveMessageMode = false;
  private renderScheduled = false;
  private readonly view: MessageView;

  constructor(private readonly options: WidgetUiOptions) {
    const { doc, config, t, chat } = options;
    this.dom = createDom(doc);
    const { h } = this.dom;

    this.host = doc.createElement('parley-widget');
    // Inline and !important: the host page's CSS must not move or hide the widget.
    this.host.style.setProperty('all', 'initial', 'important');
    this.host.style.setProperty('position', 'fixed', 'important');
    this.host.style.setProperty('z-index', '2147483000', 'important');
    const brand = brandColor(config.primaryColor);
    this.host.style.setProperty('--parley-brand', brand);
    this.host.style.setProperty('--parley-on-brand', textOn(brand));
    this.host.style.setProperty('--parley-brand-text', brandText(brand));
    const shadow = this.host.attachShadow({ mode: 'open' });
    applyStyles(doc, shadow);

    this.view = {
      dom: this.dom,
      t,
      serverOrigin: options.serverOrigin,
      onReply: (label, payload) => {
        chat.send(label, payload === undefined ? {} : { payload });
        this.textarea.focus();
      },
      onRetry: (key) => chat.retry(key),
    };

    this.unread = h('span', { class: 'unread', 'aria-hidden': 'true', hidden: true });
    this.launcherLabel = h('span', {}, config.brandName);
    this.launcher = h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'parley-panel', hidden: true });
    this.launcher.append(icon(doc, 'chat'), this.launcherLabel, this.unread);
    this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));

    this.botLabel = h('span', { class: 'bot-label', hidden: true }, t.virtualAgent);
    const close = h('button', { type: 'button', class: 'close', 'aria-label': t.closeChat, title: t.closeChat }, '×');
    close.addEventListener('click', () => this.close());
    this.banner = h('div', { class: 'banner', role: 'status', hidden: true });
    this.notice = h('div', { class: 'notice', hidden: true }, h('strong', {}, t.unavailableTitle), t.unavailableText);
    const helpUrl = config.helpCenterUrl && /^https?:\/\//i.test(config.helpCenterUrl) ? config.helpCenterUrl : null;
    if (helpUrl) this.notice.append(' ', h('a', { href: helpUrl, target: '_blank', rel: 'noopener noreferrer' }, t.helpCenter));
    const greetingText = config.greeting[options.locale === 'en' ? 'en' : 'fr'];
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t.messages });
    this.extras = h('div');
    this.scroll = h('div', { class: 'scroll' }, this.notice, greetingText ? h('p', { class: 'greeting' }, greetingText) : null, this.log, this.extras);
    this.typing = h('div', { class: 'typing', 'aria-live': 'polite' });

    this.textarea = h('textarea', { rows: 1, maxlength: 5000, placeholder: t.composerPlaceholder, 'aria-label': t.composerLabel });
    this.fileInput = h('input', { type: 'file', accept: config.attachments.types.join(','), hidden: true, tabindex: -1 });
    const attach = h('button', { type: 'button', class: 'icon-btn', 'aria-label': t.attach, title: t.attach });
    attach.appendChild(icon(doc, 'attach'));
    attach.hidden = config.attachments.types.length === 0;
    const send = h('button', { type: 'submit', class: 'icon-btn send', 'aria-label': t.send, title: t.send });
    send.appendChild(icon(doc, 'send'));
    this.composer = h('form', { class: 'composer' }, this.fileInput, attach, this.textarea, send);
    this.statusLine = h('div', { class: 'status-line', role: 'status' });

    this.panel = h(
      'div',
      { class: 'panel', id: 'parley-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'parley-title', hidden: true },
      h('div', { class: 'header' }, h('div', { class: 'title' }, h('h2', { id: 'parley-title' }, config.brandName), this.botLabel), close),
      this.banner,
      this.scroll,
      this.typing,
      this.composer,
      this.statusLine,
    );
    this.root = h('div', { class: 'root', lang: options.locale }, this.panel, this.launcher);
    shadow.appendChild(this.root);

    this.wireComposer(attach);
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    doc.addEventListener('visibilitychange', () => this.markReadIfSeen());
    chat.onChange(() => this.scheduleRender());
    chat.onMessage((message) => {
      if (!this.isOpen && message.author.kind !== 'customer' && message.author.kind !== 'system') this.unreadCount++;
    });
  }

  get opened(): boolean {
    return this.isOpen;
  }

  /** Shows the launcher: the normal one, or the small "leave a message" one. */
  showLauncher(mode: 'chat' | 'leave-message'): void {
    this.leaveMessageMode = mode === 'leave-message';
    this.launcher.classList.toggle('small', this.leaveMessageMode);
    this.launcher.replaceChild(icon(this.options.doc, this.leaveMessageMode ? 'mail' : 'chat'), this.launcher.firstChild as Node);
    this.launcherLabel.textContent = this.leaveMessageMode ? this.options.t.leaveMessage : this.options.config.brandName;
    this.launcher.setAttribute(
      'aria-label',
      this.leaveMessageMode ? this.options.t.leaveMessage : `${this.options.t.openChat} – ${this.options.config.brandName}`,
    );
    this.launcher.hidden = false;
    this.render();
  }

  get launcherShown(): boolean {
    return !this.launcher.hidden;
  }

  open(): void {
    if (this.isOpen) return;
    if (this.launcher.hidden) this.showLauncher(this.options.config.available ? 'chat' : 'leave-message');
    this.isOpen = true;
    this.unreadCount = 0;
    this.panel.hidden = false;
    this.root.classList.add('open');
    this.launcher.setAttribute('aria-expanded', 'true');
    this.options.chat.connect();
    this.render();
    this.scrollToEnd();
    (this.prechat?.querySelector('input') ?? this.textarea).focus();
    this.options.onOpen();
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.panel.hidden = true;
    this.root.classList.remove('open');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.options.chat.stopTyping();
    this.launcher.focus();
    this.options.onClose();
  }

  /** Renders at most once per task, however many socket events arrive together. */
  private scheduleRender(): void {
    if (this.renderScheduled) return;
    this.renderScheduled = true;
    queueMicrotask(() => {
      this.renderScheduled = false;
      this.render();
    });
  }

  private render(): void {
    const { chat, t, config } = this.options;
    const atEnd = this.scroll.scrollHeight - this.scroll.scrollTop - this.scroll.clientHeight < 40;

    // A returning visitor with a conversation going on always gets the launcher.
    const conversation = chat.session?.conversation;
    if (this.launcher.hidden && conversation && !FINISHED.has(chat.conversationStatus ?? conversation.status)) this.showLauncher('chat');

    this.notice.hidden = !this.leaveMessageMode;
    this.banner.hidden = chat.connection !== 'reconnecting';
    this.banner.textContent = t.reconnecting;

    const entries = chat.store.list();
    const lastTeam = [...entries].reverse().find((e) => e.message.author.kind === 'agent' || e.message.author.kind === 'bot');
    this.botLabel.hidden = (chat.typing?.kind ?? lastTeam?.message.author.kind) !== 'bot';
    syncChildren(
      this.log,
      entries.map((entry, index) => this.entryElement(entry, index === entries.length - 1)),
    );

    const typing = chat.typing;
    this.typing.textContent = typing ? t.typing(typing.name ?? (typing.kind === 'bot' ? t.virtualAgent : t.agent)) : '';

    this.renderCsat();
    this.renderPrechat(entries, config);

    this.unread.hidden = this.unreadCount === 0 || this.isOpen;
    this.unread.textContent = String(this.unreadCount);
    if (atEnd) this.scrollToEnd();
    this.markReadIfSeen();
  }

  private entryElement(entry: Entry, isLast: boolean): HTMLElement {
    const receipt = this.options.chat.store.receipt(entry);
    const hasQuickReplies = entry.message.blocks.some((b) => b.type === 'quick_replies');
    const signature = `${entry.message.id}|${entry.message.status}|${receipt}|${hasQuickReplies && isLast}`;
    const cached = this.rendered.get(entry.key);
    if (cached && cached.signature === signature) return cached.element;
    const element = renderEntry(this.view, entry, receipt, isLast);
    this.rendered.set(entry.key, { signature, element });
    return element;
  }

  private renderCsat(): void {
    const conversationId = this.options.chat.csatPending;
    if (conversationId && !this.csatCards.has(conversationId)) {
      const card = createCsatCard(this.dom, this.options.t, (answers) => this.options.chat.submitCsat({ conversationId, ...answers }));
      this.csatCards.set(conversationId, card);
      this.extras.appendChild(card);
    }
  }

  private renderPrechat(entries: readonly Entry[], config: WidgetConfig): void {
    const { chat } = this.options;
    const identity = chat.session?.identity;
    const known = identity ? Boolean(identity.name || identity.email) : this.options.hasToken();
    const needed = config.prechat.enabled && !this.prechatDone && entries.length === 0 && !known;
    if (needed && !this.prechat) {
      this.prechat = createPrechatForm(this.dom, this.options.t, { requireEmail: config.prechat.requireEmail }, (answers) =>
        chat.submitPrechat(answers).then(() => {
          this.prechatDone = true;
          this.render();
          this.textarea.focus();
        }),
      );
      this.panel.insertBefore(this.prechat, this.composer);
    }
    if (!needed && this.prechat) {
      this.prechat.remove();
      this.prechat = null;
    }
    this.composer.hidden = needed;
  }

  private wireComposer(attach: HTMLButtonElement): void {
    const { chat } = this.options;
    const submit = (): void => {
      const text = this.textarea.value;
      if (!text.trim()) return;
      chat.send(text);
      this.textarea.value = '';
      this.autosize();
      this.scrollToEnd();
    };
    this.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      submit();
    });
    this.textarea.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter is a new line; never while an IME composition is open.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      }
    });
    this.textarea.addEventListener('input', () => {
      this.autosize();
      if (this.textarea.value) chat.typingInput();
      else chat.stopTyping();
    });
    attach.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (file) void this.sendFile(file);
    });
  }

  private async sendFile(file: File): Promise<void> {
    const { chat, t, config, serverOrigin } = this.options;
    const check = checkFile(file, config.attachments);
    if (check !== 'ok') {
      this.statusLine.textContent = check === 'too_large' ? t.fileTooLarge(formatBytes(config.attachments.maxBytes)) : t.fileTypeRefused;
      return;
    }
    this.statusLine.textContent = t.uploading;
    try {
      const token = chat.session?.visitorToken ?? (await this.waitForSession());
      const uploaded = await uploadAttachment(serverOrigin, config.channelId, token, file);
      this.statusLine.textContent = '';
      chat.send(this.textarea.value, { attachmentIds: [uploaded.id], fileName: uploaded.fileName });
      this.textarea.value = '';
    } catch {
      this.statusLine.textContent = t.uploadFailed;
    }
  }

  /** The upload needs the visitor token, which the first session hands out. */
  private waitForSession(): Promise<string> {
    const { chat } = this.options;
    chat.connect();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error('no session'));
      }, 15_000);
      const stop = chat.onChange(() => {
        if (!chat.session) return;
        clearTimeout(timer);
        stop();
        resolve(chat.session.visitorToken);
      });
    });
  }

  private autosize(): void {
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${Math.min(this.textarea.scrollHeight + 2, 120)}px`;
  }

  private markReadIfSeen(): void {
    if (this.isOpen && this.options.doc.visibilityState === 'visible') this.options.chat.markRead();
  }

  private scrollToEnd(): void {
    this.scroll.scrollTop = this.scroll.scrollHeight;
  }
}

// Constructed stylesheets are not blocked by a host page's CSP (style-src); <style> is the fallback.
function applyStyles(doc: Document, shadow: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = WIDGET_CSS;
    shadow.appendChild(style);
  }
}
