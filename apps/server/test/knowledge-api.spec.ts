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
  it('shows versions with authors, restores a previous one as a new version, and lists articles due for review', async () => {
    const created = await api.request('POST', '/api/v1/kb/articles', {
      kind: 'faq',
      language: 'fr',
      title: 'Garantie des ampoules',
      body: 'Les ampoules sont garanties 1 an.',
      reviewBy: new Date(Date.now() - 86_400_000).toISOString(),
    });
    const id = created.body.id;
    await api.request('PATCH', `/api/v1/kb/articles/${id}`, { body: 'Les ampoules sont garanties 2 ans.', note: 'nouvelle garantie' });
    await api.request('POST', `/api/v1/kb/articles/${id}/publish`, {});
    const versions = await api.request('GET', `/api/v1/kb/articles/${id}/versions`);
    expect(versions.body.items.map((v: { version: number; authorName: string | null }) => [v.version, v.authorName])).toEqual([
      [2, expect.any(String)],
      [1, expect.any(String)],
    ]);
    const restored = await api.request('POST', `/api/v1/kb/articles/${id}/versions/1/restore`, {});
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 3, publishedVersion: 2, body: 'Les ampoules sont garanties 1 an.' });
    const after = await api.request('GET', `/api/v1/kb/articles/${id}/versions`);
    expect(after.body.items[0]).toMatchObject({ version: 3, note: 'restored from version 1' });
    expect((await api.request('POST', `/api/v1/kb/articles/${id}/versions/9/restore`, {})).status).toBe(404);
    expect((await api.request('POST', `/api/v1/kb/articles/${id}/versions/0/restore`, {})).status).toBe(422);

    const later = await api.request('POST', '/api/v1/kb/articles', {
      kind: 'faq',
      language: 'fr',
      title: 'Garantie des abat-jour',
      body: '1 an.',
      reviewBy: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    });
    await api.request('POST', '/api/v1/kb/articles', {
      kind: 'faq',
      language: 'fr',
      title: 'Garantie lointaine',
      body: '1 an.',
      reviewBy: '2099-01-01T00:00:00Z',
    });
    const due = await api.request('GET', '/api/v1/kb/review-due?days=14');
    expect(due.body.items.map((a: { id: string; overdue: boolean }) => [a.id, a.overdue])).toEqual([
      [id, true],
      [later.body.id, false],
    ]);
    expect((await api.request('GET', '/api/v1/kb/review-due?days=0')).body.items.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('lists phrasings with their article, and gaps with examples and the article written for them', async () => {
    const article = (await api.request('GET', '/api/v1/kb/articles?q=retours')).body.items[0];
    const feedback = await api.request('POST', '/api/v1/kb/feedback', { articleId: article.id, question: 'puis-je renvoyer un luminaire', action: 'edited' });
    const pending = await api.request('GET', '/api/v1/kb/phrasings');
    expect(pending.body.items.find((p: { id: string }) => p.id === feedback.body.phrasing.id)).toMatchObject({
      articleTitle: article.title,
      articleSlug: article.slug,
    });
    await api.request('POST', `/api/v1/kb/phrasings/${feedback.body.phrasing.id}/review`, { decision: 'rejected' });
    expect((await api.request('GET', '/api/v1/kb/phrasings?status=rejected')).body.items.map((p: { id: string }) => p.id)).toContain(feedback.body.phrasing.id);

    for (const q of ['Vendez-vous des cartes cadeaux en magasin ?', 'vendez vous des cartes cadeaux en magasin', 'Vendez-vous des cartes cadeaux en magasin ?'])
      await api.request('POST', '/api/v1/kb/answers', { question: q, language: 'fr' });
    const gap = () =>
      api
        .request('GET', '/api/v1/kb/gaps')
        .then((r) => r.body.items.find((g: { examples: string[] }) => g.examples.includes('vendez vous des cartes cadeaux en magasin')));
    expect(await gap()).toMatchObject({
      count: 3,
      language: 'fr',
      coveredBy: null,
      examples: ['Vendez-vous des cartes cadeaux en magasin ?', 'vendez vous des cartes cadeaux en magasin'],
    });
    const faq = await api.request('POST', '/api/v1/kb/articles', {
      kind: 'faq',
      language: 'fr',
      title: 'Vendez-vous des cartes cadeaux en magasin ?',
      body: '',
    });
    expect(faq.status).toBe(201);
    expect((await gap()).coveredBy).toEqual({ articleId: faq.body.id, title: 'Vendez-vous des cartes cadeaux en magasin ?', status: 'draft' });
  });

  it('keeps the review screens to knowledge editors', async () => {
    await api.request('POST', '/api/v1/users', { email: 'agent-kb@test.parley', name: 'Agent', password: 'agent-password', role: 'agent' });
    const agent = new ApiClient(server.url);
    await agent.login('agent-kb@test.parley', 'agent-password');
    for (const path of ['/api/v1/kb/phrasings', '/api/v1/kb/gaps', '/api/v1/kb/review-due', '/api/v1/kb/export?format=json'])
      expect((await agent.request('GET', path)).status, path).toBe(403);
    const id = (await api.request('GET', '/api/v1/kb/articles')).body.items[0].id;
    expect((await agent.request('POST', `/api/v1/kb/articles/${id}/versions/1/restore`, {})).status).toBe(403);
    expect((await agent.request('PUT', '/api/v1/kb/synonyms', { groups: [['a', 'b']] })).status).toBe(403);
  });
});
