import { customerLabel } from '../format/customer-label.js';
import { safeUrl } from '../format/safe-url.js';
import { timelineViews } from '../format/timeline-format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useCustomer } from '../state/use-customer.js';
import { TimelineItem } from './timeline-item.js';
import { CustomerMerges } from './customer-merges.js';
import { CustomerCards } from '../customer/customer-cards.js';
import { CustomerHistory } from '../customer/customer-history.js';
import { useCustomer360 } from '../customer/use-customer-360.js';

/**
 * Attributes as `key: value` lines; one level of objects is expanded (the web chat stores the
 * host page's context under `webchat.context`).
 */
export function contextLines(attributes: Record<string, unknown>): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  const add = (key: string, value: unknown, depth: number) => {
    if (value === null || value === undefined || value === '') return;
    if (typeof value === 'object' && !Array.isArray(value)) {
      if (depth > 0) return void out.push({ key, value: JSON.stringify(value) });
      // The web chat's page context reads best without its storage prefix.
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) add(key === 'webchat.context' ? k : `${key}.${k}`, v, depth + 1);
      return;
    }
    out.push({ key, value: Array.isArray(value) ? value.map(String).join(', ') : String(value) });
  };
  for (const [k, v] of Object.entries(attributes)) add(k, v, 0);
  return out.slice(0, 40);
}

export function CustomerPanel({ customerId, conversationId = null }: { customerId: string | null; conversationId?: string | null }) {
  const { t, locale } = useI18n();
  const { customer, timeline, error } = useCustomer(customerId);
  const story = useCustomer360(customerId);
  const views = timelineViews(timeline, t, 150, locale);
  const context = customer ? contextLines(customer.attributes) : [];
  return (
    <aside className="customer-panel" aria-labelledby="customer-title" data-testid="customer-panel">
      {error && (
        <p className="banner banner--error" role="alert">
          {t('error.generic', { message: error })}
        </p>
      )}
      {customer && (
        <section className="panel-section">
          <h2 id="customer-title" className="customer-panel__name" data-testid="customer-name">
            {customerLabel(customer.displayName, customer.id, t)}
          </h2>
          {(customer.locale || customer.timeZone) && <p className="customer-panel__sub">{[customer.locale, customer.timeZone].filter(Boolean).join(' · ')}</p>}
          {customer.identities.length > 0 && (
            <>
              <h3 className="panel-section__title">{t('panel.identities')}</h3>
              <ul className="identity-list" data-testid="identity-list">
                {customer.identities.map((identity) => (
                  <li key={identity.id} className="identity" data-testid="identity-item" data-verified={identity.verified ? 'true' : 'false'}>
                    <span className="identity__kind">{identity.kind}</span>
                    <span className="identity__value">{identity.value}</span>
                    {identity.verified ? (
                      <span className="identity__verified" title={t('panel.verified')}>
                        ✓<span className="visually-hidden"> {t('panel.verified')}</span>
                      </span>
                    ) : (
                      <span className="visually-hidden">{t('panel.unverified')}</span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <CustomerMerges customerId={customer.id} />
          {context.length > 0 && (
            <>
              <h3 className="panel-section__title">{t('panel.context')}</h3>
              <dl className="context-list" data-testid="customer-context">
                {context.map(({ key, value }) => {
                  const href = /^https?:\/\//i.test(value) ? safeUrl(value) : null;
                  return (
                    <div key={key} className="context-list__row">
                      <dt>{key}</dt>
                      <dd>
                        {href ? (
                          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                            {value}
                          </a>
                        ) : (
                          value
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </>
          )}
        </section>
      )}
      {story.error && (
        <p className="banner banner--error" role="alert">
          {t('error.generic', { message: story.error })}
        </p>
      )}
      {customer && (
        <>
          <CustomerCards sections={story.sections} />
          <CustomerHistory consents={story.consents} conversations={story.conversations} timeline={timeline} activeConversationId={conversationId} />
        </>
      )}
      {customerId && (
        <section className="panel-section panel-section--timeline" aria-labelledby="timeline-title">
          <h3 id="timeline-title" className="panel-section__title">
            {t('panel.timeline')}
          </h3>
          {views.length === 0 ? (
            <p className="empty">{t('panel.timelineEmpty')}</p>
          ) : (
            <ol className="timeline" data-testid="timeline">
              {views.map((view) => (
                <TimelineItem key={view.key} view={view} />
              ))}
            </ol>
          )}
        </section>
      )}
    </aside>
  );
}
