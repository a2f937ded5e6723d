import type { ConversationListItem, TimelineEntry } from '../api/types.js';
import { csatAspects } from '../format/timeline-format.js';
import { fullTime, shortTime } from '../format/time-format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import type { Consent } from './customer-360-api.js';
import { customer360Text } from './customer-360-text.js';
import { storiesByConversation } from './customer-story.js';

/** The customer's consents and conversations with their status, wrap-up outcome and CSAT: the story at a glance. */
export function CustomerHistory({
  consents,
  conversations,
  timeline,
  activeConversationId,
}: {
  consents: Consent[];
  conversations: ConversationListItem[];
  timeline: readonly TimelineEntry[];
  activeConversationId: string | null;
}) {
  const { t, locale } = useI18n();
  const { channels } = useSession();
  const text = customer360Text(locale);
  const stories = storiesByConversation(timeline, locale);
  return (
    <>
      {consents.length > 0 && (
        <section className="panel-section" aria-labelledby="consents-title">
          <h3 id="consents-title" className="panel-section__title">
            {text.consents}
          </h3>
          <ul className="consent-list" data-testid="consent-list">
            {consents.map((c) => (
              <li key={c.id} className="consent" data-testid="consent-item" data-status={c.status}>
                <span className="consent__purpose">{c.purpose}</span>
                <span className="consent__address">
                  {c.channelType ?? c.addressKind} · {c.address}
                </span>
                <span className={`chip consent__status consent__status--${c.status}`} title={fullTime(c.recordedAt, locale)}>
                  {c.status === 'granted' ? text.granted : text.revoked}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {conversations.length > 0 && (
        <section className="panel-section" aria-labelledby="past-conversations-title">
          <h3 id="past-conversations-title" className="panel-section__title">
            {text.conversations}
          </h3>
          <ul className="past-conversations" data-testid="past-conversations">
            {conversations.map((c) => {
              const story = stories.get(c.id);
              const aspects = story?.csat ? csatAspects(story.csat, t) : [];
              const at = c.lastMessage?.at ?? c.updatedAt;
              return (
                <li key={c.id} className="past-conversation" data-testid="past-conversation" data-status={c.status} data-conversation-id={c.id}>
                  <span className="past-conversation__top">
                    <time dateTime={at} title={fullTime(at, locale)}>
                      {shortTime(at, locale)}
                    </time>
                    <span className="chip chip--channel">{channels.get(c.channelId)?.type ?? '—'}</span>
                    <span className={`chip chip--status chip--${c.status}`}>
                      {t(`status.${c.status}`)}
                      {c.id === activeConversationId ? ` · ${text.current}` : ''}
                    </span>
                  </span>
                  {story?.outcome && (
                    <span className="past-conversation__outcome" data-testid="past-conversation-outcome">
                      {text.outcome}: {story.outcome}
                    </span>
                  )}
                  {c.lastMessage && <span className="past-conversation__excerpt">{c.lastMessage.text}</span>}
                  <span className="past-conversation__csat" data-testid="past-conversation-csat">
                    {text.csat}:{' '}
                    {aspects.length > 0
                      ? aspects.map((a) => (
                          <span key={a.aspect} title={`${a.label}: ${a.text}`}>
                            {a.emoji}
                          </span>
                        ))
                      : text.noCsat}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
