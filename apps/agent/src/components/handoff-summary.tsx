import { useCallback, useEffect, useState } from 'react';
import '../bots/bots.css';
import { handoffPayloadOf, type HandoffPayload } from '../bots/bots-api.js';
import { botsText } from '../bots/bots-text.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { useSession } from '../state/session-context.js';

/**
 * At the top of a conversation the virtual agent handed over: what it understood, first —
 * detected intent, collected slots, sentiment trend and the last messages — from the newest
 * `bot.handoff` event of this conversation on the customer's timeline. Renders nothing otherwise.
 */
export function HandoffSummary({ conversationId, customerId }: { conversationId: string; customerId: string | null }) {
  const { locale } = useI18n();
  const { api, socket } = useSession();
  const text = botsText(locale);
  const [handoff, setHandoff] = useState<HandoffPayload | null>(null);
  const load = useCallback(async () => {
    if (!customerId) return;
    try {
      const entries = await api.timeline(customerId);
      const latest = [...entries].reverse().find((e) => e.kind === 'event' && e.type === 'bot.handoff' && e.conversationId === conversationId);
      setHandoff(latest && latest.kind === 'event' ? handoffPayloadOf(latest.payload) : null);
    } catch {
      setHandoff(null);
    }
  }, [api, customerId, conversationId]);
  useEffect(() => {
    void load();
  }, [load]);
  // The handoff commits with the handler change: reload when routing hears of this conversation.
  useSocketEvent(socket, 'routing', (e) => e.conversationId === conversationId && void load());

  if (!handoff) return null;
  const { summary } = handoff;
  const slots = Object.entries(summary.slots);
  const reason = text.reasons[handoff.reason] ?? handoff.reason;
  return (
    <section className="handoff-summary" data-testid="handoff-summary" aria-label={text.summaryTitle}>
      <h2 className="handoff-summary__title">
        <span aria-hidden="true">🤖 </span>
        {text.summaryTitle}
      </h2>
      <dl className="handoff-summary__facts">
        <dt>{text.reason}</dt>
        <dd data-testid="handoff-reason" data-reason={handoff.reason}>
          {reason}
        </dd>
        <dt>{text.intent}</dt>
        <dd data-testid="handoff-intent" data-intent={summary.intent ?? ''}>
          {summary.intent ?? text.noIntent}
        </dd>
        <dt>{text.slots}</dt>
        <dd>
          {slots.length === 0
            ? text.noSlots
            : slots.map(([name, value]) => (
                <span key={name} className="chip handoff-summary__slot" data-testid="handoff-slot" data-slot={name}>
                  {name} : {value}
                </span>
              ))}
        </dd>
        <dt>{text.sentiment}</dt>
        <dd data-testid="handoff-sentiment" data-direction={summary.sentimentTrend.direction}>
          {text.trend[summary.sentimentTrend.direction] ?? summary.sentimentTrend.direction} ({summary.sentimentTrend.current.toFixed(2)})
        </dd>
      </dl>
      <h3 className="handoff-summary__subtitle">{text.lastMessages}</h3>
      <ol className="handoff-summary__messages">
        {summary.lastMessages.map((m, i) => (
          <li key={`${m.at}-${i}`} className={`handoff-summary__message handoff-summary__message--${m.from}`} data-testid="handoff-last-message" data-from={m.from}>
            <span className="handoff-summary__from">{m.from === 'bot' ? text.bot : text.customer}</span> {m.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
