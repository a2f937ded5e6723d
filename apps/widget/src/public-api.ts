import type { WidgetMessage } from '@parley/realtime-protocol';
import type { ContextValue } from './chat-session.js';

export type IdentifyInput = { externalId?: string; email?: string; phone?: string; name?: string; signature?: string };
export type ParleyEvent = 'ready' | 'open' | 'close' | 'message';
export type Listener = (payload?: WidgetMessage) => void;
/** A command queued before the script loaded: `Parley.q.push(['identify', { ... }])`. */
export type QueuedCommand = [string, ...unknown[]];

/** What the widget does for the API once it is up. */
export interface ApiTarget {
  open(): void;
  close(): void;
  identify(input: IdentifyInput): Promise<{ verified: boolean }>;
  setContext(values: Record<string, ContextValue>): void;
}

/** `window.Parley`. */
export interface ParleyApi {
  readonly version: string;
  open(): void;
  close(): void;
  identify(input: IdentifyInput): Promise<{ verified: boolean }>;
  setContext(values: Record<string, ContextValue>): void;
  on(event: ParleyEvent, listener: Listener): () => void;
  /** Still works after load: a pushed command runs at once. */
  q: { push(...commands: QueuedCommand[]): number };
}

export interface PublicApi {
  api: ParleyApi;
  /** Plugs the widget in; calls made until then are replayed in order. */
  attach(target: ApiTarget): void;
  emit(event: ParleyEvent, payload?: WidgetMessage): void;
}

/**
 * Builds `window.Parley`, replaying commands queued by the embedding snippet
 * (`window.Parley = window.Parley || { q: [] }`). Calls before the widget is ready wait for it.
 * @example const { api, attach } = createPublicApi(window.Parley?.q ?? []); window.Parley = api;
 */
export function createPublicApi(queued: unknown[], version: string): PublicApi {
  const listeners = new Map<ParleyEvent, Set<Listener>>();
  let target: ApiTarget | null = null;
  let ready = false;
  const waiting: Array<(t: ApiTarget) => void> = [];
  const withTarget = <T>(run: (t: ApiTarget) => T | Promise<T>): Promise<T> =>
    target
      ? Promise.resolve(run(target))
      : new Promise<T>((resolve, reject) =>
          waiting.push((t) => {
            try {
              resolve(run(t));
            } catch (error) {
              reject(error);
            }
          }),
        );

  const api: ParleyApi = {
    version,
    open: () => void withTarget((t) => t.open()),
    close: () => void withTarget((t) => t.close()),
    identify: (input) => withTarget((t) => t.identify(input)),
    setContext: (values) => {
      if (values && typeof values === 'object') void withTarget((t) => t.setContext(values));
    },
    on: (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
      if (event === 'ready' && ready) safeCall(listener);
      return () => listeners.get(event)?.delete(listener);
    },
    q: {
      push: (...commands) => {
        for (const command of commands) run(command);
        return 0;
      },
    },
  };

  function run(command: unknown): void {
    if (!Array.isArray(command) || typeof command[0] !== 'string') return;
    const [name, ...args] = command as QueuedCommand;
    switch (name) {
      case 'open':
      case 'close':
        api[name]();
        break;
      case 'identify':
        api.identify(args[0] as IdentifyInput).catch(() => undefined);
        break;
      case 'setContext':
        api.setContext(args[0] as Record<string, ContextValue>);
        break;
      case 'on':
        if (typeof args[1] === 'function') api.on(args[0] as ParleyEvent, args[1] as Listener);
        break;
    }
  }

  for (const command of queued) run(command);

  const emit = (event: ParleyEvent, payload?: WidgetMessage): void => {
    for (const listener of listeners.get(event) ?? []) safeCall(listener, payload);
  };
  return {
    api,
    attach(t) {
      target = t;
      for (const resume of waiting.splice(0)) resume(t);
      ready = true;
      emit('ready');
    },
    emit,
  };
}

// A host page's listener that throws must not break the widget.
function safeCall(listener: Listener, payload?: WidgetMessage): void {
  try {
    listener(payload);
  } catch (error) {
    console.error('[parley] listener failed', error);
  }
}
