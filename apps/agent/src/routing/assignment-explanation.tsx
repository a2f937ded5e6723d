import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { useSession } from '../state/session-context.js';
import { sharedRoutingApi, type ConversationRouting } from './routing-api.js';
import { explanationIn, routingText } from './routing-text.js';

/**
 * In the conversation header: why routing gave this conversation to its advisor (the newest
 * assignment's FR/EN sentence, in the UI language), with an SLA flag when it was escalated.
 * Renders nothing for a conversation routing never saw.
 */
export function AssignmentExplanation({ conversationId }: { conversationId: string }) {
  const { locale } = useI18n();
  const { socket } = useSession();
  const text = routingText(locale);
  const [routing, setRouting] = useState<ConversationRouting | null>(null);
  const load = useCallback(async () => {
    try {
      setRouting(await sharedRoutingApi().conversation(conversationId));
    } catch {
      setRouting(null);
    }
  }, [conversationId]);
  useEffect(() => {
    void load();
  }, [load]);
  useSocketEvent(socket, 'routing', (e) => e.conversationId === conversationId && void load());

  const latest = routing?.assignments.find((a) => a.status === 'active' || a.status === 'offered') ?? routing?.assignments[0];
  const sentence = explanationIn(latest?.explanation?.text, locale);
  if (!sentence) return null;
  return (
    <p className="routing-why routing-why--header" data-testid="conversation-explanation" data-status={latest?.status} title={text.whyAssigned}>
      <span aria-hidden="true">🧭 </span>
      <span className="visually-hidden">{text.whyAssigned}: </span>
      {sentence}
      {routing?.item?.escalated && (
        <span className="chip routing-sla" data-testid="conversation-sla-breached">
          SLA
        </span>
      )}
    </p>
  );
}
