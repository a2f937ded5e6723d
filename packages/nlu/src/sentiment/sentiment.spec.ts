import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from './analyze-sentiment.js';
import { sentimentTrend } from './sentiment-trend.js';
import { SentimentModel, trainSentimentModel } from './sentiment-model.js';

describe('analyzeSentiment (shipped lexicon model)', () => {
  it.each([
    ['fr', 'Merci beaucoup, tout est parfait !', 'positive'],
    ['fr', "C'est inadmissible, toujours pas de remboursement !", 'negative'],
    ['fr', 'Je voudrais changer mon adresse.', 'neutral'],
    ['fr', 'Je ne suis pas du tout satisfait', 'negative'],
    ['fr', "Ce n'est pas mal du tout", 'positive'],
    ['en', 'Thanks a lot, that was really helpful!', 'positive'],
    ['en', 'This is the worst service, I am furious', 'negative'],
    ['en', 'I would like to update my address.', 'neutral'],
    ['en', 'not happy at all', 'negative'],
    ['en', 'Great 👍', 'positive'],
  ])('%s: %s → %s', (language, text, label) => {
    expect(analyzeSentiment(text, { language }).label).toBe(label);
  });

  it('detects emotions in both languages', () => {
    expect(analyzeSentiment("J'en ai marre, c'est scandaleux !!!", { language: 'fr' }).emotions.anger).toBeGreaterThan(0.5);
    expect(analyzeSentiment('URGENT, ma carte a été volée, bloquez-la tout de suite', { language: 'fr' }).emotions.urgency).toBeGreaterThan(0.5);
    expect(analyzeSentiment('Je ne comprends pas cette facture ??', { language: 'fr' }).emotions.confusion).toBeGreaterThan(0.5);
    expect(analyzeSentiment('Parfait, merci pour votre aide', { language: 'fr' }).emotions.satisfaction).toBeGreaterThan(0.5);
    expect(analyzeSentiment('I am so fed up with this', { language: 'en' }).emotions.anger).toBeGreaterThan(0.5);
    expect(analyzeSentiment('please help asap, it is an emergency', { language: 'en' }).emotions.urgency).toBeGreaterThan(0.5);
    expect(analyzeSentiment("I don't understand what this charge means", { language: 'en' }).emotions.confusion).toBeGreaterThan(0.5);
    expect(analyzeSentiment('Awesome, thanks, it works now', { language: 'en' }).emotions.satisfaction).toBeGreaterThan(0.5);
  });

  it('ends a negation at the end of its clause', () => {
    // "rien" used to negate "scandaleux" across the "!!!": the angry message read as positive, with no anger.
    const shouted = analyzeSentiment("TOUJOURS RIEN !!! C'EST SCANDALEUX", { language: 'fr' });
    expect(shouted.label).toBe('negative');
    expect(shouted.emotions.anger).toBeGreaterThan(0.5);
    expect(analyzeSentiment('Toujours rien, inadmissible', { language: 'fr' }).label).toBe('negative');
    expect(analyzeSentiment('Nothing yet. This is outrageous', { language: 'en' }).label).toBe('negative');
    // Inside a clause negation still applies, and emoticons do not end a clause.
    expect(analyzeSentiment('Je ne suis pas satisfait', { language: 'fr' }).label).toBe('negative');
    expect(analyzeSentiment('pas content :( vraiment', { language: 'fr' }).label).toBe('negative');
    expect(analyzeSentiment('not bad at all :)', { language: 'en' }).label).toBe('positive');
  });

  it('reads frustration in French and anger in emoji', () => {
    for (const text of ['Je suis vraiment frustré', 'Ces retards sont frustrants', 'Quelle frustration'])
      expect(analyzeSentiment(text, { language: 'fr' }).emotions.anger, text).toBeGreaterThan(0.5);
    expect(analyzeSentiment('Je suis vraiment frustré', { language: 'fr' }).label).toBe('negative');
    for (const language of ['fr', 'en']) {
      expect(analyzeSentiment('😡😡', { language }).emotions.anger).toBeGreaterThan(0.5);
      expect(analyzeSentiment('🤬', { language }).emotions.anger).toBeGreaterThan(0.5);
      expect(analyzeSentiment('😢', { language }).emotions.anger).toBe(0);
    }
  });

  it('explains its decision with cues', () => {
    const a = analyzeSentiment('service nul', { language: 'fr' });
    expect(a.cues.some((c) => c.text === 'nul' && c.weight < 0)).toBe(true);
  });

  it('survives bad input', () => {
    for (const text of ['', '🙂🙂🙂', '\u0000\u0007', 'x'.repeat(100_000), 'merci but this is terrible']) {
      const a = analyzeSentiment(text, { language: 'fr' });
      expect(a.score).toBeGreaterThanOrEqual(-1);
      expect(a.score).toBeLessThanOrEqual(1);
    }
    expect(analyzeSentiment('🙂🙂🙂', { language: 'en' }).label).toBe('positive');
  });
});

describe('trainSentimentModel', () => {
  const examples = [
    ...['super merci', 'parfait', 'génial, top', 'très content', 'excellent service', 'bravo, rapide'].map((text) => ({ text, label: 'positive' })),
    ...['nul', 'horrible', 'très déçu', 'service catastrophique', 'toujours rien reçu', 'arnaque'].map((text) => ({ text, label: 'negative' })),
    ...['bonjour', 'mon adresse', 'numéro de commande', 'je confirme', 'ok', 'question sur la facture'].map((text) => ({ text, label: 'neutral' })),
  ];
  const model = trainSentimentModel({ language: 'fr', examples });
  it('learns from workspace messages and plugs into analyzeSentiment', () => {
    expect(model.predict('vraiment super').label).toBe('positive');
    const a = analyzeSentiment('service horrible', { language: 'fr', model });
    expect(a.source).toBe('trained');
    expect(a.label).toBe('negative');
    expect(a.score).toBeLessThan(0);
  });
  it('round-trips through JSON', () => {
    const copy = SentimentModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict('arnaque')).toEqual(model.predict('arnaque'));
  });
  it('needs two labels', () => {
    expect(() => trainSentimentModel({ language: 'en', examples: [{ text: 'a', label: 'x' }] })).toThrow(/two labels/);
  });
});

describe('sentimentTrend', () => {
  const fr = (t: string) => analyzeSentiment(t, { language: 'fr' });
  it('sees a conversation improving or worsening', () => {
    expect(sentimentTrend(['service nul', 'toujours rien, inadmissible', 'ah ça marche, merci beaucoup, parfait'].map(fr)).direction).toBe('improving');
    expect(sentimentTrend(['bonjour, merci', 'hmm toujours pas reçu', "c'est scandaleux, j'en ai marre"].map(fr)).direction).toBe('worsening');
  });
  it('is stable for a single or no message', () => {
    expect(sentimentTrend([]).direction).toBe('stable');
    expect(sentimentTrend([fr('nul')]).messages).toBe(1);
  });
  it('reports recent emotions', () => {
    expect(sentimentTrend(['bonjour', "c'est urgent, plus d'électricité"].map(fr)).recentEmotions.urgency).toBeGreaterThan(0.5);
  });
});
