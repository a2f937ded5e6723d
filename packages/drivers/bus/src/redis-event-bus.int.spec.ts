import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { BusEvent } from '@parley/kernel';
import { describeEventBusContract } from './testing/index.js';
import { RedisEventBus } from './redis-event-bus.js';
import type { BusErrorContext } from './serial-delivery.js';
import { createEventBus } from './create-event-bus.js';

const redisUrl = process.env.PARLEY_TEST_REDIS_URL;
const quiet = (): void => undefined;

if (!redisUrl) {
  describe('RedisEventBus', () => {
    it.skip('needs PARLEY_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run against Redis', () => undefined);
  });
} else {
  const url = redisUrl;
  // A fresh channel prefix per test keeps runs (and parallel CI jobs) from hearing each other.
  const makePair = async (): Promise<RedisEventBus[]> => {
    const prefix = `parley:test:${randomUUID()}:`;
    return [new RedisEventBus({ url, prefix, onError: quiet }), new RedisEventBus({ url, prefix, onError: quiet })];
  };

  describeEventBusContract('RedisEventBus', makePair);

  describe('RedisEventBus', () => {
    const event = (name: string): BusEvent => ({ id: randomUUID(), name, workspaceId: randomUUID(), payload: {}, occurredAt: new Date().toISOString() });

    it('publishes JSON on prefix + name and reports malformed messages', async () => {
      const prefix = `parley:test:${randomUUID()}:`;
      const errors: BusErrorContext[] = [];
      const bus = new RedisEventBus({ url, prefix, onError: (_e, context) => errors.push(context) });
      const raw = new Redis(url);
      const got: BusEvent[] = [];
      try {
        await bus.subscribe('message.*', (e) => void got.push(e));
        await raw.publish(`${prefix}message.bad`, 'not json');
        const sent = event('message.good');
        await raw.publish(`${prefix}message.good`, JSON.stringify(sent));
        await waitUntil(() => got.length === 1);
        expect(got[0]).toEqual(sent);
        expect(errors).toEqual([{ source: 'decode' }]);
      } finally {
        await bus.close();
        await raw.quit();
      }
    });

    it('escapes glob characters in the prefix', async () => {
      const base = `parley:test:${randomUUID()}`;
      const bus = new RedisEventBus({ url, prefix: `${base}:[x]:`, onError: quiet });
      const neighbour = new RedisEventBus({ url, prefix: `${base}:x:`, onError: quiet });
      const got: string[] = [];
      try {
        await bus.subscribe('*', (e) => void got.push(e.name));
        await neighbour.publish(event('leak.test'));
        await bus.publish(event('own.test'));
        await waitUntil(() => got.length === 1);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(got).toEqual(['own.test']);
      } finally {
        await Promise.all([bus.close(), neighbour.close()]);
      }
    });

    it('resubscribes after the subscriber connection drops', async () => {
      const prefix = `parley:test:${randomUUID()}:`;
      const connectionName = `parley-test-${randomUUID()}`;
      const bus = new RedisEventBus({ url, prefix, onError: quiet, redisOptions: { connectionName } });
      const got: string[] = [];
      const admin = new Redis(url);
      try {
        await bus.subscribe('conn.*', (e) => void got.push(e.name));
        // Kill only this bus's subscriber connection: the Redis server is shared with other suites.
        const clients = String(await admin.call('CLIENT', 'LIST'));
        const line = clients.split('\n').find((l) => l.includes(` name=${connectionName}-sub `));
        const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
        expect(id).toBeDefined();
        await admin.call('CLIENT', 'KILL', 'ID', id ?? '');
        const deadline = Date.now() + 5_000;
        // Keep publishing until the reconnected subscriber hears one: the gap loses events by design.
        while (got.length === 0 && Date.now() < deadline) {
          await bus.publish(event('conn.after_reconnect'));
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(got[0]).toBe('conn.after_reconnect');
      } finally {
        await bus.close();
        await admin.quit();
      }
    });

    it('createEventBus with a Redis URL uses Redis', async () => {
      const bus = createEventBus({ redisUrl: url, onError: quiet });
      expect(bus).toBeInstanceOf(RedisEventBus);
      await bus.close();
    });
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for bus delivery');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
