import type { BusEvent, BusHandler, BusSubscription, EventBus } from '@parley/kernel';
import { assertEventName, matchesEventPattern, parseEventPattern, type EventPattern } from './event-pattern.js';
import { SerialDelivery, logBusError, type BusErrorHandler } from './serial-delivery.js';

interface LocalSubscription {
  pattern: EventPattern;
  delivery: SerialDelivery;
}

/**
 * The in-memory switchboard behind one or more {@link LocalEventBus} instances. Buses built on
 * the same hub see each other's events, like processes sharing one Redis.
 *
 * @example
 * const hub = new LocalEventHub();
 * const a = new LocalEventBus({ hub });
 * const b = new LocalEventBus({ hub });
 */
export class LocalEventHub {
  private readonly subscriptions = new Set<LocalSubscription>();

  /** @internal */
  add(subscription: LocalSubscription): void {
    this.subscriptions.add(subscription);
  }

  /** @internal */
  remove(subscription: LocalSubscription): void {
    subscription.delivery.stop();
    this.subscriptions.delete(subscription);
  }

  /** @internal */
  dispatch(event: BusEvent): void {
    // One JSON round trip per delivery: handlers get the same shapes as over Redis (a Date in a
    // payload becomes a string here too) and cannot mutate each other's copy.
    const wire = JSON.stringify(event);
    for (const subscription of this.subscriptions) {
      if (matchesEventPattern(subscription.pattern, event.name)) subscription.delivery.push(JSON.parse(wire) as BusEvent);
    }
  }
}

export interface LocalEventBusOptions {
  /** Share a hub to connect several buses in one process; by default each bus has its own. */
  hub?: LocalEventHub;
  /** Receives handler failures; defaults to stderr. */
  onError?: BusErrorHandler;
}

/**
 * In-process {@link EventBus} for the single-server deployment. Handlers run asynchronously,
 * in publish order per subscription; a throwing handler is reported to `onError` and affects
 * neither the publisher nor other handlers.
 *
 * @example
 * const bus = new LocalEventBus({ onError: (err) => log.error({ err }, 'bus handler failed') });
 * await bus.subscribe('message.*', (e) => console.log(e.name));
 * await bus.publish({ id, name: 'message.received', workspaceId, payload: {}, occurredAt: new Date().toISOString() });
 */
export class LocalEventBus implements EventBus {
  private readonly hub: LocalEventHub;
  private readonly onError: BusErrorHandler;
  private readonly own = new Set<LocalSubscription>();
  private closed = false;

  constructor(options: LocalEventBusOptions = {}) {
    this.hub = options.hub ?? new LocalEventHub();
    this.onError = options.onError ?? logBusError;
  }

  async subscribe(pattern: string, handler: BusHandler): Promise<BusSubscription> {
    this.assertOpen();
    const subscription: LocalSubscription = { pattern: parseEventPattern(pattern), delivery: new SerialDelivery(pattern, handler, this.onError) };
    this.own.add(subscription);
    this.hub.add(subscription);
    return {
      unsubscribe: async () => {
        this.own.delete(subscription);
        this.hub.remove(subscription);
      },
    };
  }

  async publish(event: BusEvent): Promise<void> {
    this.assertOpen();
    assertEventName(event.name);
    this.hub.dispatch(event);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const subscription of this.own) this.hub.remove(subscription);
    this.own.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EventBus is closed');
  }
}
