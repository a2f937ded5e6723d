import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationListItem } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { useSession } from '../state/session-context.js';
import type { Consent, ConnectorSection } from './customer-360-api.js';

export interface Customer360 {
  /** null while the first answer is awaited. */
  sections: ConnectorSection[] | null;
  consents: Consent[];
  conversations: ConversationListItem[];
  error: string | null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The customer's consents, conversations (with outcome) and the cards from the brand's systems.
 * Conversations and consents follow live events; cards are read when the customer or the
 * language changes (the server caches connector answers briefly).
 */
export function useCustomer360(customerId: string | null): Customer360 {
  const { api, socket } = useSession();
  const { locale } = useI18n();
  const [sections, setSections] = useState<ConnectorSection[] | null>(null);
  const [consents, setConsents] = useState<Consent[]>([]);
  const [conversations, setConversations] = useState<ConversationListItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const idRef = useRef(customerId);
  idRef.current = customerId;
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadStory = useCallback(async () => {
    if (!customerId) return;
    try {
      const [c, list] = await Promise.all([api.customerConsents(customerId), api.customerConversations(customerId)]);
      if (idRef.current !== customerId) return;
      setConsents(c);
      setConversations(list);
    } catch (e) {
      if (idRef.current === customerId) setError(message(e));
    }
  }, [api, customerId]);

  useEffect(() => {
    setConsents([]);
    setConversations([]);
    setError(null);
    void loadStory();
  }, [loadStory]);

  useEffect(() => {
    setSections(null);
    if (!customerId) return;
    let current = true;
    api.customerCards(customerId, locale).then(
      (items) => current && setSections(items),
      (e: unknown) => {
        if (!current) return;
        setSections([]);
        setError(message(e));
      },
    );
    return () => {
      current = false;
    };
  }, [api, customerId, locale]);

  const soon = useCallback(() => {
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void loadStory(), 500);
  }, [loadStory]);
  useEffect(() => () => void (debounce.current && clearTimeout(debounce.current)), []);
  useSocketEvent(socket, 'conversation:updated', (e) => e.customerId === idRef.current && soon());
  useSocketEvent(socket, 'csat:recorded', (e) => e.customerId === idRef.current && soon());
  useSocketEvent(socket, 'customer:merged', (e) => (e.from === idRef.current || e.into === idRef.current) && soon());

  return { sections, consents, conversations, error };
}
