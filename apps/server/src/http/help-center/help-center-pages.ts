import { escapeHtml, renderMarkdown } from '@parley/kb';
import type { Article } from '@parley/domain';
import type { KnowledgeAnswer } from '@parley/use-cases';
import { HELP_TEXT } from './help-center-text.js';

// Server-rendered help-center pages. Every piece of content goes through escapeHtml or the safe
// Markdown renderer; the only script is the same-origin /help-assets/help-center.js (CSP script-src 'self').

interface PageInput {
  readonly workspaceSlug: string;
  readonly workspaceName: string;
  readonly lang: 'fr' | 'en';
  readonly title: string;
  readonly main: string;
  readonly query?: string;
}

const e = escapeHtml;

function base(slug: string, lang: string): string {
  return `/help/${encodeURIComponent(slug)}?lang=${lang}`;
}

export function articleUrl(slug: string, articleSlug: string, lang: string): string {
  return `/help/${encodeURIComponent(slug)}/articles/${encodeURIComponent(articleSlug)}?lang=${lang}`;
}

/** The page frame: header with the search form (works without JavaScript), the main content. */
export function helpPage(p: PageInput): string {
  const t = HELP_TEXT[p.lang];
  const other = p.lang === 'fr' ? 'en' : 'fr';
  return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(p.title)} · ${e(p.workspaceName)}</title>
<link rel="stylesheet" href="/help-assets/help-center.css">
<script src="/help-assets/help-center.js" defer></script>
</head>
<body data-workspace="${e(p.workspaceSlug)}" data-lang="${p.lang}" data-no-results="${e(t.noResults)}">
<header class="hc-header">
  <a class="hc-brand" href="${e(base(p.workspaceSlug, p.lang))}">${e(p.workspaceName)} · ${e(t.title)}</a>
  <a class="hc-lang" href="${e(base(p.workspaceSlug, other))}" hreflang="${other}">${other.toUpperCase()}</a>
  <form class="hc-search" role="search" method="get" action="/help/${e(encodeURIComponent(p.workspaceSlug))}/search">
    <label for="hc-q">${e(t.searchLabel)}</label>
    <input id="hc-q" name="q" type="search" autocomplete="off" maxlength="300" placeholder="${e(t.searchPlaceholder)}" value="${e(p.query ?? '')}" data-testid="help-search">
    <input type="hidden" name="lang" value="${p.lang}">
    <button type="submit">${e(t.searchButton)}</button>
    <ul class="hc-suggestions" id="hc-suggestions" data-testid="help-suggestions" aria-live="polite"></ul>
  </form>
</header>
<main class="hc-main">
${p.main}
</main>
</body>
</html>`;
}

/** Home: published public articles grouped by category. */
export function homeMain(slug: string, lang: 'fr' | 'en', articles: readonly Article[]): string {
  const t = HELP_TEXT[lang];
  const groups = new Map<string, Article[]>();
  for (const a of articles) {
    const key = a.category ?? t.other;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const sections = [...groups]
    .sort(([a], [b]) => a.localeCompare(b, lang))
    .map(
      ([category, list]) =>
        `<section class="hc-category"><h2>${e(category)}</h2><ul>${list
          .map((a) => `<li><a href="${e(articleUrl(slug, a.slug, lang))}" data-testid="help-article-link">${e(a.title)}</a></li>`)
          .join('')}</ul></section>`,
    )
    .join('\n');
  return `<h1>${e(t.articles)}</h1>\n${sections || `<p>${e(t.noResults)}</p>`}`;
}

/** Search results (the no-JavaScript path and the submitted search). */
export function resultsMain(slug: string, lang: 'fr' | 'en', query: string, answers: readonly KnowledgeAnswer[]): string {
  const t = HELP_TEXT[lang];
  const items = answers
    .map((a) => `<li data-testid="help-result"><a href="${e(articleUrl(slug, a.slug, a.language))}">${e(a.title)}</a><p>${e(a.passage)}</p></li>`)
    .join('');
  const quoted = lang === 'fr' ? `« ${e(query)} »` : `“${e(query)}”`;
  return `<h1>${e(t.results)}${lang === 'fr' ? ' :' : ':'} ${quoted}</h1>\n${items ? `<ol class="hc-results">${items}</ol>` : `<p data-testid="help-no-results">${e(t.noResults)}</p>`}`;
}

/** An article: rendered Markdown, steps, "was this helpful?". */
export function articleMain(slug: string, lang: 'fr' | 'en', a: Article): string {
  const t = HELP_TEXT[lang];
  const steps = a.steps.length ? `<h2>${e(t.steps)}</h2><ol class="hc-steps">${a.steps.map((s) => `<li>${e(s)}</li>`).join('')}</ol>` : '';
  const updated = (a.publishedAt ?? a.updatedAt).toISOString().slice(0, 10);
  return `<p><a href="${e(base(slug, lang))}">← ${e(t.back)}</a></p>
<article class="hc-article" data-testid="help-article">
<h1>${e(a.title)}</h1>
${a.summary ? `<p class="hc-summary">${e(a.summary)}</p>` : ''}
${renderMarkdown(a.body)}
${steps}
<p class="hc-updated">${e(t.updated)} ${e(updated)}</p>
</article>
<aside class="hc-feedback" data-article-id="${e(a.id)}" data-thanks="${e(t.thanks)}">
<p>${e(t.helpful)}</p>
<button type="button" data-helpful="true" data-testid="help-helpful-yes">${e(t.yes)}</button>
<button type="button" data-helpful="false" data-testid="help-helpful-no">${e(t.no)}</button>
<p class="hc-thanks" data-testid="help-thanks" hidden></p>
</aside>`;
}
