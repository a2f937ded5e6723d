import { useI18n } from '../i18n/i18n-context.js';
import { assistText } from './assist-text.js';
import type { Assist } from './use-assist.js';
import './assist.css';

/**
 * The assist panel under the message log: the emotion alert with its guidance, then up to five
 * knowledge-base suggestions with their source, score and matched passage. "Insert" only fills
 * the composer: the agent reviews, edits and sends.
 */
export function AssistPanel({ assist }: { assist: Assist }) {
  const { locale } = useI18n();
  const text = assistText(locale);
  const { suggestions, alert } = assist;
  return (
    <section className="assist" aria-label={text.title} data-testid="assist-panel">
      {alert && (
        <div className="assist__alert" role="status" data-testid="assist-alert" data-reason={alert.reason}>
          <strong>{text.alertTitle}</strong> {alert.guidance[locale]}
        </div>
      )}
      <details className="assist__suggestions" open>
        <summary>
          {text.title} {suggestions ? `(${suggestions.length})` : ''}
        </summary>
        {suggestions === null && <p className="assist__empty">{text.loading}</p>}
        {suggestions?.length === 0 && <p className="assist__empty">{text.empty}</p>}
        <ol className="assist__list">
          {suggestions?.map((s) => (
            <li key={s.articleId} className="assist__item" data-testid="suggestion-item" data-article-id={s.articleId}>
              <div className="assist__head">
                <span className="assist__source" data-testid="suggestion-source">
                  {text.source} : {s.title}
                </span>
                <span className="assist__score" data-testid="suggestion-score">
                  {text.score} {s.score.toFixed(2)}
                </span>
              </div>
              <p className="assist__text">{s.text}</p>
              {s.passage && s.passage !== s.text && (
                <p className="assist__passage" data-testid="suggestion-passage">
                  {text.why} : « {s.passage} »
                </p>
              )}
              <div className="assist__actions">
                <button type="button" className="button button--secondary" onClick={() => assist.insert(s)} data-testid="suggestion-insert">
                  {text.insert}
                </button>
                <button type="button" className="button button--ghost" onClick={() => assist.reject(s)} data-testid="suggestion-reject">
                  {text.reject}
                </button>
              </div>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
