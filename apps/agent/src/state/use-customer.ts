import { useCallback, useEffect, useRef, useState } from 'react';
import type { Customer, TimelineEntry } from '../api/types.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { useSession } from './session-context.js';
import { useInterval } from './use-interval.js';

const TIMELINE_POLL_MS = 8_000;

/** The customer card and timeline; refreshed on CSAT, status changes and new messages. */
export function useCustomer(customerId: string | null): { customer: Customer | null; timeline: TimelineEntry[]; error: string | null } {
  const { api, socket, live } = useSession();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const idRef = useRef(customerId);
  idRef.current = customerId;
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    if (!customerId) return;
    try {
      const [c, entries] = await Promise.all([api.getCustomer(customerId), api.timeline(customerId)]);
      if (idRef.current !== customerId) return;
      setCustomer(c);
      setTimeline(entries);
      setError(null);
    } catch (e) {
      if (idRef.current === customerId) setError(e instanceof Error ? e.message : String(e));
    }
  }, [api, customerId]);

  useEffect(() => {
    setCustomer(null);
    setTimeline([]);
    void load();
  }, [load]);

  const soon = useCallback(() => {
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void load(), 500);
  }, [load]);
  useEffect(() => () => void (debounce.current && clearTimeout(debounce.current)), []);

  useInterval(() => void load(), live || !customerId ? null : TIMELINE_POLL_MS);
  useSocketEvent(socket, 'csat:recorded', (e) => e.customerId === idRef.current && soon());
  useSocketEvent(socket, 'conversation:updated', (e) => e.customerId === idRef.current && soon());
  useSocketEvent(socket, 'message:created', (e) => e.customerId === idRef.current && soon());
  useSocketEvent(socket, 'customer:context', (e) => e.customerId === idRef.current && soon());
  useSocketEvent(socket, 'routing', (e) => e.customerId === idRef.current && soon());
  useSocketEvent(socket, 'customer:merged', (e) => (e.from === idRef.current || e.into === idRef.current) && soon());

  return { customer, timeline, error };
}
