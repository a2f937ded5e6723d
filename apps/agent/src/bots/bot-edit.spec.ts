import { describe, expect, it } from 'vitest';
import {
  addIntent,
  addPhrase,
  intentIdFrom,
  intentsOf,
  isSecretName,
  issuesOf,
  parseDefinitionText,
  removePhrase,
  satisfiedRate,
  scenariosOf,
  setAnswerText,
  setStepText,
} from './bot-edit.js';

const definition = {
  name: 'Lumi',
  languages: ['fr', 'en'],
  defaultLanguage: 'fr',
  persona: { name: 'Lumi', introduction: { fr: 'Bonjour' } },
  intents: [
    { id: 'track_order', label: { fr: 'Suivre' }, phrases: { fr: ['où est ma commande'], en: ['where is my order'] } },
    { id: 'opening_hours', phrases: { fr: ['horaires'] } },
  ],
  answers: [{ intent: 'opening_hours', text: { fr: '9 h – 19 h', en: '9 am – 7 pm' } }],
  scenarios: [
    {
      id: 'order_tracking',
      intent: 'track_order',
      steps: [
        { id: 'ask', type: 'question', slot: 'ref', entity: 'reference', prompt: { fr: 'Numéro ?' }, reprompt: { fr: 'Encore ?' }, next: 'lookup' },
        { id: 'lookup', type: 'http', method: 'GET', url: '/demo/api/orders/x', next: 'answer' },
        { id: 'answer', type: 'message', variants: [{ fr: 'Voilà', en: 'Here' }, { fr: 'Autre' }] },
      ],
    },
  ],
  entities: { regexes: [] },
};

describe('bot definition edits', () => {
  it('adds a training phrase once, trimmed, without touching other intents or fields', () => {
    const next = addPhrase(definition, 'track_order', 'fr', '  où est passé mon colis ');
    expect(intentsOf(next)[0]?.phrases.fr).toEqual(['où est ma commande', 'où est passé mon colis']);
    expect(intentsOf(next)[1]).toEqual(intentsOf(definition)[1]);
    expect(next.entities).toBe(definition.entities);
    expect(addPhrase(next, 'track_order', 'fr', 'où est passé mon colis')).toEqual(next);
    expect(addPhrase(definition, 'track_order', 'fr', '   ')).toBe(definition);
    expect(intentsOf(definition)[0]?.phrases.fr).toHaveLength(1);
  });

  it('adds a phrase in a language the intent has none in yet, and removes one', () => {
    const next = addPhrase(definition, 'opening_hours', 'en', 'opening hours');
    expect(intentsOf(next)[1]?.phrases).toEqual({ fr: ['horaires'], en: ['opening hours'] });
    expect(intentsOf(removePhrase(next, 'opening_hours', 'fr', 0))[1]?.phrases.fr).toEqual([]);
  });

  it('adds an intent from a name, labelled in the default language, ignoring duplicates', () => {
    expect(intentIdFrom('Échange de taille !')).toBe('echange_de_taille');
    const next = addIntent(definition, 'Échange de taille');
    expect(intentsOf(next)[2]).toEqual({ id: 'echange_de_taille', label: { fr: 'Échange de taille' }, phrases: {}, answer: null });
    expect(addIntent(next, 'echange de taille')).toBe(next);
    expect(addIntent(definition, ' !! ')).toBe(definition);
  });

  it('shows and edits fixed answers', () => {
    expect(intentsOf(definition)[0]?.answer).toBeNull();
    const next = setAnswerText(definition, 'opening_hours', 'fr', 'De 8 h à 20 h');
    expect(intentsOf(next)[1]?.answer).toEqual({ fr: 'De 8 h à 20 h', en: '9 am – 7 pm' });
  });

  it('outlines the scenario steps in order and edits prompts and message texts', () => {
    const [scenario] = scenariosOf(definition);
    expect(scenario?.steps.map((s) => [s.id, s.type, s.editable?.field ?? null, s.summary])).toEqual([
      ['ask', 'question', 'prompt', ''],
      ['lookup', 'http', null, 'GET /demo/api/orders/x'],
      ['answer', 'message', 'variants', ''],
    ]);
    let next = setStepText(definition, 'order_tracking', 'ask', 'en', 'Number?');
    next = setStepText(next, 'order_tracking', 'answer', 'fr', 'Voici');
    const steps = scenariosOf(next)[0]?.steps;
    expect(steps?.[0]?.editable?.text).toEqual({ fr: 'Numéro ?', en: 'Number?' });
    expect(steps?.[2]?.editable?.text).toEqual({ fr: 'Voici', en: 'Here' });
    const raw = (next.scenarios as Array<{ steps: Array<Record<string, unknown>> }>)[0]?.steps[2];
    expect(raw?.variants).toEqual([{ fr: 'Voici', en: 'Here' }, { fr: 'Autre' }]);
  });

  it('reads the issues of a 422 and parses the JSON text', () => {
    expect(issuesOf({ issues: ['persona: Invalid input: expected object'] })).toEqual(['persona: Invalid input: expected object']);
    expect(issuesOf([{ path: '/name', message: 'must be string' }])).toEqual(['/name: must be string']);
    expect(issuesOf(undefined)).toEqual([]);
    expect(parseDefinitionText('{"name":"x"}')).toEqual({ ok: true, definition: { name: 'x' } });
    expect(parseDefinitionText('[1]').ok).toBe(false);
    expect(parseDefinitionText('{').ok).toBe(false);
  });

  it('summarises OTP and CSAT end steps, rates satisfaction and checks secret names like the API', () => {
    const withOtp = {
      ...definition,
      scenarios: [
        {
          id: 's',
          intent: 'track_order',
          steps: [
            { id: 'v', type: 'otp', via: ['sms'], onFail: 'h' },
            { id: 'bye', type: 'end', csat: true },
            { id: 'h', type: 'handoff', reason: 'otp_failed' },
          ],
        },
      ],
    };
    expect(scenariosOf(withOtp)[0]?.steps.map((st) => st.summary)).toEqual(['sms · 6 · ×3 → h', 'CSAT', 'otp_failed']);
    expect(satisfiedRate({ responses: 4, good: 3 })).toBe(0.75);
    expect(satisfiedRate({ responses: 0, good: 0 })).toBeNull();
    expect(isSecretName('BACKOFFICE_TOKEN')).toBe(true);
    expect(isSecretName('1TOKEN')).toBe(false);
    expect(isSecretName('bad name')).toBe(false);
  });
});
