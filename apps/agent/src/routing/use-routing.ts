import { useCallback, useEffect, useRef, useState } from 'react';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { POLL_MS, useSession } from '../state/session-context.js';
import { useInterval } from '../state/use-interval.js';
import { sharedRoutingApi, type MyRouting, type QueueStats, type RoutingQueue } from './routing-api.js';

/** While live, a slow safety poll still runs (estimated waits move without events). */
const LIVE_POLL_MS = 15_000;

export interface QueueView {
  queue: RoutingQueue;
  stats: QueueStats | null;
}

export interface RoutingState {
  /** False while loading, or when routing is off / not allowed for this account. */
  enabled: boolean;
  queues: QueueView[];
  mine: MyRouting | null;
  error: string | null;
  refresh: () => void;
  pull: (queueId: string) => Promise<string | null>;
  accept: (offerId: string) => Promise<string>;
  decline: (offerId: string) => Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The queue panel's data: queues with their statistics and the agent's own offers and
 * assignments. Refetched on the routing socket events (debounced), polled as a fallback.
 */
export function useRouting(): RoutingState {
  const { socket, live } = useSession();
  const api = sharedRoutingApi();
  const [enabled, setEnabled] = useState(false);
  const [queues, setQueues] = useState<QueueView[]>([]);
  const [mine, setMine] = useState<MyRouting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);

  const load = useCallback(async () => {
    let list: RoutingQueue[];
    try {
      list = (await api.queues()).items;
    } catch {
      // Routing off on this server, or no access: the panel stays hidden.
      if (alive.current) setEnabled(false);
      return;
    }
    const [stats, my] = await Promise.all([
      Promise.all(list.map((q) => api.stats(q.id).catch(() => null))),
      api.mine().catch(() => null),
    ]);
    if (!alive.current) return;
    setQueues(list.map((queue, i) => ({ queue, stats: stats[i] ?? null })));
    setMine(my);
    setEnabled(true);
  }, [api]);

  useEffect(() => {
    alive.current = true;
    void load();
    return () => {
      alive.current = false;
      if (debounce.current) clearTimeout(debounce.current);
    };
  }, [load]);

  const soon = useCallback(() => {
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void load(), 250);
  }, [load]);

  useInterval(() => void load(), live ? LIVE_POLL_MS : POLL_MS);
  useSocketEvent(socket, 'routing', soon);
  useSocketEvent(socket, 'presence', soon);
  useSocketEvent(socket, 'message:created', (e) => e.message.author.kind === 'customer' && soon());
  useSocketEvent(socket, 'conversation:updated', soon);
  // A reconnect may have missed events.
  useEffect(() => {
    if (live) soon();
  }, [live, soon]);

  const run = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T> => {
      setError(null);
      try {
        return await work();
      } catch (e) {
        setError(message(e));
        throw e;
      } finally {
        soon();
      }
    },
    [soon],
  );

  return {
    enabled,
    queues,
    mine,
    error,
    refresh: soon,
    pull: (queueId) => run(async () => (await api.pull(queueId))?.conversationId ?? null),
    accept: (offerId) => run(async () => (await api.accept(offerId)).conversationId),
    decline: (offerId) => run(() => api.decline(offerId).then(() => undefined)),
  };
}
