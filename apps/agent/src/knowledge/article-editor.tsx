import { useState } from 'react';
import { splitList, type ArticleKind, type KbArticle, type KbArticleInput } from './knowledge-api.js';
import type { KnowledgeText } from './knowledge-text.js';

interface Props {
  article: KbArticle | null;
  text: KnowledgeText;
  helpUrl: string | null;
  busy: boolean;
  onSave: (input: KbArticleInput) => void;
  onPublish: () => void;
  onUnpublish: () => void;
}

const KINDS: ArticleKind[] = ['faq', 'article', 'procedure', 'canned'];

/** The article form: content, phrasings, SMS variant; save, publish, link to the help center. */
export function ArticleEditor({ article, text, helpUrl, busy, onSave, onPublish, onUnpublish }: Props) {
  const [title, setTitle] = useState(article?.title ?? '');
  const [kind, setKind] = useState<ArticleKind>(article?.kind ?? 'faq');
  const [language, setLanguage] = useState(article?.language ?? 'fr');
  const [category, setCategory] = useState(article?.category ?? '');
  const [tags, setTags] = useState((article?.tags ?? []).join(', '));
  const [body, setBody] = useState(article?.body ?? '');
  const [phrasings, setPhrasings] = useState((article?.phrasings ?? []).join('\n'));
  const [sms, setSms] = useState(article?.variants['sms'] ?? '');
  const [reviewBy, setReviewBy] = useState(article?.reviewBy?.slice(0, 10) ?? '');

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    onSave({
      kind,
      language,
      title: title.trim(),
      body,
      category: category.trim() || null,
      tags: splitList(tags, /,/),
      phrasings: splitList(phrasings),
      variants: { ...(article?.variants ?? {}), ...(sms.trim() ? { sms: sms.trim() } : {}) },
      reviewBy: reviewBy ? `${reviewBy}T00:00:00.000Z` : null,
    });
  };

  return (
    <form className="kb-editor" onSubmit={submit} data-testid="kb-editor">
      <div className="kb-editor__status">
        {article ? (
          <span className={`kb-badge kb-badge--${article.status}`} data-testid="kb-status" data-status={article.status}>
            {text.status[article.status]} · {text.version} {article.version}
          </span>
        ) : null}
        {helpUrl ? (
          <a href={helpUrl} target="_blank" rel="noopener noreferrer" data-testid="kb-help-link">
            {text.viewHelp}
          </a>
        ) : null}
      </div>
      <label>
        {text.fieldTitle}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} data-testid="kb-title" />
      </label>
      <div className="kb-editor__row">
        <label>
          {text.fieldKind}
          <select value={kind} onChange={(e) => setKind(e.target.value as ArticleKind)} data-testid="kb-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {text.kinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text.fieldLanguage}
          <select value={language} onChange={(e) => setLanguage(e.target.value)} data-testid="kb-language">
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          {text.fieldCategory}
          <input value={category} onChange={(e) => setCategory(e.target.value)} maxLength={80} data-testid="kb-category" />
        </label>
        <label>
          {text.fieldReviewBy}
          <input type="date" value={reviewBy} onChange={(e) => setReviewBy(e.target.value)} data-testid="kb-review-by" />
        </label>
      </div>
      <label>
        {text.fieldTags}
        <input value={tags} onChange={(e) => setTags(e.target.value)} data-testid="kb-tags" />
      </label>
      <label>
        {text.fieldBody}
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={10} data-testid="kb-body" />
      </label>
      <label>
        {text.fieldPhrasings}
        <textarea value={phrasings} onChange={(e) => setPhrasings(e.target.value)} rows={3} data-testid="kb-phrasings" />
      </label>
      <label>
        {text.fieldSms}
        <input value={sms} onChange={(e) => setSms(e.target.value)} maxLength={2000} data-testid="kb-variant-sms" />
      </label>
      <div className="kb-editor__actions">
        <button type="submit" className="button" disabled={busy || !title.trim()} data-testid="kb-save">
          {text.save}
        </button>
        {article ? (
          article.status === 'published' && article.publishedVersion === article.version ? (
            <button type="button" className="button button--ghost" disabled={busy} onClick={onUnpublish} data-testid="kb-unpublish">
              {text.unpublish}
            </button>
          ) : (
            <button type="button" className="button" disabled={busy} onClick={onPublish} data-testid="kb-publish">
              {text.publish}
            </button>
          )
        ) : null}
      </div>
    </form>
  );
}
