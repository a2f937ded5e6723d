import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { Assignment } from './routing-api.js';
import { explanationIn, fill, formatWait, routingText } from './routing-text.js';
import { RoutingSettingsSection } from './routing-settings.js';
import { useRouting, type QueueView } from './use-routing.js';
import './routing.css';

interface Props {
  /** Opens a conversation in the center pane (after a pull or an accepted offer). */
  onOpen: (conversationId: string) => void;
  /** A readable label for a conversation (the customer's name when the list knows it). */
  labelOf: (conversationId: string) => string | null;
}

function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

function QueueRow({ view, onPull, busy }: { view: QueueView; onPull: () => void; busy: boolean }) {
  const { locale } = useI18n();
  const text = routingText(locale);
  const s = view.stats;
  const open = s?.open ?? true;
  return (
    <li className="queue" data-testid="queue-item" data-queue-id={view.queue.id} data-open={open ? 'true' : 'false'}>
      <div className="queue__head">
        <span className="queue__name" data-testid="queue-name">
          {view.queue.name}
        </span>
        <span className={`chip queue__state ${open ? 'queue__state--open' : 'queue__state--closed'}`} data-testid="queue-open">
          {open ? text.open : text.closed}
          {!open && s?.nextOpenAt ? ` · ${fill(text.opensAt, { time: new Date(s.nextOpenAt).toLocaleString(locale) })}` : ''}
        </span>
      </div>
      <dl className="queue__stats">
        <div>
          <dt className="queue__big" data-testid="queue-waiting" data-waiting={s?.waiting ?? 0}>
            {s?.waiting ?? '…'}
          </dt>
          <dd>{text.waiting}</dd>
        </div>
        <div>
          <dt data-testid="queue-estimated-wait">{formatWait(s?.estimatedWaitSec ?? null, text)}</dt>
          <dd>{text.estimatedWait}</dd>
        </div>
        <div>
          <dt data-testid="queue-longest-wait">{formatWait(s?.longestWaitSec ?? 0, text)}</dt>
          <dd>{text.longestWait}</dd>
        </div>
        <div>
          <dt data-testid="queue-agents-available">{s?.agentsAvailable ?? '…'}</dt>
          <dd>{text.available}</dd>
        </div>
      </dl>
      <button
        type="button"
        className="button button--primary queue__pull"
        onClick={onPull}
        disabled={busy || !s || s.waiting === 0}
        title={s && s.waiting === 0 ? text.nothingToTake : undefined}
        data-testid="queue-pull"
      >
        {text.takeNext}
      </button>
    </li>
  );
}

function OfferRow({
  offer,
  label,
  onAccept,
  onDecline,
  busy,
}: {
  offer: Assignment;
  label: string;
  onAccept: () => void;
  onDecline: () => void;
  busy: boolean;
}) {
  const { locale } = useI18n();
  const text = routingText(locale);
  const now = useNow(1_000);
  const left = offer.expiresAt ? Math.max(0, Math.ceil((new Date(offer.expiresAt).getTime() - now) / 1000)) : null;
  return (
    <li className="offer" data-testid="offer-item" data-offer-id={offer.id} data-conversation-id={offer.conversationId}>
      <div className="offer__head">
        <span className="offer__label">{label}</span>
        {left !== null && (
          <span className={`offer__countdown ${left <= 10 ? 'offer__countdown--urgent' : ''}`} data-testid="offer-countdown" aria-live="off">
            {left > 0 ? fill(text.expiresIn, { seconds: left }) : text.expired}
          </span>
        )}
      </div>
      {explanationIn(offer.explanation?.text, locale) && <p className="routing-why">{explanationIn(offer.explanation?.text, locale)}</p>}
      <div className="offer__actions">
        <button type="button" className="button button--success" onClick={onAccept} disabled={busy || left === 0} data-testid="offer-accept">
          {text.accept}
        </button>
        <button type="button" className="button button--secondary" onClick={onDecline} disabled={busy} data-testid="offer-decline">
          {text.decline}
        </button>
      </div>
    </li>
  );
}

/**
 * The routing side of the agent's day: queues (waiting, estimated and longest wait, advisors
 * available, open/closed) with "take next", offers with a countdown, and the conversations
 * routing gave this agent, each with the reason why, and the workspace's routing settings for
 * users who manage routing. Hidden when routing has no queue.
 */
export function QueuePanel({ onOpen, labelOf }: Props) {
  const { locale } = useI18n();
  const text = routingText(locale);
  const routing = useRouting();
  const [busy, setBusy] = useState(false);
  if (!routing.enabled || (routing.queues.length === 0 && !routing.mine?.offers.length && !routing.mine?.assignments.length)) return null;
  const label = (conversationId: string) => labelOf(conversationId) ?? fill(text.conversation, { id: conversationId.slice(0, 8) });
  const act = async (work: () => Promise<string | null | void>) => {
    setBusy(true);
    try {
      const opened = await work();
      if (typeof opened === 'string') onOpen(opened);
    } catch {
      // Shown by the hook's error banner.
    } finally {
      setBusy(false);
    }
  };
  const profile = routing.mine?.profile ?? null;
  const offers = routing.mine?.offers ?? [];
  const assignments = routing.mine?.assignments ?? [];
  return (
    <section className="queue-panel" aria-labelledby="queue-panel-title" data-testid="queue-panel">
      <h2 id="queue-panel-title" className="queue-panel__title">
        {text.queues}
        {profile && (
          <span className="queue-panel__load" data-testid="my-load">
            {fill(text.load, { load: profile.load.total, capacity: profile.capacity.total })}
          </span>
        )}
      </h2>
      {routing.error && (
        <p className="banner banner--error" role="alert" data-testid="routing-error">
          {routing.error}
        </p>
      )}
      {routing.mine && !profile && <p className="queue-panel__hint">{text.noProfile}</p>}
      <ul className="queue-list" data-testid="queue-list">
        {routing.queues.map((view) => (
          <QueueRow key={view.queue.id} view={view} busy={busy} onPull={() => void act(() => routing.pull(view.queue.id))} />
        ))}
      </ul>
      {offers.length > 0 && (
        <>
          <h3 className="queue-panel__sub">{text.offers}</h3>
          <ul className="offer-list" data-testid="offer-list">
            {offers.map((offer) => (
              <OfferRow
                key={offer.id}
                offer={offer}
                label={label(offer.conversationId)}
                busy={busy}
                onAccept={() => void act(() => routing.accept(offer.id))}
                onDecline={() => void act(() => routing.decline(offer.id))}
              />
            ))}
          </ul>
        </>
      )}
      {profile && (
        <>
          <h3 className="queue-panel__sub">{text.assignments}</h3>
          {assignments.length === 0 ? (
            <p className="queue-panel__hint">{text.noAssignments}</p>
          ) : (
            <ul className="assignment-list" data-testid="assignment-list">
              {assignments.map((a) => (
                <li key={a.id} data-testid="assignment-item" data-conversation-id={a.conversationId}>
                  <button type="button" className="assignment" onClick={() => onOpen(a.conversationId)}>
                    <span className="assignment__label">{label(a.conversationId)}</span>
                    {explanationIn(a.explanation?.text, locale) && (
                      <span className="routing-why" data-testid="assignment-explanation">
                        {explanationIn(a.explanation?.text, locale)}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <RoutingSettingsSection />
    </section>
  );
}
