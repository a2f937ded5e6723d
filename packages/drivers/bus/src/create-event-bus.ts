import type { EventBus } from '@parley/kernel';
import { LocalEventBus } from './local-event-bus.js';
import { RedisEventBus } from './redis-event-bus.js';
import type { BusErrorHandler } from './serial-delivery.js';

export interface CreateEventBusOptions {
  /** When set, events cross processes through Redis; otherwise they stay in this process. */
  redisUrl?: string | undefined;
  /** Redis channel prefix (default `parley:bus:`). */
  prefix?: string;
  onError?: BusErrorHandler;
}

/**
 * Picks the bus driver from configuration: Redis when a URL is given, in-process otherwise.
 *
 * @example
 * const bus = createEventBus({ redisUrl: config.redisUrl, onError: (err) => log.error({ err }, 'bus') });
 */
export function createEventBus(options: CreateEventBusOptions = {}): EventBus {
  if (options.redisUrl) {
    return new RedisEventBus({
      url: options.redisUrl,
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
  return new LocalEventBus(options.onError ? { onError: options.onError } : {});
}
