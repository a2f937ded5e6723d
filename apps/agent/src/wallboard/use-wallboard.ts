import { useCallback, useEffect, useState } from 'react';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { useSession } from '../state/session-context.js';
import { sharedAssistApi, type WallboardData } from '../assist/assist-api.js';

/** Refresh period of the board; socket events refresh it sooner. */
const REFRESH_MS = 3_000;

/**
 * The wallboard (rows, queues, agents), refreshed on a timer and right away on live events (new
 * message, status or handler change, an assist alert or help request).
 */
export function useWallboard(): { board: WallboardData | null; error: string | null; refresh: () => void } {
  const { socket } = useSession();
  const api = sharedAssistApi();
  const [board, setBoard] = useState<WallboardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let cancelled = false;
    api
      .wallboard()
      .then((r) => {
        if (cancelled) return;
        setBoard(r);
        setError(null);
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    const timer = setTimeout(refresh, REFRESH_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, tick, refresh]);

  useSocketEvent(socket, 'assist:alert', (event) => {
    setBoard((b) => b && { ...b, items: b.items.map((r) => (r.conversationId === event.conversationId ? { ...r, alert: event.alert } : r)) });
    refresh();
  });
  useSocketEvent(socket, 'message:created', refresh);
  useSocketEvent(socket, 'conversation:updated', refresh);
  return { board, error, refresh };
}
