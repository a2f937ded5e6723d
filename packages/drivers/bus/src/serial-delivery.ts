import type { BusEvent, BusHandler } from '@parley/kernel';

/** Where handler failures go; a bus never lets them reach the publisher or other handlers. */
export type BusErrorHandler = (error: unknown, context: BusErrorContext) => void;

export interface BusErrorContext {
  /** `handler`: a subscriber threw; `decode`: a message from Redis was not a valid event; `connection`: a Redis client error. */
  source: 'handler' | 'decode' | 'connection';
  pattern?: string;
  event?: BusEvent;
}

/** Default error sink: stderr, so a failing handler is visible even when nobody wired a logger. */
export const logBusError: BusErrorHandler = (error, context) => {
  console.error(`[parley/bus] ${context.source} error${context.pattern ? ` (pattern ${context.pattern})` : ''}`, error);
};

/**
 * Delivers events to one handler, one at a time and in arrival order, even when the handler is
 * async. Each subscription owns one, so a slow or failing handler only delays itself.
 *
 * @example
 * const delivery = new SerialDelivery('message.*', handler, logBusError);
 * delivery.push(event);
 */
export class SerialDelivery {
  private tail: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    readonly pattern: string,
    private readonly handler: BusHandler,
    private readonly onError: BusErrorHandler,
  ) {}

  push(event: BusEvent): void {
    if (this.stopped) return;
    this.tail = this.tail.then(() => this.deliver(event));
  }

  /** No handler call starts after this, including for events already queued. */
  stop(): void {
    this.stopped = true;
  }

  private async deliver(event: BusEvent): Promise<void> {
    if (this.stopped) return;
    try {
      await this.handler(event);
    } catch (error) {
      reportBusError(this.onError, error, { source: 'handler', pattern: this.pattern, event });
    }
  }
}

/** Calls the error sink, swallowing its own failure: error reporting must never break delivery. */
export function reportBusError(onError: BusErrorHandler, error: unknown, context: BusErrorContext): void {
  try {
    onError(error, context);
  } catch {
    // Nothing sensible left to do with an error raised by the error handler itself.
  }
}
