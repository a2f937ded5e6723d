import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation, ConversationStatus, Message, Visibility } from '../api/types.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { saveReadSeq } from './read-markers.js';
import { POLL_MS, useSession } from './session-context.js';
import { mergeMessages, setDeliveryStatus } from './thread-messages.js';
import { useInterval } from './use-interval.js';

export interface ThreadModel {
  conversation: Conversation | null;
  messages: Message[];
  loading: boolean;
  error: string | null;
  customerTyping: boolean;
  send: (text: string, visibility: Visibility) => Promise<void>;
  setStatus: (status: ConversationStatus) => Promise<Conversation>;
  /** Debounced on the caller's side: true while the agent types. */
  emitTyping: (isTyping: boolean) => void;
}

const TYPING_TTL_MS = 6_000;

const newKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** The open conversation: its messages (REST + live), typing, read receipts, replies. */
export function useConversationThread(conversationId: string | null, onRead: (conversationId: string) => void): ThreadModel {
  const { api, me, socket, live } = useSession();
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [customerTyping, setCustomerTyping] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const idRef = useRef(conversationId);
  idRef.current = conversationId;

  const reload = useCallback(async () => {
    if (!conversationId) return;
    try {
      const [c, list] = await Promise.all([api.getConversation(conversationId), api.listMessages(conversationId)]);
      if (idRef.current !== conversationId) return;
      setConversation(c);
      setMessages((prev) => mergeMessages(prev, list));
      setError(null);
    } catch (e) {
      if (idRef.current === conversationId) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (idRef.current === conversationId) setLoading(false);
    }
  }, [api, conversationId]);

  useEffect(() => {
    setConversation(null);
    setMessages([]);
    setCustomerTyping(false);
    setError(null);
    if (!conversationId) return;
    setLoading(true);
    void reload();
  }, [conversationId, reload]);

  useInterval(() => void reload(), live || !conversationId ? null : POLL_MS);
  useEffect(() => {
    if (live) void reload();
  }, [live, reload]);

  // Read receipt: the last seq on screen.
  const lastSeq = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (!conversationId || lastSeq === 0) return;
    saveReadSeq(me.user.id, conversationId, lastSeq);
    socket?.emit('read', { conversationId, seq: lastSeq });
    onRead(conversationId);
  }, [conversationId, lastSeq, socket, live, me.user.id, onRead]);

  useSocketEvent(socket, 'message:created', (event) => {
    if (event.conversationId !== idRef.current) return;
    setMessages((prev) => mergeMessages(prev, [event.message]));
    if (event.message.author.kind === 'customer') setCustomerTyping(false);
  });
  useSocketEvent(socket, 'message:updated', (event) => {
    if (event.conversationId === idRef.current) setMessages((prev) => mergeMessages(prev, [event.message]));
  });
  useSocketEvent(socket, 'message:status', (event) => {
    if (event.conversationId === idRef.current) setMessages((prev) => setDeliveryStatus(prev, event.messageId, event.status));
  });
  useSocketEvent(socket, 'conversation:updated', (event) => {
    const id = idRef.current;
    if (event.conversationId === id)
      api.getConversation(id).then(
        (c) => idRef.current === id && setConversation(c),
        () => undefined,
      );
  });
  useSocketEvent(socket, 'typing', (event) => {
    if (event.conversationId !== idRef.current) return;
    setCustomerTyping(event.isTyping);
    if (typingTimer.current) clearTimeout(typingTimer.current);
    if (event.isTyping) typingTimer.current = setTimeout(() => setCustomerTyping(false), TYPING_TTL_MS);
  });
  useEffect(() => () => void (typingTimer.current && clearTimeout(typingTimer.current)), []);

  const send = useCallback(
    async (text: string, visibility: Visibility) => {
      if (!conversationId) return;
      const result = await api.sendMessage(conversationId, text, visibility, newKey());
      const message: Message = {
        id: result.messageId,
        conversationId,
        seq: result.seq,
        channelId: conversation?.channelId ?? '',
        direction: visibility === 'public' ? 'outbound' : 'internal',
        author: { kind: 'agent', id: me.user.id },
        visibility,
        content: { v: 1, blocks: [{ type: 'text', text }] },
        text,
        deliveryStatus: result.deliveryStatus,
        createdAt: new Date().toISOString(),
      };
      if (idRef.current === conversationId) setMessages((prev) => mergeMessages(prev, [message]));
    },
    [api, conversationId, conversation?.channelId, me.user.id],
  );

  const setStatus = useCallback(
    async (status: ConversationStatus) => {
      if (!conversationId) throw new Error('no conversation');
      const updated = await api.setStatus(conversationId, status);
      if (idRef.current === conversationId) setConversation(updated);
      return updated;
    },
    [api, conversationId],
  );

  const emitTyping = useCallback(
    (isTyping: boolean) => {
      if (conversationId) socket?.emit('typing', { conversationId, isTyping });
    },
    [socket, conversationId],
  );

  return { conversation, messages, loading, error, customerTyping, send, setStatus, emitTyping };
}
