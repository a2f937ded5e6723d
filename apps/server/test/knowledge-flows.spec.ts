// The knowledge flows on a real PGlite database (use-case tests may not import the storage driver, so they live here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, newId } from '@parley/kernel';
import { BUILT_IN_ROLES, type Permission, type Principal, type Store } from '@parley/domain';
import { createPgStore, pgKnowledgeRepositoryFor } from '@parley/storage-pg';
import { createTestDatabase } from '@parley/storage-pg/testing';
import {
  answerQuestion,
  createArticle,
  exportKnowledge,
  importKnowledge,
  KnowledgeEngines,
  knowledgeGaps,
  listArticleVersions,
  listPhrasings,
  loadDemoKnowledge,
  loadEngineSource,
  publishArticle,
  recordAgentFeedback,
  recordCustomerFeedback,
  reviewPhrasing,
  unpublishArticle,
  updateArticle,
  type KnowledgeDeps,
} from '@parley/use-cases';

const jobs: string[] = [];
const events: string[] = [];
let close: () => Promise<void>;
let deps: KnowledgeDeps;
let store: Store;
const ws = newId();
const otherWs = newId();

function principal(role: string, workspaceId = ws): Principal {
  const def = BUILT_IN_ROLES.find((r) => r.key === role);
  return { userId: newId(), workspaceId, roleKey: role, permissions: new Set(def?.permissions as Permission[]), via: 'session' };
}
const editor = principal('knowledge_editor');
const agent = principal('agent');

beforeAll(async () => {
  const handle = await createTestDatabase('pglite');
  close = () => handle.close();
  store = createPgStore(handle.db, {
    enqueue: async (_trx, job) => {
      jobs.push(job.queue);
      return { id: newId(), created: true };
    },
    publish: async (e) => {
      events.push(e.name);
    },
  });
  await store.transaction(async (tx) => {
    await tx.workspaces.create({ id: ws, name: 'Maison Lumière', slug: `maison-${ws}`, timeZone: 'Europe/Paris', locale: 'fr' });
    await tx.workspaces.create({ id: otherWs, name: 'Other', slug: `other-${otherWs}`, timeZone: 'Europe/Paris', locale: 'fr' });
  });
  const knowledge = (scope: object) => pgKnowledgeRepositoryFor(scope);
  deps = { store, clock: new ManualClock(new Date()), knowledge, engines: new KnowledgeEngines((w) => loadEngineSource(knowledge(store.read), w)) };
});
afterAll(() => close?.());

describe('knowledge flows', () => {
  it('drafts are invisible; publishing enqueues a reindex and serves the published version', async () => {
    const a = await createArticle(deps, editor, {
      kind: 'faq',
      language: 'fr',
      title: 'Livrez-vous le samedi ?',
      body: 'Oui, en Colissimo, sans supplément.',
      variants: { sms: 'Oui, le samedi aussi.' },
    });
    expect(a).toMatchObject({ status: 'draft', slug: 'livrez-vous-le-samedi', version: 1 });
    expect(await answerQuestion(deps, agent, { question: 'livraison samedi' })).toEqual([]);
    jobs.length = 0;
    await publishArticle(deps, editor, a.id);
    expect(jobs).toEqual(['kb.reindex']);
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toContain('kb.published');
    const [top] = await answerQuestion(deps, agent, { question: 'vous livrez le samedi ?', channel: 'sms' });
    expect(top).toMatchObject({ articleId: a.id, text: 'Oui, le samedi aussi.', matchedField: 'title' });
    expect(top?.passage).toContain('Colissimo');
    await updateArticle(deps, editor, a.id, { body: 'Non, plus le samedi.' }, 'policy change');
    expect((await answerQuestion(deps, agent, { question: 'samedi' }))[0]?.passage).toContain('Colissimo');
    expect((await listArticleVersions(deps, agent, a.id)).map((v) => [v.version, v.note])).toEqual([
      [2, 'policy change'],
      [1, null],
    ]);
    await publishArticle(deps, editor, a.id);
    expect((await answerQuestion(deps, agent, { question: 'samedi' }))[0]?.passage).toBe('Non, plus le samedi.');
    await unpublishArticle(deps, editor, a.id);
    expect(await answerQuestion(deps, agent, { question: 'samedi' })).toEqual([]);
  });

  it('checks permissions and tenancy', async () => {
    await expect(createArticle(deps, agent, { kind: 'faq', language: 'fr', title: 'x', body: 'y' })).rejects.toMatchObject({ code: 'forbidden' });
    const a = await createArticle(deps, editor, { kind: 'article', language: 'en', title: 'Private', body: 'z' });
    await expect(publishArticle(deps, principal('knowledge_editor', otherWs), a.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(createArticle(deps, editor, { kind: 'article', language: 'en', title: 'Private', body: 'dup' })).rejects.toMatchObject({
      code: 'invalid_state',
    });
  });

  it('imports Markdown and CSV, updates by slug and exports what it imported', async () => {
    const md =
      '---\nlanguage: en\nkind: faq\nphrasings:\n  - Can I pick up my lamp?\n---\n# Click and collect\n\nOrder online and collect in Lyon the next day.';
    const first = await importKnowledge(
      deps,
      editor,
      'markdown',
      [
        { name: 'click-and-collect.md', content: md },
        { name: 'bad.md', content: 'no title' },
      ],
      { publish: true },
    );
    expect(first).toMatchObject({ created: ['click-and-collect'], issues: [{ where: 'bad.md', message: 'missing "title"' }] });
    expect((await answerQuestion(deps, agent, { question: 'can I collect my lamp in the shop' }))[0]?.slug).toBe('click-and-collect');
    const again = await importKnowledge(deps, editor, 'markdown', [{ name: 'click-and-collect.md', content: md }]);
    expect(again.unchanged).toEqual(['click-and-collect']);
    const csv = await importKnowledge(deps, editor, 'csv', [
      { name: 'k.csv', content: 'slug,title,body,language\nclick-and-collect,Click and collect,Now in two hours.,en\ngift-wrap,Gift wrapping,Free.,en' },
    ]);
    expect(csv).toMatchObject({ created: ['gift-wrap'], updated: ['click-and-collect'] });
    const exported = await exportKnowledge(deps, editor, 'markdown');
    const file = exported.files.find((f) => f.name === 'click-and-collect.md');
    expect(file?.content).toContain('Now in two hours.');
    const json = await exportKnowledge(deps, editor, 'json');
    expect(JSON.parse(json.files[0]?.content ?? '{}').documents.length).toBeGreaterThan(1);
  });

  it('learns a phrasing from an accepted suggestion after review, and re-ranks on feedback', async () => {
    const a = await createArticle(deps, editor, { kind: 'faq', language: 'fr', title: 'Garantie des luminaires', body: 'Deux ans pièces et main-d’œuvre.' });
    await publishArticle(deps, editor, a.id);
    const question = 'mon abat-jour clignote sans arrêt';
    expect((await answerQuestion(deps, agent, { question }))[0]?.articleId).not.toBe(a.id);
    const { phrasing } = await recordAgentFeedback(deps, agent, { articleId: a.id, question, action: 'accepted' });
    expect(phrasing?.status).toBe('pending');
    expect((await recordAgentFeedback(deps, agent, { articleId: a.id, question, action: 'edited' })).phrasing).toBeNull();
    expect((await listPhrasings(deps, editor)).map((p) => p.text)).toContain(question);
    await reviewPhrasing(deps, editor, phrasing?.id as string, 'approved');
    const [top] = await answerQuestion(deps, agent, { question });
    expect(top).toMatchObject({ articleId: a.id, matchedField: 'phrasing', matchedQuestion: question });
    await recordCustomerFeedback(deps, ws, { articleId: a.id, helpful: true });
    await recordCustomerFeedback(deps, ws, { articleId: newId(), helpful: true });
  });

  it('reports frequent unanswered questions as gaps', async () => {
    for (let i = 0; i < 3; i++) await answerQuestion(deps, agent, { question: 'Proposez-vous la pose à domicile ?' });
    const gaps = await knowledgeGaps(deps, editor);
    expect(gaps[0]).toMatchObject({ question: 'Proposez-vous la pose à domicile ?', count: 3 });
    await expect(knowledgeGaps(deps, agent)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('loads the demo knowledge base once, in French and English', async () => {
    const demoWs = newId();
    await store.transaction((tx) => tx.workspaces.create({ id: demoWs, name: 'Demo', slug: `demo-${demoWs}`, timeZone: 'Europe/Paris', locale: 'fr' }));
    expect(await loadDemoKnowledge(deps, demoWs)).toBeGreaterThan(10);
    expect(await loadDemoKnowledge(deps, demoWs)).toBe(0);
    const demoAgent = principal('agent', demoWs);
    expect((await answerQuestion(deps, demoAgent, { question: 'où est mon paquet ?' }))[0]?.slug).toBe('suivre-ma-commande');
    expect((await answerQuestion(deps, demoAgent, { question: 'how long is the warranty' }))[0]?.slug).toBe('warranty');
    expect((await answerQuestion(deps, demoAgent, { question: 'Êtes-vous ouverts le dimanche ?', channel: 'voice' }))[0]?.text).toMatch(/mardi au samedi/);
    const publicAnswers = await answerQuestion(deps, demoAgent, { question: 'colis abîmé', audience: 'public' });
    expect(publicAnswers.map((x) => x.slug)).not.toContain('procedure-colis-endommage');
    expect((await answerQuestion(deps, demoAgent, { question: 'colis abîmé', audience: 'agent' }))[0]?.steps.length).toBe(5);
  });
});
