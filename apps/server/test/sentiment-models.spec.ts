import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId } from '@parley/kernel';
import { createWorkspace } from '@parley/use-cases';
import { WorkspaceSentimentModels } from '../src/assist/sentiment-models.js';
import { ApiClient, postInbound, startTestServer, waitFor } from './support/test-server.js';

// A delivery company's own words: the built-in lexicon has no cue in "a sauté" or "reparti au dépôt".
const negative = [
  'ma livraison a sauté',
  'le créneau de livraison a encore sauté',
  'mon rendez-vous de livraison a sauté',
  'encore une livraison qui saute',
  "la tournée a sauté, personne n'est venu",
  'colis reparti au dépôt sans m’avertir',
  'livraison reportée pour la troisième fois',
  'le créneau a sauté sans prévenir',
  'ma commande est encore repartie au dépôt',
  'livraison annulée au dernier moment',
];
const neutral = [
  "je voudrais changer l'adresse de livraison",
  'quelle est la date de livraison prévue',
  'pouvez-vous me donner le numéro de suivi',
  'je serai absent mardi',
  'le colis peut-il être déposé chez le voisin',
  'je souhaite un créneau le matin',
];
const positive = ["livré à l'heure, merci", 'le livreur était très aimable', 'colis reçu en parfait état', 'livraison rapide, super'];
const examples = [
  ...negative.map((text) => ({ text, label: 'negative' })),
  ...neutral.map((text) => ({ text, label: 'neutral' })),
  ...positive.map((text) => ({ text, label: 'positive' })),
];
const MISSED = 'la livraison a encore sauté';

// Workspace sentiment models end to end: admins train the built-in model further on their
// labelled messages (a durable job), the assist's analyses use it for that workspace and language
// only, and DELETE goes back to the built-in model.
describe('workspace sentiment models', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiClient;
  let adminId: string;
  let agent: ApiClient;
  let adminB: ApiClient;
  let channelA: { id: string; secret: string };
  let channelB: { id: string; secret: string };
  let conversationA: string;
  let customerA: string;
  let conversationB: string;
  let n = 0;

  const ready = (client: ApiClient, language: string) =>
    waitFor(async () => {
      const res = await client.request('GET', `/api/v1/nlu/sentiment/models/${language}`);
      return res.body.status === 'ready' || res.body.status === 'failed' ? res.body : null;
    }, 30_000);
  const moods = async (client: ApiClient, conversationId: string) => (await client.request('GET', `/api/v1/conversations/${conversationId}/moods`)).body.items;
  const say = async (channel: { id: string; secret: string }, customer: string, text: string) =>
    (await postInbound(server.url, channel.id, channel.secret, { customer: { externalId: customer }, message: { id: `m-${++n}`, text } })).body as {
      conversationId: string;
      messageId: string;
    };
  const analysisOf = (messageId: string) =>
    waitFor(async () => {
      const timeline = await admin.request('GET', `/api/v1/customers/${customerA}/timeline`);
      return timeline.body.items.find((e: { type?: string; messageId?: string }) => e.type === 'message.analyzed' && e.messageId === messageId)?.payload;
    });

  beforeAll(async () => {
    server = await startTestServer();
    admin = new ApiClient(server.url);
    adminId = String(((await admin.login()) as { user: { id: string } }).user.id);
    const account = { email: 'agent-sentiment@test.parley', name: 'Agent', password: 'a long enough password', role: 'agent' };
    expect((await admin.request('POST', '/api/v1/users', account)).status).toBe(201);
    agent = new ApiClient(server.url);
    await agent.login(account.email, account.password);

    // A second workspace with its own admin, in the same database.
    const userB = newId();
    await server.context.store.transaction((tx) => tx.access.createUser({ id: userB, email: 'b-sentiment@other.example', name: 'Bea', passwordHash: null }));
    await server.database.db
      .updateTable('users')
      .set({ password_hash: await hashPassword('password-of-b') })
      .where('id', '=', userB)
      .execute();
    await createWorkspace(server.context.store, { name: 'Other brand', adminUserId: userB });
    adminB = new ApiClient(server.url);
    await adminB.login('b-sentiment@other.example', 'password-of-b');

    const hook = { webhookUrl: 'http://127.0.0.1:9/hook' };
    channelA = (await admin.request('POST', '/api/v1/channels', { type: 'api', name: 'A', config: hook })).body;
    channelB = (await adminB.request('POST', '/api/v1/channels', { type: 'api', name: 'B', config: hook })).body;
    const a = await say(channelA, 'cust-a', MISSED);
    conversationA = a.conversationId;
    customerA = (await admin.request('GET', `/api/v1/conversations/${conversationA}`)).body.customerId;
    conversationB = (await say(channelB, 'cust-b', MISSED)).conversationId;
    expect((await analysisOf(a.messageId)).label).toBe('neutral');
  });
  afterAll(async () => server?.close());

  it('is for workspace admins only', async () => {
    expect((await agent.request('GET', '/api/v1/nlu/sentiment/models')).status).toBe(403);
    expect((await agent.request('GET', '/api/v1/nlu/sentiment/models/fr')).status).toBe(403);
    expect((await agent.request('PUT', '/api/v1/nlu/sentiment/models/fr', { examples })).status).toBe(403);
    expect((await agent.request('DELETE', '/api/v1/nlu/sentiment/models/fr')).status).toBe(403);
    const list = await admin.request('GET', '/api/v1/nlu/sentiment/models');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      { language: 'fr', status: 'built_in', inUse: 'built_in', request: null, model: null },
      { language: 'en', status: 'built_in', inUse: 'built_in', request: null, model: null },
    ]);
  });

  it('validates the examples (422), in JSON and in JSON lines', async () => {
    const put = (body: unknown, language = 'fr') => admin.request('PUT', `/api/v1/nlu/sentiment/models/${language}`, body);
    expect((await put({ examples: examples.slice(0, 5) })).status).toBe(422);
    expect((await put({ examples: [...examples, { text: 'bof', label: 'angry' }] })).status).toBe(422);
    expect((await put({ examples: [...examples, { text: 'x'.repeat(501), label: 'neutral' }] })).status).toBe(422);
    expect((await put({ examples: [...examples, { text: '   ', label: 'neutral' }] })).status).toBe(422);
    expect((await put({ examples: Array.from({ length: 2_001 }, (_, i) => ({ text: `message ${i}`, label: i % 2 ? 'neutral' : 'negative' })) })).status).toBe(
      422,
    );
    const oneLabel = await put({ examples: negative.map((text) => ({ text, label: 'negative' })) });
    expect(oneLabel.status).toBe(422);
    expect(JSON.stringify(oneLabel.body)).toContain('at least two labels');
    expect((await put({ examples }, 'de')).status).toBe(422);
    expect((await put({ examples, extra: true })).status).toBe(422);

    const lines = examples.map((e) => JSON.stringify(e));
    lines.splice(3, 0, '{"text": "oops"', JSON.stringify({ text: 'ok', label: 'furious' }));
    const jsonl = await admin.requestRaw('PUT', '/api/v1/nlu/sentiment/models/fr', lines.join('\n'), 'application/x-ndjson');
    expect(jsonl.status).toBe(422);
    expect(jsonl.body.error.details).toEqual([
      { line: 4, message: 'not valid JSON' },
      { line: 5, message: expect.stringContaining('label') },
    ]);
    // Nothing was stored.
    expect((await admin.request('GET', '/api/v1/nlu/sentiment/models/fr')).body.status).toBe('built_in');
  });

  it('trains in a job, reports cross-validated scores next to the built-in model, and the analyses use it', async () => {
    const put = await admin.request('PUT', '/api/v1/nlu/sentiment/models/fr', { examples });
    expect(put.status).toBe(202);
    expect(put.body).toMatchObject({ language: 'fr', status: 'training', inUse: 'built_in', model: null });
    expect(put.body.request).toMatchObject({
      examples: 20,
      labelCounts: { negative: 10, neutral: 6, positive: 4 },
      requestedBy: { kind: 'user', id: adminId },
    });

    const done = await ready(admin, 'fr');
    expect(done).toMatchObject({ status: 'ready', inUse: 'workspace', request: { error: null } });
    expect(done.model).toMatchObject({
      version: put.body.request.id,
      examples: 20,
      labelCounts: { negative: 10, neutral: 6, positive: 4 },
      trainedBy: { kind: 'user', id: adminId },
      evaluation: { method: 'stratified_k_fold', folds: 5, examples: 20 },
    });
    expect(Date.parse(done.model.trainedAt)).not.toBeNaN();
    const { workspace, builtIn } = done.model.evaluation;
    expect(workspace.accuracy).toBeGreaterThan(builtIn.accuracy);
    expect(workspace.macroF1).toBeGreaterThan(builtIn.macroF1);

    // The stored message now reads as the workspace labelled such messages…
    const [mood] = await moods(admin, conversationA);
    expect(mood).toMatchObject({ language: 'fr', label: 'negative', source: 'trained' });
    expect(mood.score).toBeLessThan(0);
    // …and so does the analysis job of a new one.
    const next = await say(channelA, 'cust-a', 'le créneau de demain a encore sauté');
    expect(await analysisOf(next.messageId)).toMatchObject({ label: 'negative', source: 'trained', language: 'fr' });
    // A message the examples say nothing about keeps the built-in label.
    const thanks = await say(channelA, 'cust-a', 'Merci beaucoup pour votre aide, parfait !');
    expect(await analysisOf(thanks.messageId)).toMatchObject({ label: 'positive', source: 'trained' });
    // English messages still use the built-in model.
    const english = await say(channelA, 'cust-a', 'Thanks a lot, that was really helpful!');
    expect(await analysisOf(english.messageId)).toMatchObject({ language: 'en', label: 'positive', source: 'lexicon' });
  });

  it('leaves the other workspaces on the built-in model', async () => {
    expect((await adminB.request('GET', '/api/v1/nlu/sentiment/models/fr')).body).toMatchObject({ status: 'built_in', inUse: 'built_in' });
    expect((await moods(adminB, conversationB))[0]).toMatchObject({ label: 'neutral', source: 'lexicon' });
    expect((await adminB.request('DELETE', '/api/v1/nlu/sentiment/models/fr')).status).toBe(200);
    expect((await moods(admin, conversationA))[0]).toMatchObject({ label: 'negative', source: 'trained' });
  });

  it('accepts JSON lines, and every process sees a new model or its deletion at its next analysis', async () => {
    // Another process's cache, on the same database.
    const otherProcess = new WorkspaceSentimentModels({ store: server.context.store, repo: server.context.sentimentRepository });
    const workspaceA = server.workspaceId;
    expect((await otherProcess.lookup(workspaceA))('fr')?.predict(MISSED).label).toBe('negative');

    const english = [
      ...[
        'the parcel bounced back to the depot',
        'my delivery slot got dropped again',
        'the courier skipped my street',
        'delivery pushed back a third time',
      ].map((text) => ({
        text,
        label: 'negative',
      })),
      ...[
        'can I change the delivery address',
        'what is my tracking number',
        'I will be away on Tuesday',
        'can the parcel go to my neighbour',
        'which carrier delivers my order',
      ].map((text) => ({ text, label: 'neutral' })),
      ...['delivered on time, thanks', 'the courier was lovely'].map((text) => ({ text, label: 'positive' })),
    ];
    const jsonl = `\ufeff${english.map((e) => JSON.stringify(e)).join('\r\n')}\n\n`;
    const put = await admin.requestRaw('PUT', '/api/v1/nlu/sentiment/models/en', jsonl, 'application/x-ndjson');
    expect(put.status).toBe(202);
    expect(put.body.request.examples).toBe(11);
    expect((await ready(admin, 'en')).status).toBe('ready');
    expect((await otherProcess.lookup(workspaceA))('en')?.predict('my delivery slot was dropped').label).toBe('negative');
    const list = (await admin.request('GET', '/api/v1/nlu/sentiment/models')).body.items;
    expect(list.map((m: { language: string; inUse: string }) => [m.language, m.inUse])).toEqual([
      ['fr', 'workspace'],
      ['en', 'workspace'],
    ]);

    const removed = await admin.request('DELETE', '/api/v1/nlu/sentiment/models/fr');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ language: 'fr', status: 'built_in', inUse: 'built_in', request: null, model: null });
    expect((await otherProcess.lookup(workspaceA))('fr')).toBeUndefined();
    expect((await moods(admin, conversationA))[0]).toMatchObject({ label: 'neutral', source: 'lexicon' });
    const after = await say(channelA, 'cust-a', MISSED);
    expect(await analysisOf(after.messageId)).toMatchObject({ label: 'neutral', source: 'lexicon' });
    expect((await admin.request('DELETE', '/api/v1/nlu/sentiment/models/fr')).status).toBe(200);
  });
});
