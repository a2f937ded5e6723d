import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient, csrfFromCookie } from '../api/api-client.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import { ArticleEditor } from './article-editor.js';
import { AskPanel } from './ask-panel.js';
import { GapsPanel, PhrasingReview, ReviewDuePanel } from './review-panels.js';
import { ExportPanel, SynonymsEditor } from './synonyms-export.js';
import { VersionHistory } from './version-history.js';
import { formatOf, knowledgeApi, type KbArticle, type KbArticleInput } from './knowledge-api.js';
import { knowledgeText } from './knowledge-text.js';
import './knowledge.css';

type Tab = 'articles' | 'phrasings' | 'gaps' | 'review' | 'synonyms' | 'export';
const TABS: Tab[] = ['articles', 'phrasings', 'gaps', 'review', 'synonyms', 'export'];

/**
 * The knowledge section (editors only: the header shows it with `knowledge:write`, and the API
 * checks it again): article list with search and import, the editor with its version history, a
 * question tester, and the review tabs (learned phrasings, unanswered questions, articles due for
 * review), synonyms and export.
 */
export function KnowledgeAdmin() {
  const { locale } = useI18n();
  const { workspace } = useSession();
  const text = knowledgeText(locale);
  // Same-origin client; the CSRF token is the session's `parley_csrf` cookie.
  const api = useMemo(() => knowledgeApi(createApiClient({ getCsrfToken: () => csrfFromCookie(document.cookie) })), []);
  const [query, setQuery] = useState('');
  const [articles, setArticles] = useState<KbArticle[]>([]);
  const [selected, setSelected] = useState<KbArticle | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [publishOnImport, setPublishOnImport] = useState(false);
  const [tab, setTab] = useState<Tab>('articles');

  const refresh = useCallback(async () => setArticles((await api.list(query)).items), [api, query]);
  useEffect(() => {
    const timer = setTimeout(() => void refresh().catch((e: unknown) => setError(String(e))), 150);
    return () => clearTimeout(timer);
  }, [refresh]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const save = (input: KbArticleInput) =>
    run(async () => {
      const saved = selected ? await api.update(selected.id, input) : await api.create(input);
      setSelected(saved);
      setCreating(false);
      setNotice(text.saved);
      await refresh();
    });
  const publish = () =>
    run(async () => {
      if (!selected) return;
      setSelected(await api.publish(selected.id));
      await refresh();
    });
  const unpublish = () =>
    run(async () => {
      if (!selected) return;
      setSelected(await api.unpublish(selected.id));
      await refresh();
    });
  const importFiles = (files: FileList | null) =>
    run(async () => {
      const list = [...(files ?? [])];
      const byFormat = new Map<'markdown' | 'csv' | 'json', Array<{ name: string; content: string }>>();
      for (const file of list) {
        const format = formatOf(file.name);
        if (!format) continue;
        byFormat.set(format, [...(byFormat.get(format) ?? []), { name: file.name, content: await file.text() }]);
      }
      let created = 0;
      let updated = 0;
      let issues = 0;
      for (const [format, contents] of byFormat) {
        const report = await api.importFiles(format, contents, publishOnImport);
        created += report.created.length;
        updated += report.updated.length;
        issues += report.issues.length;
      }
      setNotice(text.imported({ created, updated, issues }));
      await refresh();
    });
  const restore = (version: number) =>
    run(async () => {
      if (!selected) return;
      setSelected(await api.restore(selected.id, version));
      setNotice(text.restored(version));
      await refresh();
    });
  // Review tabs open articles that the filtered list may not hold: fetch the article itself.
  const open = (id: string) =>
    run(async () => {
      const found = articles.find((a) => a.id === id) ?? (await api.get(id));
      setSelected(found);
      setCreating(false);
      setTab('articles');
      await refresh();
    });
  const notify = (message: string) => setNotice(message);

  const helpUrl =
    selected && workspace && selected.status === 'published'
      ? `/help/${encodeURIComponent(workspace.slug)}/articles/${encodeURIComponent(selected.slug)}?lang=${selected.language}`
      : null;

  return (
    <main className="kb-admin" data-testid="kb-admin">
      <aside className="kb-admin__list">
        <h1>{text.title}</h1>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={text.search}
          aria-label={text.search}
          data-testid="kb-search"
        />
        <div className="kb-admin__tools">
          <button
            type="button"
            className="button"
            onClick={() => {
              setSelected(null);
              setCreating(true);
            }}
            data-testid="kb-new"
          >
            {text.newArticle}
          </button>
          <label className="kb-import">
            {text.import}
            <input type="file" multiple accept=".md,.markdown,.csv,.json" onChange={(e) => void importFiles(e.target.files)} data-testid="kb-import-input" />
          </label>
          <label className="kb-import__publish">
            <input type="checkbox" checked={publishOnImport} onChange={(e) => setPublishOnImport(e.target.checked)} data-testid="kb-import-publish" />
            {text.importPublish}
          </label>
        </div>
        {notice ? (
          <p className="kb-notice" role="status" data-testid="kb-notice">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p className="kb-error" role="alert" data-testid="kb-error">
            {error}
          </p>
        ) : null}
        {articles.length === 0 ? <p className="kb-muted">{text.empty}</p> : null}
        <ul className="kb-admin__items">
          {articles.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={`kb-item ${selected?.id === a.id ? 'is-selected' : ''}`}
                onClick={() => open(a.id)}
                data-testid="kb-article-item"
                data-slug={a.slug}
              >
                <span className="kb-item__title">{a.title}</span>
                <span className={`kb-badge kb-badge--${a.status}`}>
                  {text.status[a.status]} · {a.language.toUpperCase()}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="kb-admin__editor">
        <nav className="kb-tabs" role="tablist" aria-label={text.title}>
          {TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={`kb-tab ${tab === t ? 'is-active' : ''}`}
              onClick={() => {
                setNotice(null);
                setTab(t);
              }}
              data-testid={`kb-tab-${t}`}
            >
              {text.tabs[t]}
            </button>
          ))}
        </nav>
        {tab === 'articles' ? (
          <>
            {selected || creating ? (
              <ArticleEditor
                // A restore or another version remounts the form with the new content.
                key={selected ? `${selected.id}:${selected.version}` : 'new'}
                article={selected}
                text={text}
                helpUrl={helpUrl}
                busy={busy}
                onSave={save}
                onPublish={publish}
                onUnpublish={unpublish}
              />
            ) : null}
            {selected ? <VersionHistory api={api} text={text} locale={locale} article={selected} busy={busy} onRestore={restore} /> : null}
            <AskPanel api={api} text={text} onOpen={open} />
          </>
        ) : null}
        {tab === 'phrasings' ? <PhrasingReview api={api} text={text} onOpen={open} run={run} notify={notify} /> : null}
        {tab === 'gaps' ? <GapsPanel api={api} text={text} onOpen={open} run={run} notify={notify} /> : null}
        {tab === 'review' ? <ReviewDuePanel api={api} text={text} onOpen={open} run={run} notify={notify} locale={locale} /> : null}
        {tab === 'synonyms' ? <SynonymsEditor api={api} text={text} busy={busy} run={run} notify={notify} /> : null}
        {tab === 'export' ? <ExportPanel api={api} text={text} busy={busy} run={run} notify={notify} /> : null}
      </section>
    </main>
  );
}
