import { describe, expect, it } from 'vitest';
import { IntentModel, trainIntentClassifier, type IntentExample } from './intent-classifier.js';

const FR: IntentExample[] = [
  ...[
    'je veux annuler ma commande',
    'annulez ma commande svp',
    "comment annuler l'achat",
    'annulation de commande',
    'je souhaite annuler',
    'stop, annulez tout',
  ].map((text) => ({ text, intent: 'cancel_order' })),
  ...[
    'où est mon colis',
    'suivi de ma livraison',
    "mon colis n'est pas arrivé",
    'quand vais-je recevoir ma commande',
    'suivre mon paquet',
    'la livraison est en retard',
  ].map((text) => ({ text, intent: 'track_order' })),
  ...['je veux un remboursement', 'rembourser mon achat', 'quand serai-je remboursé', 'demande de remboursement', "j'attends mon argent", 'remboursez-moi'].map(
    (text) => ({ text, intent: 'refund' }),
  ),
  ...['quel temps fait-il', 'raconte une blague', 'qui a gagné le match', 'quelle est la capitale du pérou', 'joue de la musique', 'donne-moi une recette'].map(
    (text) => ({ text, intent: 'oos' }),
  ),
];

describe('trainIntentClassifier', () => {
  const model = trainIntentClassifier({ language: 'fr', examples: FR, options: { seed: 3 } });

  it('predicts in-scope intents with a ranking and an explanation', () => {
    const p = model.predict('je voudrais annuler la commande', { topK: 3 });
    expect(p.intent).toBe('cancel_order');
    expect(p.oos).toBe(false);
    expect(p.ranking).toHaveLength(3);
    expect(p.ranking[0]?.confidence).toBeGreaterThan(p.ranking[1]?.confidence ?? 1);
    expect(p.ranking.map((r) => r.intent)).not.toContain('oos');
    expect(p.explanation.length).toBeGreaterThan(0);
    expect(p.explanation.some((e) => e.feature.includes('annul'))).toBe(true);
  });

  it('is robust to accents, case and typos', () => {
    expect(model.predict('OU EST MON COLIS ???').intent).toBe('track_order');
    expect(model.predict('rembourssement svp').intent).toBe('refund');
  });

  it('flags explicit out-of-scope requests and empty input', () => {
    expect(model.predict('raconte-moi une blague').oos).toBe(true);
    for (const text of ['', '🙂🙂', '   ', '\u0000\u0001']) {
      const p = model.predict(text);
      expect(p.oos).toBe(true);
      expect(p.intent).toBeNull();
    }
  });

  it('handles huge and mixed-language input quickly', () => {
    const huge = 'annuler ma commande '.repeat(5000);
    const t0 = performance.now();
    expect(model.predict(huge).intent).toBe('cancel_order');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(model.predict('please annuler my commande').intent).toBe('cancel_order');
  });

  it('round-trips through JSON with identical predictions', () => {
    const copy = IntentModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const text of ['où est mon paquet', 'remboursement', 'quelle heure est-il']) expect(copy.predict(text)).toEqual(model.predict(text));
  });

  it('is deterministic for a seed', () => {
    const again = trainIntentClassifier({ language: 'fr', examples: FR, options: { seed: 3 } });
    expect(again.predict('suivi colis')).toEqual(model.predict('suivi colis'));
  });

  it('uses a fixed threshold when given and validates input', () => {
    const strict = trainIntentClassifier({ language: 'fr', examples: FR, options: { oosThreshold: 0.99 } });
    expect(strict.predict('annuler').oos).toBe(true);
    expect(() => trainIntentClassifier({ language: 'fr', examples: [] })).toThrow(/without examples/);
    expect(() => trainIntentClassifier({ language: 'fr', examples: [{ text: 'a', intent: 'x' }] })).toThrow(/two labels/);
  });

  it('rejects unknown model formats', () => {
    expect(() => IntentModel.fromJSON({ format: 'other' } as never)).toThrow(/format/);
  });
});
