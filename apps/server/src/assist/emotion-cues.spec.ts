import { describe, expect, it } from 'vitest';
import { ANGER_ALERT, assessMoods, moodOf, type MessageMood } from './emotion-cues.js';

const moods = (...texts: string[]): MessageMood[] => texts.map((text, i) => moodOf({ id: `m${i + 1}`, text }));

describe('moodOf', () => {
  it('detects the language and reads anger in French and English', () => {
    const fr = moodOf({ id: 'm1', text: "C'est inadmissible, je suis furieux" });
    expect(fr).toMatchObject({ messageId: 'm1', language: 'fr', label: 'negative', source: 'lexicon' });
    expect(fr.emotions.anger).toBeGreaterThanOrEqual(ANGER_ALERT);
    const en = moodOf({ id: 'm2', text: 'This is outrageous, I am furious!' });
    expect(en).toMatchObject({ language: 'en', label: 'negative' });
    expect(en.emotions.anger).toBeGreaterThanOrEqual(ANGER_ALERT);
  });

  it('survives empty, emoji-only and huge messages', () => {
    const inputs = [
      '',
      '   ',
      '\u0000\u0007',
      '👍🙂',
      '🤔🤔🤔',
      'x'.repeat(1_000_000),
      'Bonjour, où en est ma commande ? '.repeat(100_000),
      '😡'.repeat(200_000),
    ];
    for (const text of inputs) {
      const started = performance.now();
      const mood = moodOf({ id: 'm', text });
      expect(performance.now() - started, `${text.slice(0, 10)}… (${text.length} chars)`).toBeLessThan(1_000);
      expect(['fr', 'en']).toContain(mood.language);
      expect(mood.score).toBeGreaterThanOrEqual(-1);
      expect(mood.score).toBeLessThanOrEqual(1);
      for (const v of Object.values(mood.emotions)) expect(v >= 0 && v <= 1).toBe(true);
    }
    expect(moodOf({ id: 'm', text: '' })).toMatchObject({ label: 'neutral', score: 0, emotions: { anger: 0, satisfaction: 0, urgency: 0, confusion: 0 } });
  });
});

describe('assessMoods', () => {
  it('raises an anger cue with de-escalation guidance in French and English on an angry message', () => {
    for (const [text, language] of [
      ["C'est inadmissible, je suis furieux, ça fait trois semaines !", 'fr'],
      ['This is outrageous, I am furious!', 'en'],
      ['Je suis vraiment frustré', 'fr'],
      ["I'm so frustrated", 'en'],
      // "rien" used to negate "scandaleux" across the "!!!": this read as a happy message.
      ["TOUJOURS RIEN !!! C'EST SCANDALEUX", 'fr'],
      ['😡😡', 'fr'],
    ] as const) {
      const { alert } = assessMoods(moods('Bonjour', text));
      expect(alert, text).toMatchObject({ reason: 'anger', messageId: 'm2' });
      expect(moodOf({ id: 'x', text }).language).toBe(language);
      expect(alert?.guidance.fr).toMatch(/excusez-vous.*action concrète/);
      expect(alert?.guidance.en).toMatch(/apologise.*concrete action/);
    }
  });

  it('raises the cue from the latest message only: an angry message followed by a calm one clears it', () => {
    expect(assessMoods(moods("C'est scandaleux !", "D'accord, merci pour votre réponse")).alert).toBeNull();
  });

  it('raises a worsening cue when the tone falls with no single angry message', () => {
    for (const texts of [
      ['Merci beaucoup', 'Bon, ça ne marche toujours pas', 'C’est vraiment décevant'],
      ['Thanks a lot', 'Hmm still waiting', 'This is really bad'],
    ]) {
      const analysed = moods(...texts);
      expect(analysed.every((m) => m.emotions.anger < ANGER_ALERT)).toBe(true);
      const { trend, alert } = assessMoods(analysed);
      expect(trend).toMatchObject({ direction: 'worsening', messages: 3 });
      expect(alert, texts.join(' / ')).toMatchObject({ reason: 'worsening', messageId: 'm3' });
      expect(alert?.guidance.fr).toMatch(/prochaine étape/);
      expect(alert?.guidance.en).toMatch(/next step/);
    }
  });

  it('stays quiet in a calm conversation, including a slight dip that leaves the customer content', () => {
    for (const texts of [
      ['Bonjour, quels sont les délais de livraison ?', 'Merci beaucoup'],
      ['Hello, do you ship to Belgium?', 'Great, thanks'],
      ['Parfait, merci', 'ok'],
      ['Je voudrais changer mon adresse de livraison.'],
    ]) {
      expect(assessMoods(moods(...texts)).alert, texts.join(' / ')).toBeNull();
    }
  });

  it('has no cue and a stable trend without messages or with empty and emoji-only ones', () => {
    expect(assessMoods([])).toMatchObject({ alert: null, trend: { direction: 'stable', messages: 0 } });
    expect(assessMoods(moods('', '👍🙂', '   ')).alert).toBeNull();
    expect(assessMoods(moods('x'.repeat(1_000_000))).alert).toBeNull();
  });
});
