import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from './analyze-sentiment.js';
import { crossValidateSentiment } from './sentiment-cross-validation.js';
import { SentimentModel, trainSentimentModel, type SentimentExample } from './sentiment-model.js';

// A delivery company's own vocabulary: the lexicon has no cue in "a sauté" or "reparti au dépôt".
const neg = (text: string): SentimentExample => ({ text, label: 'negative' });
const delivery: SentimentExample[] = [
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
].map(neg);
const customerService = readFileSync(new URL('../../test-data/cs-messages.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { text: string; language: string; sentiment: string })
  .filter((r) => r.language === 'fr');

function accuracyOn(predict: (text: string) => string): number {
  return customerService.filter((r) => predict(r.text) === r.sentiment).length / customerService.length;
}

// Ten negative messages and two neutral ones: what an admin labelling the lexicon's misses may send.
const lopsided = [...delivery, { text: 'quelle est la date de livraison', label: 'neutral' }, { text: 'je confirme mon adresse', label: 'neutral' }];

describe("trainSentimentModel({ base: 'lexicon' }): the built-in model trained further", () => {
  const model = trainSentimentModel({ language: 'fr', examples: lopsided, options: { base: 'lexicon' } });

  it('learns what the lexicon misses', () => {
    expect(analyzeSentiment('la livraison a encore sauté', { language: 'fr' }).label).toBe('neutral');
    expect(model.predict('la livraison a encore sauté').label).toBe('negative');
    expect(analyzeSentiment('la livraison a encore sauté', { language: 'fr', model })).toMatchObject({ label: 'negative', source: 'trained' });
  });

  it('keeps the built-in labels elsewhere, even from lopsided examples (a model of its own does not)', () => {
    const builtIn = accuracyOn((t) => analyzeSentiment(t, { language: 'fr' }).label);
    expect(accuracyOn((t) => model.predict(t).label)).toBeGreaterThanOrEqual(builtIn - 0.02);
    expect(model.predict('Merci beaucoup, tout est parfait !').label).toBe('positive');
    expect(model.predict('Je voudrais changer mon adresse.').label).toBe('neutral');
    // On its own, a model of ten negative and two neutral messages calls nearly everything negative.
    const alone = trainSentimentModel({ language: 'fr', examples: lopsided });
    expect(accuracyOn((t) => alone.predict(t).label)).toBeLessThan(builtIn - 0.2);
  });

  it('round-trips through JSON with its base, and reads models stored without one', () => {
    const state = JSON.parse(JSON.stringify(model.toJSON()));
    expect(state.base).toBe('lexicon');
    const copy = SentimentModel.fromJSON(state);
    expect(copy.predict('le créneau de demain a sauté')).toEqual(model.predict('le créneau de demain a sauté'));
    const own = trainSentimentModel({ language: 'fr', examples: [...delivery, { text: 'merci', label: 'positive' }] });
    expect(own.toJSON().base).toBeUndefined();
    expect(SentimentModel.fromJSON(own.toJSON()).base).toBe('none');
  });

  it('takes only negative, neutral and positive labels', () => {
    expect(() => trainSentimentModel({ language: 'fr', examples: [{ text: 'x', label: 'angry' }], options: { base: 'lexicon' } })).toThrow(
      /negative, neutral or positive/,
    );
    expect(() => trainSentimentModel({ language: 'fr', examples: [], options: { base: 'lexicon' } })).toThrow(/at least one/);
  });
});

describe('crossValidateSentiment', () => {
  it('scores the trained model out of fold next to the built-in one on the same examples', async () => {
    const examples = [
      ...delivery,
      ...[
        "je voudrais changer l'adresse de livraison",
        'quelle est la date de livraison prévue',
        'pouvez-vous me donner le numéro de suivi',
        'je serai absent mardi',
        'le colis peut-il être déposé chez le voisin',
      ].map((text) => ({ text, label: 'neutral' })),
      ...[
        "livré à l'heure, merci",
        'le livreur était très aimable',
        'colis reçu en parfait état',
        'livraison rapide, super',
        'tout est arrivé, merci beaucoup',
      ].map((text) => ({
        text,
        label: 'positive',
      })),
    ];
    const cv = await crossValidateSentiment({ language: 'fr', examples, options: { base: 'lexicon' } });
    expect(cv).toMatchObject({ folds: 5, examples: 20 });
    expect(cv.builtIn.accuracy).toBeLessThan(0.7);
    expect(cv.trained.accuracy).toBeGreaterThan(cv.builtIn.accuracy);
    expect(cv.trained.macroF1).toBeGreaterThan(cv.builtIn.macroF1);
    await expect(crossValidateSentiment({ language: 'fr', examples: delivery.slice(0, 1) })).rejects.toThrow(/two examples/);
  });
});
