import { io } from 'socket.io-client';
import { ChatSession, type ContextValue } from './chat-session.js';
import { watchRules } from './click-to-chat.js';
import { fetchConfig } from './http-api.js';
import { pickLocale, strings } from './i18n.js';
import { createPublicApi, type ParleyApi } from './public-api.js';
import type { SocketLike } from './socket-like.js';
import { readScriptSettings } from './script-settings.js';
import { createPageCounter, createTokenStore, tokenKey } from './storage.js';
import { WidgetUi } from './widget-ui.js';

// Written out rather than imported: importing values from @parley/realtime-protocol would pull zod
// into the bundle. They must match SOCKET_PATH and WIDGET_NAMESPACE there.
const SOCKET_PATH = '/socket.io';
const WIDGET_NAMESPACE = '/widget';
const VERSION = '0.1.0';

declare global {
  interface Window {
    Parley?: ParleyApi | { q?: unknown[] };
  }
}

// document.currentScript is only set while this file first runs (async included), so read it now.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-channel][src*="widget"], script[data-parley-channel][src*="widget"]');

boot();

function boot(): void {
  const existing = window.Parley;
  // Loaded twice (two snippets, a SPA re-inserting it): the first copy stays in charge.
  if (existing && 'version' in existing) return;
  const settings = script ? readScriptSettings(script) : null;
  if (!script || !settings) {
    console.warn('[parley] widget.js needs data-channel="<channelId>" on its <script> tag');
    return;
  }
  const { channelId } = settings;
  const serverOrigin = new URL(script.src, location.href).origin;
  const queued = existing && Array.isArray(existing.q) ? existing.q : [];
  const publicApi = createPublicApi(queued, VERSION);
  window.Parley = publicApi.api;
  if (settings.context) publicApi.api.setContext(settings.context);

  fetchConfig(serverOrigin, channelId)
    .then((config) => {
      const locale = pickLocale([settings.locale, document.documentElement.lang, navigator.language], config.defaultLocale);
      const tokens = createTokenStore(() => localStorage, channelId);
      const pageCounter = createPageCounter(() => sessionStorage, channelId);
      const chat = new ChatSession({
        channelId,
        locale,
        tokens,
        socketFactory: (auth) =>
          io(serverOrigin + WIDGET_NAMESPACE, {
            path: SOCKET_PATH,
            transports: ['websocket', 'polling'],
            // Falls back to long-polling when a proxy blocks WebSockets.
            tryAllTransports: true,
            autoConnect: false,
            withCredentials: false,
            reconnectionDelay: 1000,
            reconnectionDelayMax: 30_000,
            randomizationFactor: 0.5,
            auth: (cb) => cb({ ...auth() }),
          }) as unknown as SocketLike,
      });

      const ui = new WidgetUi({
        doc: document,
        config,
        t: strings(locale),
        locale,
        serverOrigin,
        chat,
        hasToken: () => tokens.get() !== null,
        onOpen: () => {
          rules.interaction();
          publicApi.emit('open');
        },
        onClose: () => publicApi.emit('close'),
      });
      chat.onMessage((message) => publicApi.emit('message', message));
      // After the UI exists: onHold may fire at once (no rules).
      const rules = watchRules({
        rules: config.rules,
        href: () => location.href,
        now: () => Date.now(),
        pages: pageCounter.visit(),
        resetPages: () => pageCounter.reset(),
        onHold: () => ui.showLauncher(config.available ? 'chat' : 'leave-message'),
      });
      whenBody(() => document.body.appendChild(ui.host));

      // A returning visitor connects at once, to get the team's answers live and see the launcher.
      if (tokens.get()) chat.connect();
      // Another tab started the conversation: join it so this tab shows the messages too.
      window.addEventListener('storage', (event) => {
        if (event.key === tokenKey(channelId) && event.newValue) chat.connect();
      });

      publicApi.attach({
        open: () => ui.open(),
        close: () => ui.close(),
        identify: (input) => chat.identify(input),
        setContext: (values: Record<string, ContextValue>) => {
          chat.setContext(values);
          if ('cartValue' in values) rules.setCartValue(typeof values.cartValue === 'number' ? values.cartValue : undefined);
          rules.interaction();
        },
      });
    })
    .catch((error: unknown) => console.warn('[parley] widget disabled:', error));
}

// An async script in <head> can run before <body> exists.
function whenBody(run: () => void): void {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}
