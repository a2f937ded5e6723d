import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, waitFor } from './support/test-server.js';

describe('knowledge base API and help center', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ApiClient;
  let slug: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = new ApiClient(server.url);
    await api.login();
    slug = (await api.request('GET', '/api/v1/workspace')).body.slug;
  });
  afterAll(async () => server?.close());

  it('answers from the demo knowledge base with score, article and matched passage', async () => {
    const res = await api.request('POST', '/api/v1/kb/answers', { question: 'Où est mon colis ?', k: 3 });
    expect(res.status).toBe(200);
    expect(res.body.answers).toHaveLength(3);
    expect(res.body.answers[0]).toMatchObject({ slug: 'suivre-ma-commande', rank: 1, matchedField: 'phrasing', matchedQuestion: 'Où est mon colis ?' });
    expect(res.body.answers[0].passage.length).toBeGreaterThan(10);
    expect(res.body.answers[0].score).toBeGreaterThan(res.body.answers[1].score);
    const sms = await api.request('POST', '/api/v1/kb/answers', { question: 'how long does shipping take', channel: 'sms', language: 'en' });
    expect(sms.body.answers[0]).toMatchObject({ slug: 'delivery-times', language: 'en' });
    expect(sms.body.answers[0].text).toMatch(/^Delivery takes 2-4 working days/);
    expect((await api.request('POST', '/api/v1/kb/answers', { question: '' })).status).toBe(422);
    expect((await api.request('POST', '/api/v1/kb/answers', { question: 'x', k: 500 })).status).toBe(422);
  });

  it('writes, versions, publishes and serves an article, escaping everything on the help center', async () => {
    const created = await api.request('POST', '/api/v1/kb/articles', {
      kind: 'article',
      language: 'fr',
      title: 'Entretien des abat-jour <script>alert(1)</script>',
      body: '## Nettoyage\n\nUn **chiffon sec** suffit. <img src=x onerror=alert(1)> [lien](javascript:alert(1))',
      category: 'Conseils',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', version: 1, slug: 'entretien-des-abat-jour-script-alert-1-script' });
    const articlePath = `/help/${slug}/articles/${created.body.slug}`;
    expect((await fetch(`${server.url}${articlePath}`)).status).toBe(404);
    const patched = await api.request('PATCH', `/api/v1/kb/articles/${id}`, { body: `${created.body.body}\n\nÉvitez l’eau.`, note: 'eau' });
    expect(patched.body.version).toBe(2);
    expect((await api.request('POST', `/api/v1/kb/articles/${id}/publish`, {})).body).toMatchObject({ status: 'published', publishedVersion: 2 });
    const versions = await api.request('GET', `/api/v1/kb/articles/${id}/versions`);
    expect(versions.body.items.map((v: { version: number; note: string | null }) => [v.version, v.note])).toEqual([
      [2, 'eau'],
      [1, null],
    ]);
    const page = await fetch(`${server.url}${articlePath}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong>chiffon sec</strong>');
    expect(html).not.toMatch(/<script>alert|<img|href="javascript/i);
    expect(html).not.toMatch(/<script(?! src="\/help-assets\/help-center\.js" defer><\/script>)/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const answers = await api.request('POST', '/api/v1/kb/answers', { question: 'comment nettoyer un abat-jour' });
    expect(answers.body.answers[0].articleId).toBe(id);
  });

  it('serves the help center: home, search page, search as you type, feedback', async () => {
    const home = await fetch(`${server.url}/help/${slug}?lang=en`);
    expect(home.status).toBe(200);
    const homeHtml = await home.text();
    expect(homeHtml).toContain('How do I track my order?');
    expect(homeHtml).not.toContain('Procédure : colis reçu endommagé');
    const results = await (await fetch(`${server.url}/help/${slug}/search?q=${encodeURIComponent('colis abîmé')}&lang=fr`)).text();
    expect(results).not.toContain('procedure-colis-endommage');
    const live = await (await fetch(`${server.url}/api/v1/help/${slug}/search?q=retour&lang=fr`)).json();
    expect(live.results[0]).toMatchObject({ slug: 'retours-et-remboursements' });
    expect(live.results[0].url).toBe(`/help/${slug}/articles/retours-et-remboursements?lang=fr`);
    const feedback = await fetch(`${server.url}/api/v1/help/${slug}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ articleId: live.results[0].articleId, helpful: true }),
    });
    expect(feedback.status).toBe(204);
    expect((await fetch(`${server.url}/help/no-such-workspace`)).status).toBe(404);
    const js = await fetch(`${server.url}/help-assets/help-center.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).not.toContain('innerHTML');
  });

  it('imports Markdown, exports it back, and learns phrasings after review', async () => {
    const md = '---\nlanguage: en\nkind: faq\ntags: [gift]\n---\n# Gift cards\n\nGift cards are valid for one year.';
    const imported = await api.request('POST', '/api/v1/kb/import', { format: 'markdown', files: [{ name: 'gift-cards.md', content: md }], publish: true });
    expect(imported.body).toMatchObject({ created: ['gift-cards'], issues: [] });
    const exported = await api.request('GET', '/api/v1/kb/export?format=markdown');
    expect(exported.body.files.find((f: { name: string }) => f.name === 'gift-cards.md').content).toContain('Gift cards are valid for one year.');
    const csv = await api.request('GET', '/api/v1/kb/export?format=csv');
    expect(csv.body.files[0].content.split('\r\n')[0]).toMatch(/^slug,kind,language,title,body/);
    const article = (await api.request('GET', '/api/v1/kb/articles?q=gift')).body.items[0];
    const feedback = await api.request('POST', '/api/v1/kb/feedback', { articleId: article.id, question: 'voucher expiry date', action: 'accepted' });
    expect(feedback.body.phrasing).toMatchObject({ status: 'pending', text: 'voucher expiry date' });
    const pending = await api.request('GET', '/api/v1/kb/phrasings');
    expect(pending.body.items.map((p: { text: string }) => p.text)).toContain('voucher expiry date');
    await api.request('POST', `/api/v1/kb/phrasings/${feedback.body.phrasing.id}/review`, { decision: 'approved' });
    await waitFor(async () => (await api.request('POST', '/api/v1/kb/answers', { question: 'voucher expiry date' })).body.answers[0]?.articleId === article.id);
  });

  it('reports gaps and keeps synonyms', async () => {
    for (let i = 0; i < 3; i++) await api.request('POST', '/api/v1/kb/answers', { question: 'Faites-vous la livraison par drone ?' });
    const gaps = await api.request('GET', '/api/v1/kb/gaps');
    expect(gaps.body.items.map((g: { question: string }) => g.question)).toContain('Faites-vous la livraison par drone ?');
    const put = await api.request('PUT', '/api/v1/kb/synonyms', { groups: [['drone', 'livraison']] });
    expect(put.body.groups).toEqual([['drone', 'livraison']]);
    expect((await api.request('GET', '/api/v1/kb/synonyms')).body.groups).toEqual([['drone', 'livraison']]);
  });
});
