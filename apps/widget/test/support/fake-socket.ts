import type { SocketLike } from '../../src/socket-like.js';

type Handler = (...args: unknown[]) => void;

/** A socket.io client socket stand-in: records emits, lets a test play the server. */
export class FakeSocket {
  connected = false;
  readonly emitted: Array<{ event: string; args: unknown[] }> = [];
  private readonly handlers = new Map<string, Handler[]>();
  connectCalls = 0;

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, ...args: unknown[]): this {
    this.emitted.push({ event, args });
    return this;
  }
  connect(): this {
    this.connectCalls++;
    return this;
  }
  disconnect(): this {
    this.serverDisconnect();
    return this;
  }

  /** Server side: deliver an event to the widget. */
  serve(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  serverConnect(): void {
    this.connected = true;
    this.serve('connect');
  }
  serverDisconnect(): void {
    this.connected = false;
    this.serve('disconnect', 'transport close');
  }
  /** Emits of one event, with their ack callbacks. */
  calls(event: string): Array<{ input: unknown; ack: (result: unknown) => void }> {
    return this.emitted.filter((e) => e.event === event).map((e) => ({ input: e.args[0], ack: e.args[1] as (result: unknown) => void }));
  }
  asSocket(): SocketLike {
    return this as unknown as SocketLike;
  }
}
