import { Redis, type RedisOptions } from 'ioredis';
import type { BusEvent, BusHandler, BusSubscription, EventBus } from '@parley/kernel';
import { assertEventName, parseEventPattern } from './event-pattern.js';
import { SerialDelivery, logBusError, reportBusError, type BusErrorHandler } from './serial-delivery.js';

export interface RedisEventBusOptions {
  /** redis:// or rediss:// URL. */
  url: string;
  /** Channel prefix; the channel of an event is prefix + name. Default `parley:bus:`. */
  prefix?: string;
  /** Extra ioredis options for both connections; `connectionName` gets a `-pub` / `-sub` suffix. */
  redisOptions?: RedisOptions;
  /** Receives handler, decoding and connection errors; defaults to stderr. */
  onError?: BusErrorHandler;
}

/** One Redis-level subscription (a channel or a pattern) shared by every local subscriber on it. */
interface Route {
  command: 'subscribe' | 'psubscribe';
  target: string;
  deliveries: Set<SerialDelivery>;
  ready: Promise<unknown>;
}

const DEFAULT_PREFIX = 'parley:bus:';

/**
 * {@link EventBus} over Redis pub/sub for multi-process deployments. One connection publishes,
 * one is in subscriber mode; each distinct pattern is subscribed once in Redis and fanned out
 * locally. A process receives its own events through Redis only, so exactly once. ioredis
 * reconnects and resubscribes by itself; events published while a connection is down are lost
 * (the bus is best-effort by contract).
 *
 * @example
 * const bus = new RedisEventBus({ url: 'redis://127.0.0.1:6379' });
 * await bus.subscribe('conversation.*', (e) => io.to(e.workspaceId).emit(e.name, e.payload));
 * await bus.close();
 */
export class RedisEventBus implements EventBus {
  private readonly prefix: string;
  private readonly onError: BusErrorHandler;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly routes = new Map<string, Route>();
  private closing: Promise<void> | undefined;

  constructor(options: RedisEventBusOptions) {
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    this.onError = options.onError ?? logBusError;
    const redisOptions: RedisOptions = { ...options.redisOptions, autoResubscribe: true };
    // Named connections are easy to spot in CLIENT LIST.
    const name = options.redisOptions?.connectionName ?? 'parley-bus';
    this.publisher = new Redis(options.url, { ...redisOptions, connectionName: `${name}-pub` });
    this.subscriber = new Redis(options.url, { ...redisOptions, connectionName: `${name}-sub` });
    // Without listeners ioredis prints "Unhandled error event"; report through onError instead.
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: unknown) => reportBusError(this.onError, error, { source: 'connection' }));
    }
    this.subscriber.on('message', (channel: string, message: string) => this.route(`subscribe:${channel}`, message));
    this.subscriber.on('pmessage', (pattern: string, _channel: string, message: string) => this.route(`psubscribe:${pattern}`, message));
  }

  async subscribe(pattern: string, handler: BusHandler): Promise<BusSubscription> {
    this.assertOpen();
    const parsed = parseEventPattern(pattern);
    const [command, target] =
      parsed.kind === 'exact'
        ? (['subscribe', this.prefix + parsed.name] as const)
        : (['psubscribe', `${escapeGlob(this.prefix + (parsed.kind === 'prefix' ? parsed.prefix : ''))}*`] as const);
    const key = `${command}:${target}`;
    let route = this.routes.get(key);
    if (!route) {
      const ready = command === 'subscribe' ? this.subscriber.subscribe(target) : this.subscriber.psubscribe(target);
      route = { command, target, deliveries: new Set(), ready };
      this.routes.set(key, route);
    }
    const delivery = new SerialDelivery(pattern, handler, this.onError);
    route.deliveries.add(delivery);
    try {
      // Resolve only once Redis confirmed, so an event published right after is received.
      await route.ready;
    } catch (error) {
      route.deliveries.delete(delivery);
      if (this.routes.get(key) === route && route.deliveries.size === 0) this.routes.delete(key);
      throw error;
    }
    const current = route;
    return { unsubscribe: () => this.unsubscribe(key, current, delivery) };
  }

  async publish(event: BusEvent): Promise<void> {
    this.assertOpen();
    assertEventName(event.name);
    await this.publisher.publish(this.prefix + event.name, JSON.stringify(event));
  }

  /** Readiness probe: a PING round trip on the publisher connection. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.publisher.ping();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async unsubscribe(key: string, route: Route, delivery: SerialDelivery): Promise<void> {
    delivery.stop();
    if (!route.deliveries.delete(delivery) || route.deliveries.size > 0) return;
    if (this.routes.get(key) !== route) return;
    this.routes.delete(key);
    if (this.closing) return;
    // Commands on one connection run in order, so a later re-subscribe of the same target wins.
    if (route.command === 'subscribe') await this.subscriber.unsubscribe(route.target);
    else await this.subscriber.punsubscribe(route.target);
  }

  private route(key: string, message: string): void {
    const route = this.routes.get(key);
    if (!route) return;
    const event = decodeEvent(message);
    if (!event) {
      reportBusError(this.onError, new Error(`Malformed bus message on ${route.target}`), { source: 'decode' });
      return;
    }
    // Each subscriber gets its own copy so that one handler mutating the event cannot affect another.
    let first = true;
    for (const delivery of route.deliveries) {
      delivery.push(first ? event : (JSON.parse(message) as BusEvent));
      first = false;
    }
  }

  private async shutdown(): Promise<void> {
    for (const route of this.routes.values()) for (const delivery of route.deliveries) delivery.stop();
    this.routes.clear();
    await Promise.all([quit(this.publisher), quit(this.subscriber)]);
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('EventBus is closed');
  }
}

/** QUIT when connected (flushes pending commands); otherwise drop the socket and stop reconnecting. */
async function quit(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // Fall through to a hard disconnect.
    }
  }
  client.disconnect(false);
}

function decodeEvent(message: string): BusEvent | undefined {
  try {
    const value: unknown = JSON.parse(message);
    if (typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string') return value as BusEvent;
  } catch {
    // Reported by the caller.
  }
  return undefined;
}

/** Redis glob metacharacters in a literal prefix must not act as wildcards. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, '\\$&');
}
