import { formatBytes, type BlockView } from '../format/message-blocks.js';
import { useI18n } from '../i18n/i18n-context.js';

/** Rich content as text: choices are read-only chips, files are download links. */
export function MessageBlocks({ views }: { views: BlockView[] }) {
  const { t } = useI18n();
  return (
    <>
      {views.map((view, i) => {
        switch (view.kind) {
          case 'text':
            return (
              <p key={i} className="message__text" data-testid="message-text">
                {view.text}
              </p>
            );
          case 'chips':
            return (
              <div key={i} className="message__chips">
                {view.text && <p className="message__text">{view.text}</p>}
                <ul className="chip-list">
                  {view.labels.map((label, j) => (
                    <li key={j} className="chip chip--choice">
                      {label}
                    </li>
                  ))}
                </ul>
              </div>
            );
          case 'cards':
            return (
              <ul key={i} className="card-list">
                {view.cards.map((card, j) => (
                  <li key={j} className="card">
                    <strong className="card__title">{card.title}</strong>
                    {card.subtitle && <span className="card__subtitle">{card.subtitle}</span>}
                    {card.labels.length > 0 && (
                      <span className="chip-list">
                        {card.labels.map((label, k) => (
                          <span key={k} className="chip chip--choice">
                            {label}
                          </span>
                        ))}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            );
          case 'attachment':
            return (
              <p key={i} className="message__attachment">
                <span aria-hidden="true">📎 </span>
                {view.href ? (
                  <a
                    href={view.href}
                    download={view.fileName}
                    rel="noopener noreferrer"
                    target="_blank"
                    data-testid="attachment-link"
                    aria-label={t('message.attachment', { name: view.fileName })}
                  >
                    {view.fileName}
                  </a>
                ) : (
                  <span data-testid="attachment-unavailable">
                    {view.fileName} ({t('message.unavailable')}
                    {view.unavailable ? `: ${view.unavailable}` : ''})
                  </span>
                )}
                {view.sizeBytes !== null && <span className="message__attachment-size"> · {formatBytes(view.sizeBytes)}</span>}
              </p>
            );
          case 'auth':
            return (
              <p key={i} className="message__auth" data-testid="email-auth">
                {t('message.authResults', { server: view.server })}{' '}
                {view.results.map((r) => (
                  <span key={r.method} className={`chip ${r.verdict === 'pass' ? 'chip--resolved' : 'chip--pending'}`}>
                    {r.method.toUpperCase()} {r.verdict}
                  </span>
                ))}
              </p>
            );
          case 'payload':
            return (
              <p key={i} className="message__payload">
                <code>{view.payload}</code>
              </p>
            );
        }
      })}
    </>
  );
}
