import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '@parley/kernel';
import { markdownToPlain } from '@parley/kb';
import { createWorkspace } from '@parley/use-cases';
import { ApiClient, postInbound, startTestServer } from './support/test-server.js';
import { useSmsConversations } from './support/sms-conversation.js';

interface SuggestionItem {
  kind: string;
  text: string;
  adaptedText: string;
  adaptation: { variant: 'sms' | 'voice' | null; trimmed: boolean; greeting: boolean };
  articleId: string;
  title: string;
  score: number;
  passage: string;
}
interface ArticleDto {
  id: string;
  title: string;
  body: string;
  summary: string | null;
  phrasings: string[];
  variants: Record<string, string>;
  status: string;
  language: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The engine shows passages as plain text on one line: compare on that form. */
const flat = (text: string): string => markdownToPlain(text).replace(/\s+/g, ' ').trim();
const MARKDOWN = /\*\*|\]\(|^#|\n/m;

// The suggestions API other desktops (CRM, softphones) read, on the demo knowledge base: the
// shape and provenance of each item, channel and persona adaptation, access control and tenancy.
describe('GET /api/v1/conversations/{id}/suggestions', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let channel: { id: string; secret: string };
  let n = 0;
  const articles = new Map<string, ArticleDto>();

  const inbound = async (message: Record<string, unknown>, customer = { externalId: `cust-${++n}`, name: 'Camille Durand' }) => {
    const res = await postInbound(server.url, channel.id, channel.secret, { customer, message: { id: `m-${++n}`, ...message } });
    expect(res.status).toBe(202);
    return String(res.body.conversationId);
  };
  const suggestions = async (conversationId: string, client = admin) => {
    const res = await client.request<{ question: string; language: string | null; items: SuggestionItem[] }>(
      'GET',
      `/api/v1/conversations/${conversationId}/suggestions`,
    );
    return res;
  };
  const article = async (id: string): Promise<ArticleDto> => {
    const known = articles.get(id);
    if (known) return known;
    const res = await admin.request<ArticleDto>('GET', `/api/v1/kb/articles/${id}`);
    expect(res.status, `article ${id}`).toBe(200);
    articles.set(id, res.body);
    return res.body;
  };
  const addUser = async (role: string) => {
    const user = { email: `${role}-${++n}@test.parley`, name: `User ${role}`, password: 'a long enough password', role };
    expect((await admin.request('POST', '/api/v1/users', user)).status).toBe(201);
    const client = new ApiClient(server.url);
    await client.login(user.email, user.password);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
    const created = await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'Site', config: { webhookUrl: 'http://127.0.0.1:9/hook' } });
    channel = { id: created.body.id, secret: created.body.secret };
  });
  afterAll(async () => server?.close());

  it('returns up to five answers, each with its kind, text, source article, score and the passage that matched, best first', async () => {
    const question = 'Bonjour, quels sont les délais de livraison en Belgique ?';
    const res = await suggestions(await inbound({ text: question }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ question, language: 'fr' });
    const { items } = res.body;
    // The demo knowledge base has more than five French articles: the panel is always full.
    expect(items).toHaveLength(5);
    expect(new Set(items.map((i) => i.articleId)).size).toBe(items.length);

    const [top] = items;
    expect(top).toMatchObject({ kind: 'kb_answer', title: 'Quels sont les délais de livraison ?' });
    expect(top?.score).toBeGreaterThan(0);
    expect(top?.passage).toContain('Belgique, Luxembourg, Suisse : 4 à 6 jours ouvrés');

    for (const [i, item] of items.entries()) {
      const where = `#${i + 1} ${item.title}`;
      expect(item.kind, where).toBe('kb_answer');
      expect(item.articleId, where).toMatch(UUID);
      expect(typeof item.score, where).toBe('number');
      expect(Number.isFinite(item.score) && item.score >= 0, where).toBe(true);
      if (i > 0) expect(item.score, where).toBeLessThanOrEqual(items[i - 1]!.score);

      // The source exists in the knowledge base under that title, published.
      const source = await article(item.articleId);
      expect(source.title, where).toBe(item.title);
      expect(source.status, where).toBe('published');

      // The passage comes from that article: a part of its body (or one of its phrasings).
      const body = flat(source.body);
      if (item.score > 0) {
        expect(item.passage.length, where).toBeGreaterThan(0);
        expect(body.includes(flat(item.passage)) || source.phrasings.includes(item.passage), where).toBe(true);
      } else {
        // A fill-in matched nothing: no "why this answer" beyond the article's summary.
        expect(item.passage, where).toBe(source.summary ?? '');
      }

      // The text is the article's, as plain text that can be sent as is.
      expect(item.text.length, where).toBeGreaterThan(0);
      expect(item.text, where).not.toMatch(MARKDOWN);
      expect(item.adaptedText, where).not.toMatch(MARKDOWN);
      expect([source.summary, ...Object.values(source.variants)].includes(item.text) || body.includes(item.text), where).toBe(true);
    }
  });

  it('fills the panel with plain text, not the article’s raw Markdown cut mid-word', async () => {
    // One matched article; the four fill-ins include Markdown bodies (bold, links, lists).
    const res = await suggestions(await inbound({ text: 'Acceptez-vous PayPal ?' }));
    const fillIns = res.body.items.filter((i) => i.score === 0);
    expect(fillIns.length).toBeGreaterThan(0);
    for (const item of fillIns) {
      const source = await article(item.articleId);
      expect(item.text, item.title).not.toMatch(MARKDOWN);
      expect(item.text, item.title).toMatch(/[.!?…]$/);
      expect(flat(source.body).startsWith(item.text), item.title).toBe(true);
    }
  });

  it('adapts the inserted text to the persona: greeting by first name before the first reply, in the customer’s language', async () => {
    const fr = await suggestions(await inbound({ text: 'Comment retourner un article ?' }));
    const greeted = fr.body.items.filter((i) => i.adaptation.greeting);
    expect(greeted.length).toBeGreaterThan(0);
    for (const item of greeted) expect(item.adaptedText).toMatch(/^Bonjour Camille, /);
    // The canned welcome already greets ("Bonjour et merci…"): it is left as written.
    for (const item of fr.body.items.filter((i) => !i.adaptation.greeting)) expect(item.adaptedText).toBe(item.text);

    const en = await suggestions(await inbound({ text: 'How do I return an item?' }, { externalId: `cust-${++n}`, name: 'Jane Doe' }));
    expect(en.body.language).toBe('en');
    expect(en.body.items[0]).toMatchObject({ title: 'How do I return an item?', adaptation: { greeting: true } });
    expect(en.body.items[0]?.adaptedText).toMatch(/^Hello Jane, you have 30 days/);

    // A persona that does not greet by name inserts the text as the knowledge base has it.
    expect((await admin.request('PUT', '/api/v1/assist/settings', { persona: { tone: 'vous', greetByFirstName: false } })).status).toBe(200);
    try {
      const plain = await suggestions(await inbound({ text: 'Comment retourner un article ?' }));
      for (const item of plain.body.items) expect(item).toMatchObject({ adaptedText: item.text, adaptation: { greeting: false } });
    } finally {
      await admin.request('PUT', '/api/v1/assist/settings', { persona: null });
    }
  });

  it('reads a short message ("ok") in the customer’s language among the knowledge base’s, never as a language without content', async () => {
    // After a French question, "ok" keeps the conversation in French.
    const customer = { externalId: `cust-${++n}`, name: 'Camille Durand' };
    const id = await inbound({ text: 'Quels sont les délais de livraison ?' }, customer);
    expect(await inbound({ text: 'ok' }, customer)).toBe(id);
    const after = await suggestions(id);
    expect(after.body.language).toBe('fr');
    expect(after.body.items[0]?.title).toBe('Quels sont les délais de livraison ?');

    // "ok" alone ("ok" reads as Dutch): the customer's locale decides, French or English.
    for (const locale of ['fr-FR', 'en']) {
      const alone = await inbound({ text: 'ok' });
      const conversation = await admin.request<{ customerId: string }>('GET', `/api/v1/conversations/${alone}`);
      await server.database.db.updateTable('customers').set({ locale }).where('id', '=', conversation.body.customerId).execute();
      const res = await suggestions(alone);
      expect(res.status).toBe(200);
      expect(res.body.language, locale).toBe(locale.slice(0, 2));
      expect(res.body.items, locale).toHaveLength(5);
      for (const item of res.body.items) expect((await article(item.articleId)).language, `${locale} ${item.title}`).toBe(locale.slice(0, 2));
    }
  });

  it('gives an empty list, not an error, while the customer has written no text', async () => {
    const id = await inbound({ text: '   ', payload: 'MENU' });
    const res = await suggestions(id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ question: '', language: null, items: [] });
    // An agent's message is not the customer's question.
    expect(
      (await admin.request('POST', `/api/v1/conversations/${id}/messages`, { text: 'Bonjour, que puis-je pour vous ?' }, { 'idempotency-key': `r-${++n}` }))
        .status,
    ).toBe(201);
    expect((await suggestions(id)).body.items).toEqual([]);
  });

  it('answers 404 for an unknown conversation and for another workspace’s, 422 for a malformed id', async () => {
    const unknown = await suggestions(newId());
    expect(unknown.status).toBe(404);
    expect((unknown.body as unknown as { error: { code: string } }).error.code).toBe('conversation_not_found');
    expect((await admin.request('GET', '/api/v1/conversations/not-an-id/suggestions')).status).toBe(422);

    const userB = newId();
    await server.context.store.transaction((tx) => tx.access.createUser({ id: userB, email: 'b@other.example', name: 'Bea', passwordHash: null }));
    await server.database.db
      .updateTable('users')
      .set({ password_hash: await hashPassword('password-of-b') })
      .where('id', '=', userB)
      .execute();
    await createWorkspace(server.context.store, { name: 'Other brand', adminUserId: userB });
    const adminB = new ApiClient(server.url);
    await adminB.login('b@other.example', 'password-of-b');
    const ours = await inbound({ text: 'Quels sont les délais de livraison ?' });
    const theirs = await suggestions(ours, adminB);
    expect(theirs.status).toBe(404);
    expect((theirs.body as unknown as { error: { code: string } }).error.code).toBe('conversation_not_found');
    expect((await suggestions(ours)).body.items).toHaveLength(5);
  });

  it('answers 401 without credentials and 403 to a role without conversations:read', async () => {
    const id = await inbound({ text: 'Quels sont les délais de livraison ?' });
    expect((await suggestions(id, new ApiClient(server.url))).status).toBe(401);
    expect((await suggestions(id, new ApiClient(server.url, 'not-a-token'))).status).toBe(401);

    // Every built-in role reads conversations, so each gets the suggestions.
    for (const role of ['agent', 'supervisor', 'knowledge_editor']) expect((await suggestions(id, await addUser(role))).status, role).toBe(200);
    // A custom role without the permission does not.
    const workspaceId = String((await admin.request('GET', '/api/v1/auth/me')).body.workspaceId);
    await server.context.store.transaction((tx) =>
      tx.access.upsertRoles(workspaceId, [{ key: 'billing', name: 'Billing', permissions: ['customers:read', 'channels:read'] }], false),
    );
    const refused = await suggestions(id, await addUser('billing'));
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as { error: { code: string } }).error.code).toBe('forbidden');
  });
});

describe('GET /api/v1/conversations/{id}/suggestions on an SMS conversation', () => {
  const sms = useSmsConversations();

  it('inserts each article’s short SMS variant when it has one, else its text trimmed at a sentence end to 320 characters', async () => {
    const admin = sms.admin;
    const conversationId = await sms.conversationFrom('+33612345602', 'Où est mon colis ? Je veux aussi savoir comment retourner un article.', 'SMsuggest0001');
    const res = await admin.request<{ items: SuggestionItem[] }>('GET', `/api/v1/conversations/${conversationId}/suggestions`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    let variants = 0;
    for (const item of res.body.items) {
      const source = (await admin.request<ArticleDto>('GET', `/api/v1/kb/articles/${item.articleId}`)).body;
      // A phone number is no first name: no greeting on this conversation.
      expect(item.adaptation.greeting, item.title).toBe(false);
      expect(item.adaptedText.length, item.title).toBeLessThanOrEqual(320);
      expect(item.adaptedText, item.title).not.toMatch(MARKDOWN);
      if (source.variants.sms) {
        variants++;
        // The API's text is the SMS variant too, as what "Insert" puts in the composer.
        expect(item, item.title).toMatchObject({ text: source.variants.sms, adaptedText: source.variants.sms, adaptation: { variant: 'sms', trimmed: false } });
      } else {
        expect(item.adaptation.variant, item.title).toBeNull();
        expect(item.adaptedText.endsWith('…') || /[.!?]$/.test(item.adaptedText), item.title).toBe(true);
      }
      // Without a greeting, the text is exactly what is inserted: fitted to the channel.
      expect(item.text, item.title).toBe(item.adaptedText);
      expect(item.text.length, item.title).toBeLessThanOrEqual(320);
    }
    expect(variants).toBeGreaterThanOrEqual(2);
  });
});
