import type { WidgetClientEvents, WidgetHandshake, WidgetServerEvents } from '@parley/realtime-protocol';

type Args<F> = F extends (...args: infer A) => unknown ? A : never;

/**
 * The slice of a socket.io client socket the widget uses, so the logic can be tested with a
 * fake socket. Reserved events: 'connect', 'disconnect', 'connect_error'.
 */
export interface SocketLike {
  readonly connected: boolean;
  on<E extends keyof WidgetServerEvents>(event: E, listener: WidgetServerEvents[E]): unknown;
  on(event: 'connect' | 'disconnect' | 'connect_error', listener: (...args: unknown[]) => void): unknown;
  emit<E extends keyof WidgetClientEvents>(event: E, ...args: Args<WidgetClientEvents[E]>): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

/** Opens the socket; `auth` is read again on each reconnection (the visitor token may be new). */
export type SocketFactory = (auth: () => WidgetHandshake) => SocketLike;
