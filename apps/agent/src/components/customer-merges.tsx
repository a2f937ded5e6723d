import { useCallback, useEffect, useState } from 'react';
import type { CustomerMerge, MergeEvidenceItem, MergeSuggestion } from '../api/merges-api.js';
import type { MessageKey } from '../i18n/messages.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSocketEvent } from '../realtime/use-agent-socket.js';
import { useSession } from '../state/session-context.js';

function verifiedKey(item: MergeEvidenceItem): MessageKey {
  if (item.targetVerified && item.sourceVerified) return 'merge.verifiedBoth';
  return item.targetVerified || item.sourceVerified ? 'merge.verifiedOne' : 'merge.verifiedNone';
}

/**
 * The customer card's reconciliation block: suggested merges with their evidence (Merge /
 * Dismiss) and the merge history with "Undo merge". `onChanged` reloads the card after a merge
 * or an undo (identities and the story change).
 */
export function CustomerMerges({ customerId, onChanged }: { customerId: string; onChanged?: () => void }) {
  const { t } = useI18n();
  const { api, socket } = useSession();
  const [suggestions, setSuggestions] = useState<MergeSuggestion[]>([]);
  const [merges, setMerges] = useState<CustomerMerge[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [s, m] = await Promise.all([api.mergeSuggestions(customerId), api.merges(customerId)]);
      setSuggestions(s);
      setMerges(m);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [api, customerId]);
  useEffect(() => void load(), [load]);
  useSocketEvent(socket, 'customer:merged', (e) => (e.from === customerId || e.into === customerId) && void load());

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await load();
      onChanged?.();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (suggestions.length === 0 && merges.length === 0 && !error) return null;
  return (
    <>
      {error && (
        <p className="banner banner--error" role="alert" data-testid="merge-error">
          {t('error.generic', { message: error })}
        </p>
      )}
      {suggestions.length > 0 && (
        <section aria-labelledby="merge-suggestions-title" data-testid="merge-suggestions">
          <h3 id="merge-suggestions-title" className="panel-section__title">
            {t('merge.suggestions')}
          </h3>
          <ul className="identity-list">
            {suggestions.map((s) => (
              <li key={s.id} className="identity" data-testid="merge-suggestion" data-suggestion-id={s.id} data-score={s.score}>
                <ul data-testid="merge-evidence">
                  {s.evidence.identities.map((item) => (
                    <li key={`${item.kind}:${item.value}`}>{t('merge.evidence', { kind: item.kind, value: item.value, verified: t(verifiedKey(item)) })}</li>
                  ))}
                  {s.evidence.sameDisplayName && <li>{t('merge.sameName')}</li>}
                  <li>{t('merge.score', { score: Math.round(s.score * 100) })}</li>
                </ul>
                <button
                  type="button"
                  className="button button--success"
                  disabled={busy}
                  data-testid="merge-accept"
                  onClick={() => void act(() => api.acceptSuggestion(s.id, customerId))}
                >
                  {t('merge.merge')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={busy}
                  data-testid="merge-dismiss"
                  onClick={() => void act(() => api.dismissSuggestion(s.id))}
                >
                  {t('merge.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {merges.length > 0 && (
        <section aria-labelledby="merge-history-title" data-testid="merge-history">
          <h3 id="merge-history-title" className="panel-section__title">
            {t('merge.history')}
          </h3>
          <ul className="identity-list">
            {merges.map((m) => (
              <li
                key={m.id}
                className="identity"
                data-testid="merge-record"
                data-merge-id={m.id}
                data-provenance={m.provenance}
                data-undone={m.undoneAt ? 'true' : 'false'}
              >
                <span>
                  {new Date(m.createdAt).toLocaleString()} · {t(`merge.provenance.${m.provenance}`)} · {m.reason}
                  {m.conflicts.length > 0 && <> · {t('merge.conflicts', { count: m.conflicts.length })}</>}
                  {m.undoneAt && <> · {t('merge.undone')}</>}
                </span>
                {!m.undoneAt && (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy}
                    data-testid="merge-undo"
                    onClick={() => void act(() => api.undoMerge(m.id))}
                  >
                    {t('merge.undo')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
