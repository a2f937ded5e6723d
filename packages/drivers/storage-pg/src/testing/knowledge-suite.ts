import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@parley/kernel';
import type { NewArticle, Store } from '@parley/domain';
import { createPgStore } from '../pg-store.js';
import { pgKnowledgeRepositoryFor } from '../repositories/knowledge.repository.js';
import { createTestDatabase, type TestBackend } from './test-database.js';

function article(workspaceId: string, over: Partial<NewArticle> = {}): NewArticle {
  return {
    id: newId(),
    workspaceId,
    kind: 'faq',
    language: 'fr',
    slug: `s-${newId()}`,
    category: 'Livraison',
    tags: ['livraison'],
    audiences: [],
    channels: [],
    reviewBy: null,
    authorId: null,
    title: 'Délais de livraison',
    body: '2 à 4 jours ouvrés.',
    summary: null,
    phrasings: ['Quand arrive ma commande ?'],
    steps: [],
    variants: { sms: '2-4 jours' },
    now: new Date('2026-01-01T10:00:00Z'),
    ...over,
  };
}

/**
 * The knowledge repository contract on one backend: versions, publication, tenancy, phrasings,
 * feedback counters, gaps and synonyms. Runs on PGlite in `npm test` and on PostgreSQL in the
 * integration suite.
 *
 * @example
 * describeKnowledgeRepositorySuite('pglite');
 */
export function describeKnowledgeRepositorySuite(backend: TestBackend): void {
  describe(`knowledge repository (${backend})`, () => {
    let store: Store;
    let close: () => Promise<void>;
    const ws = newId();
    const other = newId();

    beforeAll(async () => {
      const handle = await createTestDatabase(backend);
      close = () => handle.close();
      store = createPgStore(handle.db, { enqueue: async () => ({ id: newId(), created: true }), publish: async () => undefined });
      await store.transaction(async (tx) => {
        await tx.workspaces.create({ id: ws, name: 'Maison', slug: `maison-${ws}`, timeZone: 'Europe/Paris', locale: 'fr' });
        await tx.workspaces.create({ id: other, name: 'Other', slug: `other-${other}`, timeZone: 'Europe/Paris', locale: 'fr' });
      });
    });
    afterAll(() => close?.());

    const repo = () => pgKnowledgeRepositoryFor(store.read);

    it('versions content changes only, and serves the published version', async () => {
      const input = article(ws);
      const created = await store.transaction((tx) => pgKnowledgeRepositoryFor(tx).createArticle(input));
      expect(created).toMatchObject({ version: 1, status: 'draft', publishedVersion: null, variants: { sms: '2-4 jours' } });
      await store.transaction((tx) => pgKnowledgeRepositoryFor(tx).setStatus(ws, input.id, 'published', 1, new Date()));
      const same = await repo().updateArticle(ws, input.id, { tags: ['x'], title: 'Délais de livraison' }, null, null, new Date());
      expect(same?.version).toBe(1);
      const edited = await repo().updateArticle(ws, input.id, { body: '48 h.' }, newId(), 'shorter', new Date());
      expect(edited?.version).toBe(2);
      expect((await repo().listVersions(ws, input.id)).map((v) => [v.version, v.body, v.note])).toEqual([
        [2, '48 h.', 'shorter'],
        [1, '2 à 4 jours ouvrés.', null],
      ]);
      expect((await repo().getPublished(ws, input.id))?.body).toBe('2 à 4 jours ouvrés.');
      expect((await repo().listPublished(ws)).map((a) => a.id)).toContain(input.id);
      expect((await repo().getVersion(ws, input.id, 2))?.body).toBe('48 h.');
    });

    it('keeps workspaces apart and slugs unique per workspace', async () => {
      const a = article(ws, { slug: 'retours' });
      await repo().createArticle(a);
      await repo().createArticle(article(other, { slug: 'retours' }));
      await expect(repo().createArticle(article(ws, { slug: 'retours' }))).rejects.toThrow();
      expect(await repo().getArticle(other, a.id)).toBeNull();
      expect(await repo().updateArticle(other, a.id, { body: 'x' }, null, null, new Date())).toBeNull();
      expect((await repo().findBySlug(ws, 'retours'))?.id).toBe(a.id);
      expect((await repo().listArticles(other, {})).map((x) => x.id)).not.toContain(a.id);
      expect(await repo().listVersions(other, a.id)).toEqual([]);
      expect(await repo().workspaceIdBySlug(`maison-${ws}`)).toBe(ws);
    });

    it('locks an article inside a transaction', async () => {
      const a = article(ws);
      await repo().createArticle(a);
      const locked = await store.transaction((tx) => pgKnowledgeRepositoryFor(tx).lockArticle(ws, a.id));
      expect(locked?.id).toBe(a.id);
    });

    it('reviews learned phrasings and counts feedback', async () => {
      const a = article(ws);
      await repo().createArticle(a);
      const p = await repo().addPhrasing({
        id: newId(),
        workspaceId: ws,
        articleId: a.id,
        text: 'colis en retard',
        language: 'fr',
        source: 'agent',
        createdBy: null,
        now: new Date(),
      });
      expect(p.status).toBe('pending');
      expect(await repo().reviewPhrasing(other, p.id, 'approved', newId(), new Date())).toBeNull();
      expect((await repo().reviewPhrasing(ws, p.id, 'approved', newId(), new Date()))?.status).toBe('approved');
      expect((await repo().listPhrasings(ws, { status: 'approved', articleId: a.id })).map((x) => x.text)).toEqual(['colis en retard']);
      for (const kind of ['helpful', 'helpful', 'not_helpful', 'accepted', 'edited', 'rejected'] as const)
        await repo().recordFeedback({
          id: newId(),
          workspaceId: ws,
          articleId: a.id,
          question: 'q',
          kind,
          source: 'agent',
          actorId: null,
          channel: null,
          now: new Date(),
        });
      expect((await repo().feedbackStats(ws)).find((s) => s.articleId === a.id)).toEqual({
        articleId: a.id,
        helpful: 2,
        notHelpful: 1,
        accepted: 2,
        rejected: 1,
      });
      expect(await repo().feedbackStats(other)).toEqual([]);
    });

    it('reports frequent questions without a good answer as gaps', async () => {
      const now = new Date();
      const ask = (question: string, confidence: number) =>
        repo().recordQuery({
          id: newId(),
          workspaceId: ws,
          question,
          normalized: question.toLowerCase(),
          language: 'fr',
          channel: null,
          topArticleId: null,
          topConfidence: confidence,
          now,
        });
      for (let i = 0; i < 3; i++) await ask('Livrez-vous en Belgique ?', 0.1);
      await ask('livrez-vous en belgique ?', 0.2);
      await ask('Délais ?', 0.9);
      await ask('Délais ?', 0.1);
      await ask('Rare question', 0.05);
      const gaps = await repo().gaps(ws, { since: new Date(now.getTime() - 60_000), threshold: 0.35, minCount: 2, limit: 10 });
      expect(gaps.map((g) => [g.count, g.bestConfidence])).toEqual([[4, expect.closeTo(0.2, 5)]]);
      expect(gaps[0]).toMatchObject({ examples: ['Livrez-vous en Belgique ?', 'livrez-vous en belgique ?'], language: 'fr' });
      expect(await repo().gaps(other, { since: new Date(0), threshold: 1, minCount: 1, limit: 10 })).toEqual([]);
    });

    it('stores embedding vectors per provider and workspace, replacing them on save', async () => {
      const input = article(ws);
      await repo().createArticle(input);
      await repo().saveEmbeddings(ws, 'p1', [{ articleId: input.id, contentHash: 'h1', vectors: [[0.5, -0.25]] }], new Date());
      await repo().saveEmbeddings(
        ws,
        'p1',
        [
          {
            articleId: input.id,
            contentHash: 'h2',
            vectors: [
              [1, 0],
              [0, 1],
            ],
          },
        ],
        new Date(),
      );
      expect(await repo().listEmbeddings(ws, 'p1')).toEqual([
        {
          articleId: input.id,
          contentHash: 'h2',
          vectors: [
            [1, 0],
            [0, 1],
          ],
        },
      ]);
      expect(await repo().listEmbeddings(ws, 'p2')).toEqual([]);
      expect(await repo().listEmbeddings(other, 'p1')).toEqual([]);
    });

    it('names the author of each version', async () => {
      const userId = newId();
      await store.transaction((tx) => tx.access.createUser({ id: userId, email: `${userId}@test.parley`, name: 'Léa Martin', passwordHash: null }));
      const input = article(ws, { authorId: userId });
      await repo().createArticle(input);
      await repo().updateArticle(ws, input.id, { body: 'Nouveau' }, null, 'import', new Date());
      expect((await repo().listVersions(ws, input.id)).map((v) => [v.version, v.authorName])).toEqual([
        [2, null],
        [1, 'Léa Martin'],
      ]);
    });

    it('stores synonyms per workspace', async () => {
      await repo().saveSynonyms(ws, [['colis', 'paquet']], new Date());
      await repo().saveSynonyms(ws, [['colis', 'paquet', 'envoi']], new Date());
      expect(await repo().getSynonyms(ws)).toEqual([['colis', 'paquet', 'envoi']]);
      expect(await repo().getSynonyms(other)).toEqual([]);
    });
  });
}
