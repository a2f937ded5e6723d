import { describe, expect, it } from 'vitest';
import type { EmbeddingProvider } from '@parley/nlu';
import { AnswerEngine } from './answer-engine.js';
import type { KnowledgeItem } from './knowledge-item.js';

const items: KnowledgeItem[] = [
  {
    id: 'delivery-fr',
    language: 'fr',
    title: 'Délais de livraison',
    body: 'Nos lampes sont expédiées sous 48 heures.\n\nLa livraison en France métropolitaine prend 2 à 4 jours ouvrés.',
    phrasings: ['Quand vais-je recevoir ma lampe ?'],
  },
  { id: 'returns-fr', language: 'fr', title: 'Retourner un article', body: 'Vous avez 30 jours pour nous retourner une lampe, sans justification.' },
  { id: 'delivery-en', language: 'en', title: 'Delivery times', body: 'Lamps ship within 48 hours. Delivery takes 2 to 4 working days.' },
  { id: 'returns-en', language: 'en', title: 'Returning an item', body: 'You have 30 days to return a lamp.', channels: ['webchat', 'email'] },
  { id: 'internal-en', language: 'en', title: 'Refund override procedure', body: 'Supervisors may refund without a return.', audiences: ['agent'] },
];

describe('AnswerEngine (lexical)', () => {
  const engine = AnswerEngine.build(items, { synonyms: [['colis', 'paquet', 'lampe']] });

  it('finds the French answer through stemming and accent folding, and explains it', () => {
    const [top] = engine.search({ question: 'delai LIVRAISONS ?' });
    expect(top?.id).toBe('delivery-fr');
    expect(top?.explanation.field).toBe('title');
    expect(top?.explanation.matchedTerms).toEqual(expect.arrayContaining(['delai', 'livraisons']));
    expect(top?.explanation.passage).toContain('2 à 4 jours');
    expect(top?.confidence).toBeGreaterThan(0.5);
  });

  it('matches a phrasing and reports it', () => {
    const [top] = engine.search({ question: 'quand est-ce que je vais recevoir ma lampe' });
    expect(top?.id).toBe('delivery-fr');
    expect(top?.explanation.field).toBe('phrasing');
    expect(top?.explanation.matchedQuestion).toBe('Quand vais-je recevoir ma lampe ?');
  });

  it('uses workspace synonyms', () => {
    const [top] = engine.search({ question: 'retourner un paquet', language: 'fr' });
    expect(top?.id).toBe('returns-fr');
    expect(engine.search({ question: 'paquet', language: 'fr' }).map((a) => a.id)).toContain('returns-fr');
  });

  it('prefers the detected language and honours an explicit one', () => {
    expect(engine.search({ question: 'how long does delivery take?' })[0]?.id).toBe('delivery-en');
    expect(engine.search({ question: 'livraison', language: 'en' })).toEqual([]);
  });

  it('filters by channel and audience', () => {
    expect(engine.search({ question: 'return a lamp', channel: 'sms' }).map((a) => a.id)).not.toContain('returns-en');
    expect(engine.search({ question: 'return a lamp', channel: 'webchat' }).map((a) => a.id)).toContain('returns-en');
    expect(engine.search({ question: 'refund override', audience: 'public' }).map((a) => a.id)).not.toContain('internal-en');
    expect(engine.search({ question: 'refund override', audience: 'agent' })[0]?.id).toBe('internal-en');
  });

  it('bounds k and returns nothing for empty or stop-word-only questions', () => {
    expect(engine.search({ question: 'lamp', k: 1 })).toHaveLength(1);
    expect(engine.search({ question: '' })).toEqual([]);
    expect(engine.search({ question: 'the of and' })).toEqual([]);
    expect(engine.search({ question: '🙂'.repeat(5000) })).toEqual([]);
  });

  it('re-ranks with feedback, within bounds', () => {
    const e = AnswerEngine.build(items);
    const q = { question: 'lamp 30 days return ship 48 hours', language: 'en' };
    const before = e.search(q).map((a) => a.id);
    const loser = before[1] as string;
    e.setFeedback(new Map([[loser, { helpful: 200, notHelpful: 0, accepted: 50, rejected: 0 }]]));
    const after = e.search(q);
    expect(after.find((a) => a.id === loser)?.rank).toBeLessThanOrEqual(2);
  });
});

// A toy encoder: bag of letters, enough to test fusion plumbing deterministically.
const letters: EmbeddingProvider = {
  id: 'letters',
  embed: async (texts) =>
    texts.map((t) => {
      const v = new Float32Array(26);
      for (const c of t.toLowerCase()) {
        const i = c.charCodeAt(0) - 97;
        if (i >= 0 && i < 26) v[i] = (v[i] ?? 0) + 1;
      }
      return v;
    }),
};

describe('AnswerEngine (hybrid)', () => {
  it('fuses lexical and dense ranks, keeps filters and stores vectors as arrays', async () => {
    const engine = AnswerEngine.build(items, { fusion: { method: 'rrf', k: 60 } });
    const stored = await engine.attachEmbeddings(letters);
    expect(engine.hybrid).toBe(true);
    expect(stored.providerId).toBe('letters');
    expect(Array.isArray(stored.vectors['delivery-en']?.[0])).toBe(true);
    const answers = await engine.answer({ question: 'delivery times', channel: 'sms', k: 3 });
    expect(answers[0]?.id).toBe('delivery-en');
    expect(answers[0]?.denseScore).not.toBeNull();
    expect(answers.map((a) => a.id)).not.toContain('returns-en');
    const weighted = AnswerEngine.build(items, { fusion: { method: 'weighted', lexicalWeight: 0.7 } });
    await weighted.attachEmbeddings(letters, stored);
    expect((await weighted.answer({ question: 'delivery times' }))[0]?.id).toBe('delivery-en');
  });
});

describe('AnswerEngine (stored vectors and a failing provider)', () => {
  it('ranks from stored vectors without embedding the items again', async () => {
    const first = AnswerEngine.build(items);
    const stored = await first.attachEmbeddings(letters);
    const calls: number[] = [];
    const counting: EmbeddingProvider = { id: 'letters', embed: async (texts) => (calls.push(texts.length), letters.embed(texts)) };
    const engine = AnswerEngine.build(items);
    engine.attachStoredEmbeddings(counting, stored);
    expect(engine.hybrid).toBe(true);
    const answers = await engine.answer({ question: 'delivery times', k: 3 });
    expect(calls).toEqual([1]);
    expect(answers[0]?.denseScore).not.toBeNull();
    // Vectors of another provider are never mixed in.
    const other = AnswerEngine.build(items);
    other.attachStoredEmbeddings({ id: 'other', embed: letters.embed }, stored);
    expect(other.hybrid).toBe(false);
    expect((await other.answer({ question: 'delivery times', k: 3 })).every((a) => a.denseScore === null)).toBe(true);
  });

  it('falls back to the lexical ranking when the provider fails on the question', async () => {
    const engine = AnswerEngine.build(items);
    const stored = await engine.attachEmbeddings(letters);
    const down = AnswerEngine.build(items);
    down.attachStoredEmbeddings(
      {
        id: 'letters',
        embed: async () => {
          throw new Error('connection refused');
        },
      },
      stored,
    );
    const errors: unknown[] = [];
    const q = { question: 'lamp 30 days return ship 48 hours', language: 'en', k: 5 };
    expect(await down.answer(q, (e) => errors.push(e))).toEqual(AnswerEngine.build(items).search(q));
    expect(errors).toHaveLength(1);
  });
});
