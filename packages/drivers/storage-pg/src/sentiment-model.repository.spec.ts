import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@parley/kernel';
import type { SentimentEvaluation, Store } from '@parley/domain';
import { createPgStore } from './pg-store.js';
import { pgSentimentModelRepositoryFor } from './repositories/sentiment-model.repository.js';
import { createTestDatabase } from './testing/test-database.js';

const evaluation: SentimentEvaluation = {
  method: 'stratified_k_fold',
  folds: 5,
  examples: 3,
  workspace: { accuracy: 0.9, macroF1: 0.88 },
  builtIn: { accuracy: 0.6, macroF1: 0.5 },
};
const examples = [
  { text: 'la livraison a sauté', label: 'negative' as const },
  { text: 'quelle date de livraison ?', label: 'neutral' as const },
  { text: 'livré à l’heure, merci', label: 'positive' as const },
];

describe('sentiment model repository (pglite)', () => {
  let store: Store;
  let close: () => Promise<void>;
  const ws = newId();
  const other = newId();
  const admin = { kind: 'user' as const, id: newId() };
  const repo = () => pgSentimentModelRepositoryFor(store.read);

  beforeAll(async () => {
    const handle = await createTestDatabase('pglite');
    close = () => handle.close();
    store = createPgStore(handle.db, { enqueue: async () => ({ id: newId(), created: true }), publish: async () => undefined });
    await store.transaction(async (tx) => {
      await tx.workspaces.create({ id: ws, name: 'Maison', slug: `maison-${ws}`, timeZone: 'Europe/Paris', locale: 'fr' });
      await tx.workspaces.create({ id: other, name: 'Other', slug: `other-${other}`, timeZone: 'Europe/Paris', locale: 'fr' });
    });
  });
  afterAll(() => close?.());

  it('queues a request, stores its model only while it is the latest, and keeps the model in use through a later request', async () => {
    const first = newId();
    await store.transaction((tx) =>
      pgSentimentModelRepositoryFor(tx).request(ws, 'fr', { id: first, examples, requestedAt: new Date('2026-01-01T10:00:00Z'), requestedBy: admin }),
    );
    const [queued] = await repo().list(ws);
    expect(queued).toMatchObject({
      language: 'fr',
      request: { id: first, status: 'queued', examples: 3, labelCounts: { negative: 1, neutral: 1, positive: 1 } },
      model: null,
    });
    expect(await repo().examplesOf(ws, 'fr', first)).toEqual(examples);
    expect(await repo().versions(ws)).toEqual([]);

    const done = await repo().complete(ws, 'fr', first, {
      state: { format: 'x', weights: 'AAAA' },
      evaluation,
      trainedAt: new Date('2026-01-01T10:00:02Z'),
      trainMs: 850,
    });
    expect(done).toBe(true);
    // A job that runs twice does not write twice.
    expect(await repo().complete(ws, 'fr', first, { state: {}, evaluation, trainedAt: new Date(), trainMs: 1 })).toBe(false);
    expect(await repo().versions(ws)).toEqual([{ language: 'fr', version: first }]);
    expect(await repo().modelState(ws, 'fr')).toEqual({ version: first, state: { format: 'x', weights: 'AAAA' } });
    const [ready] = await repo().list(ws);
    expect(ready?.request.status).toBe('done');
    expect(ready?.model).toEqual({
      version: first,
      examples: 3,
      labelCounts: { negative: 1, neutral: 1, positive: 1 },
      evaluation,
      trainedAt: new Date('2026-01-01T10:00:02Z'),
      trainedBy: admin,
      trainMs: 850,
    });

    // A newer request supersedes the first one's job, and the first model stays in use until it is trained.
    const second = newId();
    const third = newId();
    await repo().request(ws, 'fr', { id: second, examples: examples.slice(0, 2), requestedAt: new Date(), requestedBy: admin });
    await repo().request(ws, 'fr', { id: third, examples, requestedAt: new Date(), requestedBy: admin });
    expect(await repo().examplesOf(ws, 'fr', second)).toBeNull();
    expect(await repo().complete(ws, 'fr', second, { state: {}, evaluation, trainedAt: new Date(), trainMs: 1 })).toBe(false);
    expect(await repo().fail(ws, 'fr', second, 'late')).toBe(false);
    expect(await repo().versions(ws)).toEqual([{ language: 'fr', version: first }]);
    expect(await repo().fail(ws, 'fr', third, 'A sentiment model needs at least one example')).toBe(true);
    const [failed] = await repo().list(ws);
    expect(failed?.request).toMatchObject({ id: third, status: 'failed', error: 'A sentiment model needs at least one example' });
    expect(failed?.model?.version).toBe(first);
  });

  it('is scoped to the workspace', async () => {
    expect(await repo().list(other)).toEqual([]);
    expect(await repo().versions(other)).toEqual([]);
    expect(await repo().modelState(other, 'fr')).toBeNull();
    expect(await repo().remove(other, 'fr')).toBe(false);
    const [row] = await repo().list(ws);
    expect(await repo().examplesOf(other, 'fr', row?.request.id as string)).toBeNull();
    expect(await repo().complete(other, 'fr', row?.request.id as string, { state: {}, evaluation, trainedAt: new Date(), trainMs: 1 })).toBe(false);
    expect(await repo().versions(ws)).toHaveLength(1);
  });

  it('removes the model and its examples', async () => {
    expect(await repo().remove(ws, 'fr')).toBe(true);
    expect(await repo().list(ws)).toEqual([]);
    expect(await repo().versions(ws)).toEqual([]);
    expect(await repo().modelState(ws, 'fr')).toBeNull();
    expect(await repo().remove(ws, 'fr')).toBe(false);
  });
});
