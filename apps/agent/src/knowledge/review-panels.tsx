import { useCallback, useEffect, useState } from 'react';
import type { KbArticle, KbGap, KbPhrasing, KnowledgeApi } from './knowledge-api.js';
import type { KnowledgeText } from './knowledge-text.js';

interface PanelProps {
  api: KnowledgeApi;
  text: KnowledgeText;
  onOpen: (articleId: string) => void;
  /** Runs an action with the admin's busy state, error and notice handling. */
  run: (work: () => Promise<void>) => Promise<void>;
  notify: (message: string) => void;
}

/** Loads a list and reloads it on demand; errors go to the admin's error line through `run`. */
function useList<T>(load: () => Promise<T[]>, run: PanelProps['run']): { items: T[] | null; reload: () => Promise<void> } {
  const [items, setItems] = useState<T[] | null>(null);
  const reload = useCallback(async () => setItems(await load()), [load]);
  // `run` changes on every render of the admin; the list loads when its loader does (on mount).
  useEffect(() => {
    void run(reload);
  }, [reload]);
  return { items, reload };
}

/** Learned phrasings waiting for an editor: approve (joins the article's index) or reject. */
export function PhrasingReview({ api, text, onOpen, run, notify }: PanelProps) {
  const load = useCallback(async () => (await api.phrasings()).items, [api]);
  const { items, reload } = useList<KbPhrasing>(load, run);
  const decide = (p: KbPhrasing, decision: 'approved' | 'rejected') =>
    run(async () => {
      await api.reviewPhrasing(p.id, decision);
      notify(decision === 'approved' ? text.approved : text.rejected);
      await reload();
    });
  return (
    <section className="kb-panel" data-testid="kb-phrasings-panel">
      <p className="kb-muted">{text.phrasingsIntro}</p>
      {items?.length === 0 ? <p className="kb-muted">{text.phrasingsEmpty}</p> : null}
      <ul className="kb-panel__list">
        {(items ?? []).map((p) => (
          <li key={p.id} data-testid="kb-phrasing" data-phrasing-id={p.id}>
            <q className="kb-panel__quote">{p.text}</q>{' '}
            <span className="kb-muted">
              {text.phrasingFor}{' '}
              <button type="button" className="kb-link" onClick={() => onOpen(p.articleId)}>
                {p.articleTitle}
              </button>
            </span>
            <span className="kb-panel__actions">
              <button type="button" className="button" onClick={() => void decide(p, 'approved')} data-testid="kb-phrasing-approve">
                {text.approve}
              </button>
              <button type="button" className="button button--ghost" onClick={() => void decide(p, 'rejected')} data-testid="kb-phrasing-reject">
                {text.reject}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const GAP_DAYS = 30;

/** Frequent questions without a good answer, with counts and wordings; one click drafts an FAQ entry. */
export function GapsPanel({ api, text, onOpen, run, notify }: PanelProps) {
  const load = useCallback(async () => (await api.gaps(GAP_DAYS)).items, [api]);
  const { items } = useList<KbGap>(load, run);
  const createFaq = (gap: KbGap) =>
    run(async () => {
      const draft = await api.faqFromGap(gap);
      notify(text.faqCreated);
      onOpen(draft.id);
    });
  return (
    <section className="kb-panel" data-testid="kb-gaps-panel">
      <p className="kb-muted">{text.gapsIntro(GAP_DAYS)}</p>
      {items?.length === 0 ? <p className="kb-muted">{text.gapsEmpty}</p> : null}
      <ul className="kb-panel__list">
        {(items ?? []).map((g) => (
          <li key={g.question} data-testid="kb-gap">
            <div>
              <strong data-testid="kb-gap-question">{g.question}</strong>{' '}
              <span className="kb-muted" data-testid="kb-gap-count" data-count={g.count}>
                {text.gapAsked(g.count)} · {text.gapConfidence(Math.round(g.bestConfidence * 100))}
                {g.negativeFeedback ? ` · ${text.gapNegative(g.negativeFeedback)}` : ''}
                {g.language ? ` · ${g.language.toUpperCase()}` : ''}
              </span>
            </div>
            {g.examples.length > 1 ? (
              <p className="kb-muted" data-testid="kb-gap-examples">
                {text.gapExamples}{' '}
                {g.examples.map((e, i) => (
                  <span key={e}>
                    {i > 0 ? ' · ' : ''}
                    <q>{e}</q>
                  </span>
                ))}
              </p>
            ) : null}
            <span className="kb-panel__actions">
              {g.coveredBy ? (
                <button type="button" className="kb-link" onClick={() => onOpen(g.coveredBy?.articleId ?? '')} data-testid="kb-gap-open">
                  {text.openArticle} ({text.status[g.coveredBy.status]})
                </button>
              ) : (
                <button type="button" className="button" onClick={() => void createFaq(g)} data-testid="kb-gap-create">
                  {text.createFaq}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const REVIEW_DAYS = 14;

/** Articles whose review-by date has passed or comes within two weeks. */
export function ReviewDuePanel({ api, text, onOpen, run, locale }: PanelProps & { locale: string }) {
  const load = useCallback(async () => (await api.reviewDue(REVIEW_DAYS)).items, [api]);
  const { items } = useList<KbArticle & { overdue: boolean }>(load, run);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (
    <section className="kb-panel" data-testid="kb-review-panel">
      <p className="kb-muted">{text.reviewIntro(REVIEW_DAYS)}</p>
      {items?.length === 0 ? <p className="kb-muted">{text.reviewEmpty}</p> : null}
      <ul className="kb-panel__list">
        {(items ?? []).map((a) => (
          <li key={a.id} data-testid="kb-review-item" data-overdue={a.overdue}>
            <button type="button" className="kb-link" onClick={() => onOpen(a.id)}>
              {a.title}
            </button>{' '}
            <span className={a.overdue ? 'kb-error' : 'kb-muted'}>
              {a.reviewBy ? text.dueOn(day.format(new Date(a.reviewBy))) : ''}
              {a.overdue ? ` · ${text.overdue}` : ''}
            </span>{' '}
            <span className="kb-badge">
              {text.status[a.status]} · {a.language.toUpperCase()}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
