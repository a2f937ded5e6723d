import { trainIntentClassifier, type IntentExample, type IntentModel, type IntentPrediction } from '@parley/nlu';
import type { BotDefinition } from '../definition/bot-definition.schema.js';
import { BUILTIN_PHRASES } from './builtin-intents.js';

// Generic out-of-scope examples: without them the model would force every message into an intent.
const OOS_PHRASES: Record<'fr' | 'en', string[]> = {
  fr: [
    'quel temps fait-il demain',
    'raconte-moi une blague',
    'qui a gagné le match hier soir',
    'quelle est la capitale de l’australie',
    'je cherche une recette de crêpes',
    'combien font deux plus deux',
    'tu aimes la musique',
    'quel est le sens de la vie',
  ],
  en: [
    'what is the weather tomorrow',
    'tell me a joke',
    'who won the game last night',
    'what is the capital of australia',
    'i need a pancake recipe',
    'how much is two plus two',
    'do you like music',
    'what is the meaning of life',
  ],
};

// The fitted out-of-scope threshold is unreliable on a few dozen phrases: the bot applies its own
// confidence threshold (`thresholds.intent`) and the model only says "out of scope" for the oos label.

/** A definition with its trained per-language intent models (train once per bot version). */
export interface CompiledBot {
  readonly definition: BotDefinition;
  predict(text: string, lang: string): IntentPrediction;
  /** The same prediction with the features that weighed most (the builder's test console). */
  explain(text: string, lang: string): IntentPrediction;
}

/**
 * Trains one intent model per language of the bot: its intents, the built-in ones (human,
 * small talk) and generic out-of-scope examples. Takes well under a second for a small bot.
 *
 * @example
 * const bot = compileBot(definition);
 * bot.predict('où est ma commande', 'fr').intent // 'track_order'
 */
export function compileBot(definition: BotDefinition): CompiledBot {
  const models = new Map<string, IntentModel>();
  for (const lang of definition.languages) {
    const examples: IntentExample[] = [];
    for (const intent of definition.intents) for (const text of intent.phrases[lang] ?? []) examples.push({ text, intent: intent.id });
    const builtinLang = lang === 'fr' ? 'fr' : 'en';
    for (const [intent, phrases] of Object.entries(BUILTIN_PHRASES)) for (const text of phrases[builtinLang]) examples.push({ text, intent });
    for (const text of OOS_PHRASES[builtinLang]) examples.push({ text, intent: 'oos' });
    models.set(lang, trainIntentClassifier({ language: lang, examples, options: { seed: 7, oosThreshold: 0 } }));
  }
  const modelOf = (lang: string) => models.get(lang) ?? models.get(definition.defaultLanguage) ?? [...models.values()][0];
  const none: IntentPrediction = { intent: null, confidence: 0, oos: true, ranking: [], explanation: [] };
  return {
    definition,
    predict(text, lang) {
      return modelOf(lang)?.predict(text, { topK: 4, explain: false }) ?? none;
    },
    explain(text, lang) {
      return modelOf(lang)?.predict(text, { topK: 5, explain: 8 }) ?? none;
    },
  };
}
