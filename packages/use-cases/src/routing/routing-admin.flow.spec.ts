import { describe, expect, it } from 'vitest';
import { defaultQueue, type RoutingQueue } from '@parley/routing';
import { overflowLoop } from './routing-admin.flow.js';

const queue = (id: string, overflowTo: string | null = null): RoutingQueue =>
  defaultQueue({ id, workspaceId: 'w', name: id.toUpperCase(), overflow: overflowTo ? { afterSec: 60, queueId: overflowTo } : null });

describe('overflowLoop', () => {
  it('finds the loop a save would close, over one hop or several', () => {
    expect(overflowLoop([queue('a'), queue('b', 'a')], queue('a', 'b'))).toEqual(['A', 'B', 'A']);
    expect(overflowLoop([queue('a'), queue('b', 'c'), queue('c', 'a')], queue('a', 'b'))).toEqual(['A', 'B', 'C', 'A']);
    // Editing a queue in the middle of a chain that comes back to it.
    expect(overflowLoop([queue('a', 'b'), queue('b'), queue('c', 'a')], queue('b', 'c'))).toEqual(['B', 'C', 'A', 'B']);
  });

  it('accepts chains that end, a missing target, and loops this queue is not part of', () => {
    expect(overflowLoop([queue('a'), queue('b', 'c'), queue('c')], queue('a', 'b'))).toBeNull();
    expect(overflowLoop([queue('a')], queue('a', 'gone'))).toBeNull();
    expect(overflowLoop([queue('a'), queue('b', 'c'), queue('c', 'b')], queue('a', 'b'))).toBeNull();
    expect(overflowLoop([queue('a', 'b'), queue('b', 'a')], queue('a'))).toBeNull();
  });
});
