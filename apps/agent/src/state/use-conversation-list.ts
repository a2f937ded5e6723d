import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation, Customer } from '../api/types.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import {
  applyMessageCreated,
  markRead,
  setSummary,
  statusesOf,
  summarizeMessages,
  upsertConversations,
  visibleItems,
  type ListFilter,
  type ListItem,
  type ListState,
} from './conversation-list.js';
import { readSeqOf } from './read-markers.js';
import { POLL_MS, useSession } from './session-context.js';
import { useInterval } from './use-interval.js';

export interface ConversationListModel {
  items: ListItem[];
  customers: ReadonlyMap<string, Customer>;
  loading: boolean;
  error: string | null;
  markConversationRead: (conversationId: string) => void;
  /** Apply a conversation the thread view fetched or changed (e.g. resolved). */
  upsert: (conversation: Conversation) => void;
}

/** The list for a filter: REST pages merged with live events, previews and unread counts. */
export function useConversationList(filter: ListFilter, activeId: string | null): ConversationListModel {
  const { api, me, socket, live } = useSession();
  const [state, setState] = useState<ListState>({});
  const [customers, setCustomers] = useState<ReadonlyMap<string, Customer>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const activeRef = useRef(activeId);
  activeRef.current = activeId;
  const requestedCustomers = useRef(new Set<string>());
  const summaryQueue = useRef(new Set<string>());
  const summaryRunning = useRef(0);

  const loadCustomers = useCallback(
    (ids: readonly string[]) => {
      for (const id of ids) {
        if (requestedCustomers.current.has(id)) continue;
        requestedCustomers.current.add(id);
        api.getCustomer(id).then(
          (customer) => setCustomers((prev) => new Map(prev).set(id, customer)),
          () => requestedCustomers.current.delete(id),
        );
      }
    },
    [api],
  );

  // Previews and unread counts need the messages: fetched two conversations at a time.
  const pumpSummaries = useCallback(() => {
    while (summaryRunning.current < 2 && summaryQueue.current.size > 0) {
      const id = summaryQueue.current.values().next().value as string;
      summaryQueue.current.delete(id);
      summaryRunning.current++;
      api
        .listMessages(id)
        .then(
          (messages) => {
            const readSeq = activeRef.current === id ? Number.MAX_SAFE_INTEGER : readSeqOf(me.user.id, id);
            setState((prev) => setSummary(prev, id, summarizeMessages(messages, readSeq)));
          },
          () => undefined,
        )
        .finally(() => {
          summaryRunning.current--;
          pumpSummaries();
        });
    }
  }, [api, me.user.id]);

  const merge = useCallback(
    (conversations: readonly Conversation[]) => {
      const before = stateRef.current;
      for (const c of conversations) {
        const known = before[c.id];
        if (!known || !known.preview || known.conversation.lastSeq !== c.lastSeq) summaryQueue.current.add(c.id);
      }
      setState((prev) => upsertConversations(prev, conversations));
      loadCustomers(conversations.map((c) => c.customerId));
      pumpSummaries();
    },
    [loadCustomers, pumpSummaries],
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

  const fetchOne = useCallback(
    (conversationId: string) => {
      api.getConversation(conversationId).then(
        (c) => merge([c]),
        () => undefined,
      );
    },
    [api, merge],
  );

  useSocketEvent(socket, 'message:created', (event) => {
    const result = applyMessageCreated(stateRef.current, event, activeRef.current);
    if (!result.known) fetchOne(event.conversationId);
    else setState((prev) => applyMessageCreated(prev, event, activeRef.current).state);
  });
  useSocketEvent(socket, 'conversation:updated', (event) => fetchOne(event.conversationId));
  // A merged visitor's conversations now belong to another customer: refetch names and the list.
  useSocketEvent(socket, 'customer:merged', (event) => {
    requestedCustomers.current.delete(event.into);
    loadCustomers([event.into]);
    void refresh();
  });

  return {
    items: visibleItems(state, filter),
    customers,
    loading,
    error,
    markConversationRead: useCallback((id: string) => setState((prev) => markRead(prev, id)), []),
    upsert: useCallback((c: Conversation) => setState((prev) => upsertConversations(prev, [c])), []),
  };
}
