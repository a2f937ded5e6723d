import { foldAccents } from '@parley/nlu';

// Intents every bot understands whatever its definition says: asking for a human must always
// work (any phrasing, FR/EN), and small talk must not fall into "I did not understand".

/** Built-in intent ids, prefixed so they never collide with a bot's own. */
export const BUILTIN = { human: 'builtin.human', greeting: 'builtin.greeting', thanks: 'builtin.thanks', goodbye: 'builtin.goodbye' } as const;
export type BuiltinIntent = (typeof BUILTIN)[keyof typeof BUILTIN];

/** Training phrases mixed into every bot's model. */
export const BUILTIN_PHRASES: Record<BuiltinIntent, Record<'fr' | 'en', string[]>> = {
  [BUILTIN.human]: {
    fr: [
      'je veux parler à un conseiller',
      'je voudrais parler à quelqu’un',
      'un humain svp',
      'passez-moi un conseiller',
      'je veux un vrai interlocuteur',
      'mettez-moi en relation avec un agent',
      'parler à une personne',
      'un conseiller s’il vous plaît',
      'je préfère parler à un humain',
      'est-ce que je peux avoir quelqu’un au téléphone',
    ],
    en: [
      'i want to talk to a human',
      'can i speak to an agent',
      'let me talk to a real person',
      'transfer me to someone',
      'human please',
      'i need to speak with a representative',
      'connect me to customer service agent',
      'get me a person',
      'operator',
      'speak to someone',
    ],
  },
  [BUILTIN.greeting]: {
    fr: ['bonjour', 'salut', 'bonsoir', 'coucou', 'hello', 'bonjour à vous', 're bonjour'],
    en: ['hello', 'hi', 'hey there', 'good morning', 'good evening', 'hi there'],
  },
  [BUILTIN.thanks]: {
    fr: ['merci', 'merci beaucoup', 'super merci', 'merci bien', 'c’est parfait merci', 'génial merci'],
    en: ['thanks', 'thank you', 'thanks a lot', 'great thanks', 'perfect thank you', 'cheers'],
  },
  [BUILTIN.goodbye]: {
    fr: ['au revoir', 'bonne journée', 'à bientôt', 'bonne soirée', 'ciao', 'salut à plus'],
    en: ['bye', 'goodbye', 'see you', 'have a nice day', 'bye bye', 'talk to you later'],
  },
};

// Keyword fallback: a short "human please" must win even when the model hesitates.
const HUMAN_PATTERNS = [
  /\b(conseill(er|ere)|humain|agent|operat(eur|or)|vraie? personne|quelqu ?un de reel|service client|interlocut(eur|rice))\b/,
  /\b(human|real person|representative|someone real|live agent|customer service|talk to (a )?person|speak to (a )?person)\b/,
];

/**
 * True when the text asks for a human, by keywords (accent- and case-insensitive).
 *
 * @example
 * wantsHuman('Je veux parler à un conseiller') // true
 */
export function wantsHuman(text: string): boolean {
  const folded = foldAccents(text.toLowerCase()).replace(/[’']/g, ' ');
  return HUMAN_PATTERNS.some((p) => p.test(folded));
}

const SMALL_TALK: Array<[BuiltinIntent, RegExp]> = [
  [BUILTIN.thanks, /^(merci|thanks?|thank you|cheers)\b/],
  [BUILTIN.goodbye, /^(au revoir|bye|goodbye|bonne (journee|soiree)|a bientot|see you)\b/],
  [BUILTIN.greeting, /^(bonjour|bonsoir|salut|coucou|hello|hi|hey|good (morning|evening))\b[\s!.,]*$/],
];

/**
 * Small talk by keywords: a message that is only a greeting, thanks or goodbye.
 *
 * @example
 * smallTalkOf('Merci beaucoup !') // 'builtin.thanks'
 */
export function smallTalkOf(text: string): BuiltinIntent | null {
  const folded = foldAccents(text.toLowerCase()).replace(/[’']/g, ' ').trim();
  if (folded.split(/\s+/).length > 5) return null;
  for (const [intent, pattern] of SMALL_TALK) if (pattern.test(folded)) return intent;
  return null;
}
