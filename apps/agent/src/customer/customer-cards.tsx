import { safeUrl } from '../format/safe-url.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { CardLeaf, ConnectorSection, CustomerCard } from './customer-360-api.js';
import { customer360Text } from './customer-360-text.js';

// Every value from a connector is rendered as React text (escaped); links go through safeUrl
// and open in a new tab without access to this window.

function ExternalLink({ href, children, testId }: { href: string; children: string; testId: string }) {
  const safe = safeUrl(href);
  if (!safe) return <span>{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer" data-testid={testId}>
      {children}
    </a>
  );
}

function CardBody({ card }: { card: CardLeaf }) {
  return (
    <>
      <div className="brand-card__head">
        <span className="brand-card__title" data-testid="brand-card-title">
          {card.url ? (
            <ExternalLink href={card.url} testId="brand-card-link">
              {card.title}
            </ExternalLink>
          ) : (
            card.title
          )}
        </span>
        {card.status && (
          <span className="chip brand-card__status" data-testid="brand-card-status">
            {card.status}
          </span>
        )}
      </div>
      {card.subtitle && <p className="brand-card__subtitle">{card.subtitle}</p>}
      {card.fields.length > 0 && (
        <dl className="brand-card__fields">
          {card.fields.map((f, i) => (
            <div key={i} className="brand-card__field">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {card.links.length > 0 && (
        <p className="brand-card__links">
          {card.links.map((l, i) => (
            <ExternalLink key={i} href={l.url} testId="brand-card-extra-link">
              {l.label}
            </ExternalLink>
          ))}
        </p>
      )}
    </>
  );
}

function Card({ card }: { card: CustomerCard }) {
  return (
    <li className="brand-card" data-testid="brand-card">
      <CardBody card={card} />
      {card.children && card.children.items.length > 0 && (
        <div className="brand-card__children">
          <h5 className="brand-card__children-title">{card.children.label}</h5>
          <ul className="brand-card__child-list">
            {card.children.items.map((child, i) => (
              <li key={i} className="brand-card brand-card--child" data-testid="brand-card-child">
                <CardBody card={child} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

/** The cards from the brand's systems, one section per connector; a failed connector says why, the others still show. */
export function CustomerCards({ sections }: { sections: ConnectorSection[] | null }) {
  const { locale } = useI18n();
  const text = customer360Text(locale);
  if (sections !== null && sections.length === 0) return null;
  return (
    <section className="panel-section" aria-labelledby="brand-systems-title" data-testid="brand-systems">
      <h3 id="brand-systems-title" className="panel-section__title">
        {text.systems}
      </h3>
      {sections === null ? (
        <p className="empty">{text.loading}</p>
      ) : (
        sections.map((section) => (
          <div key={section.connectorId} className="brand-section" data-testid="brand-section" data-connector={section.name} data-status={section.status}>
            <h4 className="brand-section__title">{section.label}</h4>
            {section.status !== 'ok' ? (
              <p className="brand-section__error" data-testid="brand-section-error">
                {section.status === 'skipped' ? text.skipped : text.failed}: {(section.error && text.error[section.error.code]) ?? section.error?.message ?? ''}
              </p>
            ) : section.cards.length === 0 ? (
              <p className="empty">{text.empty}</p>
            ) : (
              <ul className="brand-card-list">
                {section.cards.map((card, i) => (
                  <Card key={i} card={card} />
                ))}
              </ul>
            )}
          </div>
        ))
      )}
    </section>
  );
}
