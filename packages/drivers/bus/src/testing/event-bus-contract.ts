import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusEvent, EventBus } from '@parley/kernel';

/**
 * Behaviour every {@link EventBus} driver must have. `makeBus` returns at least two connected
 * buses (for Redis: separate connections, standing for two processes); the suite closes them.
 *
 * @example
 * describeEventBusContract('LocalEventBus', async () => {
 *   const hub = new LocalEventHub();
 *   return [new LocalEventBus({ hub }), new LocalEventBus({ hub })];
 * });
 */
export function describeEventBusContract(name: string, makeBus: () => Promise<EventBus[]>): void {
  describe(`EventBus contract: ${name}`, () => {
    let a: EventBus;
    let b: EventBus;
    let all: EventBus[] = [];

    beforeEach(async () => {
      all = await makeBus();
      const [first, second] = all;
      if (!first || !second) throw new Error('makeBus must return at least two connected buses');
      a = first;
      b = second;
    });

    afterEach(async () => {
      await Promise.all(all.map((bus) => bus.close()));
    });

    it('delivers an exact name only to its subscribers', async () => {
      const got = collector();
      const end = collector();
      await a.subscribe('message.received', got.handler);
      await a.subscribe('test.end', end.handler);
      for (const n of ['message.sent', 'message.received', 'message.received.late', 'message', 'test.end']) await b.publish(event(n));
      await end.waitFor(1);
      expect(got.names()).toEqual(['message.received']);
    });

    it('delivers a prefix glob to every name under the prefix, at any depth', async () => {
      const got = collector();
      await a.subscribe('message.*', got.handler);
      for (const n of ['message.received', 'messages.received', 'conversation.assigned', 'message', 'message.delivery.failed']) await b.publish(event(n));
      await got.waitFor(2);
      await settle(b, [got]);
      expect(got.names()).toEqual(['message.received', 'message.delivery.failed', 'message.sentinel']);
    });

    it('delivers everything to *', async () => {
      const got = collector();
      await a.subscribe('*', got.handler);
      for (const n of ['message.received', 'conversation.assigned', 'customer']) await b.publish(event(n));
      await got.waitFor(3);
      expect(got.names()).toEqual(['message.received', 'conversation.assigned', 'customer']);
    });

    it('keeps payload, ids and metadata intact', async () => {
      const got = collector();
      await a.subscribe('message.received', got.handler);
      const sent = event('message.received', { text: 'héllo', n: 1, nested: { list: [1, 2] } });
      await b.publish(sent);
      await got.waitFor(1);
      expect(got.events[0]).toEqual(sent);
    });

    it('delivers exactly once per subscription, including to the publishing bus, with overlapping patterns', async () => {
      const exact = collector();
      const prefix = collector();
      const star = collector();
      const remote = collector();
      await a.subscribe('message.received', exact.handler);
      await a.subscribe('message.*', prefix.handler);
      await a.subscribe('*', star.handler);
      await b.subscribe('message.received', remote.handler);
      await a.publish(event('message.received'));
      await a.publish(event('message.received'));
      const marker = await settle(a, [exact, prefix, star, remote], 'message.received');
      for (const target of [exact, prefix, star, remote]) {
        expect(target.names()).toEqual(['message.received', 'message.received', 'message.received']);
        expect(target.events[2]?.id).toBe(marker.id);
      }
    });

    it('lets two buses see each other’s events', async () => {
      const onA = collector();
      const onB = collector();
      await a.subscribe('ping.*', onA.handler);
      await b.subscribe('ping.*', onB.handler);
      await a.publish(event('ping.from_a'));
      await b.publish(event('ping.from_b'));
      await onA.waitFor(2);
      await onB.waitFor(2);
      expect(onA.names().sort()).toEqual(['ping.from_a', 'ping.from_b']);
      expect(onB.names().sort()).toEqual(['ping.from_a', 'ping.from_b']);
    });

    it('stops delivering after unsubscribe, without affecting other subscribers of the same pattern', async () => {
      const leaving = collector();
      const staying = collector();
      const sub = await a.subscribe('message.*', leaving.handler);
      await a.subscribe('message.*', staying.handler);
      await b.publish(event('message.one'));
      await leaving.waitFor(1);
      await sub.unsubscribe();
      await sub.unsubscribe(); // idempotent
      await b.publish(event('message.two'));
      await staying.waitFor(2);
      await settle(b, [staying]);
      expect(leaving.names()).toEqual(['message.one']);
      expect(staying.names()).toEqual(['message.one', 'message.two', 'message.sentinel']);
    });

    it('can subscribe again to a pattern whose last subscriber left', async () => {
      const first = collector();
      const second = collector();
      const sub = await a.subscribe('message.received', first.handler);
      await sub.unsubscribe();
      await a.subscribe('message.received', second.handler);
      await b.publish(event('message.received'));
      await second.waitFor(1);
      expect(first.events).toHaveLength(0);
    });

    it('isolates handlers: a throwing handler affects neither the publisher nor other handlers', async () => {
      const good = collector();
      let thrown = 0;
      await a.subscribe('message.*', () => {
        thrown += 1;
        throw new Error('sync boom');
      });
      await a.subscribe('message.*', async () => {
        thrown += 1;
        await Promise.resolve();
        throw new Error('async boom');
      });
      await a.subscribe('message.*', good.handler);
      await expect(b.publish(event('message.one'))).resolves.toBeUndefined();
      await expect(a.publish(event('message.two'))).resolves.toBeUndefined();
      await good.waitFor(2);
      await waitUntil(() => thrown === 4);
      expect(good.names()).toEqual(['message.one', 'message.two']);
    });

    it('delivers the events of one publisher in publish order, even to a slow async handler', async () => {
      const seen: number[] = [];
      await a.subscribe('order.*', async (e) => {
        if ((e.payload as { i: number }).i % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
        seen.push((e.payload as { i: number }).i);
      });
      const count = 100;
      // Issued back to back without awaiting each one, as a busy publisher would.
      await Promise.all(Array.from({ length: count }, (_, i) => b.publish(event('order.placed', { i }))));
      await waitUntil(() => seen.length === count);
      expect(seen).toEqual(Array.from({ length: count }, (_, i) => i));
    });

    it('rejects invalid patterns and event names', async () => {
      await expect(a.subscribe('mess*age', () => undefined)).rejects.toThrow(TypeError);
      await expect(a.publish(event('message.*'))).rejects.toThrow(TypeError);
    });

    it('closes idempotently and refuses work afterwards', async () => {
      const got = collector();
      await b.subscribe('*', got.handler);
      await Promise.all([a.close(), a.close()]);
      await a.close();
      await expect(a.publish(event('message.received'))).rejects.toThrow(/closed/);
      await expect(a.subscribe('*', () => undefined)).rejects.toThrow(/closed/);
      // The other bus keeps working.
      await b.publish(event('still.alive'));
      await got.waitFor(1);
    });
  });
}

function event(name: string, payload: unknown = {}): BusEvent {
  return { id: randomUUID(), name, workspaceId: randomUUID(), payload, occurredAt: new Date().toISOString() };
}

interface Collector {
  events: BusEvent[];
  handler: (event: BusEvent) => void;
  names(): string[];
  waitFor(count: number): Promise<void>;
}

function collector(): Collector {
  const events: BusEvent[] = [];
  return {
    events,
    handler: (e) => {
      events.push(e);
    },
    names: () => events.map((e) => e.name),
    waitFor: (count) => waitUntil(() => events.length >= count),
  };
}

/**
 * Publishes a sentinel and waits for it: per-subscription ordering means everything published
 * before it has arrived, so duplicates or leaks would be visible now.
 */
async function settle(publisher: EventBus, targets: Collector[], name = 'message.sentinel'): Promise<BusEvent> {
  const marker = event(name, { sentinel: true });
  await publisher.publish(marker);
  await waitUntil(() => targets.every((target) => target.events.some((e) => e.id === marker.id)));
  return marker;
}

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for bus delivery');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
