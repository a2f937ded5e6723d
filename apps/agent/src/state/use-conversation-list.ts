import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation, ConversationListItem, CustomerName } from '../api/types.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import {
  applyMessageCreated,
  markRead,
  statusesOf,
  upsertConversations,
  upsertListItems,
  visibleItems,
  type ListFilter,
  type ListItem,
  type ListState,
} from './conversation-list.js';
import { readSeqOf } from './read-markers.js';
import { POLL_MS, useSession } from './session-context.js';
import { useInterval } from './use-interval.js';

/** A conversation new to the list waits this long for others before the first page is refetched. */
const NEW_CONVERSATION_DEBOUNCE_MS = 250;

export interface ConversationListModel {
  items: ListItem[];
  customers: ReadonlyMap<string, CustomerName>;
  loading: boolean;
  error: string | null;
  markConversationRead: (conversationId: string) => void;
  /** Apply a conversation the thread view fetched or changed (e.g. resolved). */
  upsert: (conversation: Conversation) => void;
}

/**
 * The list for a filter: REST pages (each item carries its customer's name, preview and unread
 * count, so nothing is fetched per conversation) merged with live events.
 */
export function useConversationList(filter: ListFilter, activeId: string | null): ConversationListModel {
  const { api, me, socket, live } = useSession();
  const [state, setState] = useState<ListState>({});
  const [customers, setCustomers] = useState<ReadonlyMap<string, CustomerName>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const activeRef = useRef(activeId);
  activeRef.current = activeId;
  const pendingRefresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  const merge = useCallback(
    (items: readonly ConversationListItem[]) => {
      const readSeq = (id: string) => (activeRef.current === id ? Number.MAX_SAFE_INTEGER : readSeqOf(me.user.id, id));
      setState((prev) => upsertListItems(prev, items, readSeq));
      setCustomers((prev) => {
        const next = new Map(prev);
        for (const { customer } of items) next.set(customer.id, { id: customer.id, displayName: customer.name });
        return next;
      });
    },
    [me.user.id],
  );

  const refresh = useCallback(async () => {
    const statuses = statusesOf(filter);
    try {
      const pages = await Promise.all((statuses ?? [null]).map((status) => api.listConversations(status)));
      merge(pages.flatMap((p) => p.items));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }, [api, filter, merge]);

  useEffect(() => {
    setLoading(true);
    void refresh();
  }, [refresh]);

  // Without the socket, poll the list.
  useInterval(() => void refresh(), live ? null : POLL_MS);
  // Reconnected: catch up on what was missed.
  useEffect(() => {
    if (live) void refresh();
  }, [live, refresh]);

  // A conversation the list does not know yet (new, or now matching the filter): refetch the
  // first pages once for a burst of events; they carry its name and preview.
  const refreshSoon = useCallback(() => {
    if (pendingRefresh.current) return;
    pendingRefresh.current = setTimeout(() => {
      pendingRefresh.current = null;
      void refresh();
    }, NEW_CONVERSATION_DEBOUNCE_MS);
  }, [refresh]);
  useEffect(() => () => void (pendingRefresh.current && clearTimeout(pendingRefresh.current)), []);

  useSocketEvent(socket, 'message:created', (event) => {
    const result = applyMessageCreated(stateRef.current, event, activeRef.current);
    if (!result.known) refreshSoon();
    else setState((prev) => applyMessageCreated(prev, event, activeRef.current).state);
  });
  useSocketEvent(socket, 'conversation:updated', (event) => {
    if (!stateRef.current[event.conversationId]) return refreshSoon();
    api.getConversation(event.conversationId).then(
      (c) => setState((prev) => upsertConversations(prev, [c])),
      () => undefined,
    );
  });
  // A merged visitor's conversations now belong to another customer: the list brings the new names.
  useSocketEvent(socket, 'customer:merged', () => void refresh());

  return {
    items: visibleItems(state, filter),
    customers,
    loading,
    error,
    markConversationRead: useCallback((id: string) => setState((prev) => markRead(prev, id)), []),
    upsert: useCallback((c: Conversation) => setState((prev) => upsertConversations(prev, [c])), []),
  };
}
