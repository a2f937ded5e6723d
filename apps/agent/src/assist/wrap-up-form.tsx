import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { sharedAssistApi, type Disposition } from './assist-api.js';
import { assistText } from './assist-text.js';

/**
 * The after-conversation work shown once the agent resolves: a disposition code and the drafted
 * summary, both editable; saving records a `conversation.wrapped_up` event on the timeline.
 */
export function WrapUpForm({ conversationId, onDone }: { conversationId: string; onDone: () => void }) {
  const { locale } = useI18n();
  const text = assistText(locale);
  const api = sharedAssistApi();
  const [dispositions, setDispositions] = useState<Disposition[] | null>(null);
  const [disposition, setDisposition] = useState('');
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .wrapUpDraft(conversationId, locale)
      .then((draft) => {
        if (cancelled) return;
        setDispositions(draft.dispositions);
        setDisposition((d) => d || (draft.dispositions[0]?.code ?? ''));
        setSummary((s) => s || draft.summary);
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [api, conversationId, locale]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.saveWrapUp(conversationId, disposition, summary);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="wrapup" onSubmit={save} aria-label={text.wrapUpTitle} data-testid="wrapup-form">
      <strong>{text.wrapUpTitle}</strong>
      {dispositions === null && !error && <p className="assist__empty">{text.drafting}</p>}
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {dispositions && (
        <>
          <label>
            {text.disposition}{' '}
            <select value={disposition} onChange={(e) => setDisposition(e.target.value)} data-testid="wrapup-disposition" required>
              {dispositions.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.label[locale]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {text.summary}
            <textarea value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={4000} data-testid="wrapup-summary" />
          </label>
          <small className="assist__passage">{text.summaryHint}</small>
          <div className="wrapup__actions">
            <button type="submit" className="button button--success" disabled={busy || !disposition} data-testid="wrapup-save">
              {text.saveWrapUp}
            </button>
            <button type="button" className="button button--ghost" onClick={onDone} disabled={busy} data-testid="wrapup-skip">
              {text.later}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
