import { fullTime } from '../format/time-format.js';
import type { TimelineView } from '../format/timeline-format.js';
import { useI18n } from '../i18n/i18n-context.js';

export function TimelineItem({ view }: { view: TimelineView }) {
  const { t, locale } = useI18n();
  return (
    <li className={`timeline-item timeline-item--${view.kind}`} data-testid={view.kind === 'csat' ? 'csat-item' : 'timeline-item'} data-kind={view.kind}>
      <span className="timeline-item__icon" aria-hidden="true">
        {view.icon}
      </span>
      <div className="timeline-item__body">
        <div className="timeline-item__head">
          <span className="timeline-item__title">{view.title}</span>
          <time className="timeline-item__time" dateTime={view.at}>
            {fullTime(view.at, locale)}
          </time>
        </div>
        {view.csat ? (
          <>
            <ul className="csat">
              {view.csat.aspects.map((a) => (
                <li key={a.aspect} className={`csat__aspect csat__aspect--${a.smiley}`} data-testid="csat-aspect" data-aspect={a.aspect} data-smiley={a.smiley}>
                  <span className="csat__label">{a.label}</span>
                  <span className="csat__value">
                    <span aria-hidden="true">{a.emoji}</span> {a.text}
                  </span>
                </li>
              ))}
            </ul>
            {view.csat.comment && (
              <p className="csat__comment" data-testid="csat-comment">
                <span className="visually-hidden">{t('timeline.csat.comment')}: </span>“{view.csat.comment}”
              </p>
            )}
          </>
        ) : (
          view.detail && <p className="timeline-item__detail">{view.detail}</p>
        )}
      </div>
    </li>
  );
}
