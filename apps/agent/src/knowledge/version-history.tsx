import { useEffect, useState } from 'react';
import type { KbArticle, KbVersion, KnowledgeApi } from './knowledge-api.js';
import type { KnowledgeText } from './knowledge-text.js';

interface Props {
  api: KnowledgeApi;
  text: KnowledgeText;
  locale: string;
  article: KbArticle;
  busy: boolean;
  onRestore: (version: number) => void;
}

/** An article's versions with author, date and note; view one, restore it as a new version. */
export function VersionHistory({ api, text, locale, article, busy, onRestore }: Props) {
  const [versions, setVersions] = useState<KbVersion[]>([]);
  const [shown, setShown] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .versions(article.id)
      .then((r) => live && setVersions(r.items))
      .catch((e: unknown) => live && setError(String(e)));
    return () => {
      live = false;
    };
  }, [api, article.id, article.version]);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="kb-history" aria-label={text.history} data-testid="kb-history">
      <h2>{text.history}</h2>
      {error ? <p className="kb-error">{error}</p> : null}
      {versions.length === 0 ? <p className="kb-muted">{text.historyEmpty}</p> : null}
      <ol className="kb-history__list">
        {versions.map((v) => (
          <li key={v.version} data-testid="kb-version" data-version={v.version}>
            <div className="kb-history__row">
              <strong>{text.versionLabel(v.version)}</strong>
              <span className="kb-muted">
                {v.authorName ?? text.unknownAuthor} · {when.format(new Date(v.createdAt))}
              </span>
              {v.version === article.version ? <span className="kb-badge">{text.latest}</span> : null}
              {v.version === article.publishedVersion ? <span className="kb-badge kb-badge--published">{text.published}</span> : null}
              <button type="button" className="kb-link" onClick={() => setShown(shown === v.version ? null : v.version)} data-testid="kb-version-view">
                {shown === v.version ? text.hideVersion : text.viewVersion}
              </button>
              {v.version !== article.version ? (
                <button type="button" className="button button--ghost" disabled={busy} onClick={() => onRestore(v.version)} data-testid="kb-version-restore">
                  {text.restore}
                </button>
              ) : null}
            </div>
            {v.note ? <p className="kb-muted">{v.note}</p> : null}
            {shown === v.version ? (
              <div className="kb-history__content" data-testid="kb-version-content">
                <h3>{v.title}</h3>
                {v.summary ? <p>{v.summary}</p> : null}
                <pre>{v.body}</pre>
                {v.phrasings.length ? (
                  <ul>
                    {v.phrasings.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
