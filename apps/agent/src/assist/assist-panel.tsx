import { useI18n } from '../i18n/i18n-context.js';
import { assistText, fillText } from './assist-text.js';
import type { Assist } from './use-assist.js';
import './assist.css';

/**
 * The assist panel under the message log: the emotion alert with its guidance, the procedure
 * checklist (steps tick themselves when a reply covers them; the agent can tick by hand), then up
 * to five knowledge-base suggestions with their source, score and matched passage. "Insert" only
 * fills the composer, with the text fitted to the channel and the persona: the agent reviews,
 * edits and sends. With the workspace's LLM enabled, "Draft with AI" fills it the same way with a
 * reply grounded on the knowledge base, and lists the articles it cites.
 */
export function AssistPanel({ assist }: { assist: Assist }) {
  const { locale } = useI18n();
  const text = assistText(locale);
  const { suggestions, alert, checklist } = assist;
  const autoWhy = (terms: string[], excerpt: string | null) =>
    excerpt ? fillText(text.tickedByMessage, { excerpt, terms: terms.join(', ') }) : fillText(text.tickedBy, { terms: terms.join(', ') });
  return (
    <section className="assist" aria-label={text.title} data-testid="assist-panel">
      {alert && (
        <div className="assist__alert" role="status" data-testid="assist-alert" data-reason={alert.reason}>
          <strong>{alert.reason === 'help' ? text.helpSent : text.alertTitle}</strong> {alert.guidance[locale]}
        </div>
      )}
      {checklist && (
        <details className="assist__checklist" open data-testid="checklist" data-article-id={checklist.articleId}>
          <summary>
            {text.checklist} : {checklist.title}{' '}
            <span className="assist__progress" data-testid="checklist-progress">
              ({fillText(text.checklistDone, { done: checklist.steps.filter((s) => s.checked).length, total: checklist.steps.length })})
            </span>
          </summary>
          <ol className="assist__steps">
            {checklist.steps.map((step) => (
              <li
                key={step.id}
                className="assist__step"
                data-testid="checklist-step"
                data-step-id={step.id}
                data-checked={String(step.checked)}
                data-source={step.source ?? ''}
              >
                <label>
                  <input
                    type="checkbox"
                    checked={step.checked}
                    onChange={(e) => assist.toggleStep(step.id, e.target.checked)}
                    data-testid="checklist-checkbox"
                  />{' '}
                  <span className={step.checked ? 'assist__step-text assist__step-text--done' : 'assist__step-text'}>{step.text}</span>
                </label>
                {step.checked && (
                  <span className="assist__step-why" data-testid="checklist-why">
                    {step.source === 'auto' ? autoWhy(step.matchedTerms, assist.messageExcerpt(step.messageId)) : text.tickedManually}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
      {assist.llmEnabled && (
        <div className="assist__ai" data-testid="ai-draft">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => assist.draftWithAi()}
            disabled={assist.aiDraft.state === 'drafting'}
            data-testid="ai-draft-button"
          >
            {assist.aiDraft.state === 'drafting' ? text.draftingAi : text.draftAi}
          </button>
          {assist.aiDraft.state === 'done' && (
            <div className="assist__ai-result" data-testid="ai-draft-citations">
              <p className="assist__empty">{text.draftAiHint}</p>
              {assist.aiDraft.citations.length > 0 ? (
                <p>
                  {text.draftAiSources} : {assist.aiDraft.citations.map((c) => `[${c.n}] ${c.title}`).join(' · ')}
                </p>
              ) : (
                <p>{text.draftAiNone}</p>
              )}
            </div>
          )}
          {assist.aiDraft.state === 'unavailable' && (
            <p className="assist__empty" role="status" data-testid="ai-draft-unavailable">
              {assist.aiDraft.reason === 'no_question' ? text.draftAiNoQuestion : text.draftAiFailed}
            </p>
          )}
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
              <p className="assist__text">{s.adaptedText}</p>
              {(s.adaptation.variant || s.adaptation.trimmed) && (
                <span className="assist__adapted" data-testid="suggestion-adapted">
                  {text.adapted}
                </span>
              )}
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
