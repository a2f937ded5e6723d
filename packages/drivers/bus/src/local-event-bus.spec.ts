import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BusEvent } from '@parley/kernel';
import { describeEventBusContract } from './testing/index.js';
import { LocalEventBus, LocalEventHub } from './local-event-bus.js';
import type { BusErrorContext } from './serial-delivery.js';
import { createEventBus } from './create-event-bus.js';

const quiet = (): void => undefined;

describeEventBusContract('LocalEventBus', async () => {
  const hub = new LocalEventHub();
  return [new LocalEventBus({ hub, onError: quiet }), new LocalEventBus({ hub, onError: quiet })];
});

function event(name: string, payload: unknown = {}): BusEvent {
  return { id: randomUUID(), name, workspaceId: randomUUID(), payload, occurredAt: new Date().toISOString() };
}

describe('LocalEventBus', () => {
  it('reports handler failures to onError with the event and pattern', async () => {
    const errors: Array<{ error: unknown; context: BusErrorContext }> = [];
    const bus = new LocalEventBus({ onError: (error, context) => errors.push({ error, context }) });
    await bus.subscribe('message.*', () => {
      throw new Error('boom');
    });
    const sent = event('message.received');
    await bus.publish(sent);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toHaveLength(1);
    expect((errors[0]?.error as Error).message).toBe('boom');
    expect(errors[0]?.context).toMatchObject({ source: 'handler', pattern: 'message.*', event: { id: sent.id } });
    await bus.close();
  });

  it('survives an onError that throws', async () => {
    const received: string[] = [];
    const bus = new LocalEventBus({
      onError: () => {
        throw new Error('bad logger');
      },
    });
    await bus.subscribe('*', () => {
      throw new Error('boom');
    });
    await bus.subscribe('*', (e) => void received.push(e.name));
    await bus.publish(event('a.one'));
    await bus.publish(event('a.two'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toEqual(['a.one', 'a.two']);
  });

  it('gives each handler its own JSON copy, like the Redis driver', async () => {
    const bus = new LocalEventBus();
    const seen: unknown[] = [];
    await bus.subscribe('*', (e) => {
      (e.payload as { n: number }).n = 99;
    });
    await bus.subscribe('*', (e) => void seen.push(e.payload));
    const at = new Date('2026-01-01T00:00:00Z');
    await bus.publish(event('x.y', { n: 1, at }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([{ n: 1, at: at.toISOString() }]);
  });

  it('keeps separate hubs apart', async () => {
    const a = new LocalEventBus();
    const b = new LocalEventBus();
    const got: string[] = [];
    await a.subscribe('*', (e) => void got.push(e.name));
    await b.publish(event('other.hub'));
    await a.publish(event('same.hub'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(got).toEqual(['same.hub']);
  });

  it('createEventBus without a Redis URL is in-process', () => {
    expect(createEventBus()).toBeInstanceOf(LocalEventBus);
  });
});
