// Static assets of the help center, served same-origin (CSP: script-src 'self'). The script builds
// suggestions with textContent and createElement only: no HTML from the server is ever parsed.

export const HELP_CENTER_JS = `(() => {
  'use strict';
  const body = document.body;
  const ws = body.dataset.workspace;
  const lang = body.dataset.lang || 'fr';
  const input = document.getElementById('hc-q');
  const list = document.getElementById('hc-suggestions');
  let timer = null;
  let seq = 0;
  function render(items, query) {
    list.replaceChildren();
    if (!query) return;
    if (items.length === 0) {
      const li = document.createElement('li');
      li.className = 'hc-empty';
      li.textContent = body.dataset.noResults || '';
      list.appendChild(li);
      return;
    }
    for (const item of items) {
      const li = document.createElement('li');
      li.setAttribute('data-testid', 'help-suggestion');
      const a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.title;
      const p = document.createElement('p');
      p.textContent = item.passage;
      li.append(a, p);
      list.appendChild(li);
    }
  }
  async function search(query) {
    const mine = ++seq;
    try {
      const res = await fetch('/api/v1/help/' + encodeURIComponent(ws) + '/search?lang=' + encodeURIComponent(lang) + '&q=' + encodeURIComponent(query), { headers: { accept: 'application/json' } });
      if (!res.ok || mine !== seq) return;
      const data = await res.json();
      if (mine === seq) render(Array.isArray(data.results) ? data.results : [], query);
    } catch (_) {
      // Offline or rate-limited: the form still submits to the results page.
    }
  }
  if (input && list && ws) {
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const query = input.value.trim();
      if (query.length < 2) { seq++; render([], ''); return; }
      timer = setTimeout(() => search(query), 150);
    });
  }
  for (const box of document.querySelectorAll('[data-article-id]')) {
    for (const button of box.querySelectorAll('button[data-helpful]')) {
      button.addEventListener('click', async () => {
        for (const b of box.querySelectorAll('button')) b.disabled = true;
        try {
          await fetch('/api/v1/help/' + encodeURIComponent(ws) + '/feedback', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ articleId: box.dataset.articleId, helpful: button.dataset.helpful === 'true' }),
          });
        } catch (_) {}
        const thanks = box.querySelector('.hc-thanks');
        if (thanks) { thanks.textContent = box.dataset.thanks || ''; thanks.hidden = false; }
      });
    }
  }
})();
`;

export const HELP_CENTER_CSS = `:root { color-scheme: light; --accent: #8a5a00; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
body { margin: 0; color: #1f1f1f; background: #fbfaf7; line-height: 1.55; }
.hc-header { background: #fff; border-bottom: 1px solid #e6e1d6; padding: 1rem clamp(1rem, 5vw, 4rem); display: grid; grid-template-columns: 1fr auto; gap: .75rem; }
.hc-brand { font-weight: 700; color: var(--accent); text-decoration: none; }
.hc-lang { color: #555; }
.hc-search { grid-column: 1 / -1; position: relative; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.hc-search label { width: 100%; font-size: .9rem; color: #555; }
.hc-search input[type=search] { flex: 1; min-width: 12rem; padding: .6rem .8rem; font-size: 1rem; border: 1px solid #cfc7b5; border-radius: .4rem; }
.hc-search button { padding: .6rem 1rem; border: 0; border-radius: .4rem; background: var(--accent); color: #fff; font-size: 1rem; }
.hc-suggestions { list-style: none; margin: 0; padding: 0; width: 100%; }
.hc-suggestions li { padding: .5rem 0; border-bottom: 1px solid #eee; }
.hc-suggestions p, .hc-results p { margin: .2rem 0 0; color: #555; font-size: .9rem; }
.hc-main { max-width: 50rem; margin: 0 auto; padding: 1.5rem clamp(1rem, 5vw, 2rem) 4rem; }
.hc-category ul { padding-left: 1.2rem; }
.hc-article { background: #fff; border: 1px solid #e6e1d6; border-radius: .6rem; padding: 1.5rem; }
.hc-summary { font-size: 1.1rem; color: #333; }
.hc-updated { color: #777; font-size: .85rem; }
.hc-feedback { margin-top: 1.5rem; }
.hc-feedback button { margin-right: .5rem; padding: .4rem 1rem; border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: .4rem; }
a { color: var(--accent); }
code, pre { background: #f3efe6; border-radius: .3rem; padding: .1rem .3rem; }
`;
