import { useEffect, useRef, useState } from 'react';
import type { AgentServerEvents } from '@parley/realtime-protocol';
import { connectAgentSocket, type AgentSocket } from './agent-socket.js';

/** One socket for the logged-in session, and whether it is connected now. */
export function useAgentSocket(enabled: boolean): { socket: AgentSocket | null; connected: boolean } {
  const [socket, setSocket] = useState<AgentSocket | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const s = connectAgentSocket();
    const up = () => setConnected(true);
    const down = () => setConnected(false);
    s.on('connect', up);
    s.on('disconnect', down);
    s.on('connect_error', down);
    setSocket(s);
    return () => {
      s.off('connect', up);
      s.off('disconnect', down);
      s.off('connect_error', down);
      s.disconnect();
      setSocket(null);
      setConnected(false);
    };
  }, [enabled]);
  return { socket, connected };
}

/** Subscribes to a server event for the component's life; the latest handler is always called. */
export function useSocketEvent<E extends keyof AgentServerEvents>(socket: AgentSocket | null, event: E, handler: AgentServerEvents[E]): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<AgentServerEvents[E]>) =>
      (ref.current as (...a: Parameters<AgentServerEvents[E]>) => void)(...args)) as AgentServerEvents[E];
    // socket.io's typed `on` needs the event-map generic spelled out.
    (socket.on as (e: E, l: AgentServerEvents[E]) => void)(event, listener);
    return () => {
      (socket.off as (e: E, l: AgentServerEvents[E]) => void)(event, listener);
    };
  }, [socket, event]);
}
