// The bot's own sentences (not in the definition), per language and tone.
type Tone = 'vous' | 'tu';
type Key = 'rephrase' | 'offerHuman' | 'humanButton' | 'handoff' | 'greeting' | 'thanks' | 'goodbye' | 'topChoices' | 'httpError' | 'slotFailed';

const FR: Record<Key, Record<Tone, string>> = {
  rephrase: { vous: 'Je n’ai pas bien compris. Pouvez-vous reformuler votre question ?', tu: 'Je n’ai pas bien compris. Tu peux reformuler ta question ?' },
  offerHuman: { vous: 'Je ne suis pas sûr de pouvoir vous aider. Voulez-vous parler à un conseiller ?', tu: 'Je ne suis pas sûr de pouvoir t’aider. Tu veux parler à un conseiller ?' },
  humanButton: { vous: 'Parler à un conseiller', tu: 'Parler à un conseiller' },
  handoff: { vous: 'Je vous mets en relation avec un conseiller. Il a tout l’historique de notre échange.', tu: 'Je te mets en relation avec un conseiller. Il a tout l’historique de notre échange.' },
  greeting: { vous: 'Bonjour{{name}} ! Que puis-je faire pour vous ?', tu: 'Salut{{name}} ! Qu’est-ce que je peux faire pour toi ?' },
  thanks: { vous: 'Avec plaisir ! Puis-je vous aider pour autre chose ?', tu: 'Avec plaisir ! Je peux t’aider pour autre chose ?' },
  goodbye: { vous: 'Au revoir et bonne journée !', tu: 'À bientôt, bonne journée !' },
  topChoices: { vous: 'Je ne suis pas certain d’avoir compris. Vouliez-vous parler de :', tu: 'Je ne suis pas certain d’avoir compris. Tu voulais parler de :' },
  httpError: { vous: 'Je n’arrive pas à obtenir cette information pour le moment.', tu: 'Je n’arrive pas à obtenir cette information pour le moment.' },
  slotFailed: { vous: 'Je n’arrive pas à reconnaître cette information.', tu: 'Je n’arrive pas à reconnaître cette information.' },
};

const EN: Record<Key, string> = {
  rephrase: 'Sorry, I did not quite get that. Could you rephrase your question?',
  offerHuman: 'I am not sure I can help with that. Would you like to talk to an agent?',
  humanButton: 'Talk to an agent',
  handoff: 'I am connecting you with an agent. They can see our whole conversation.',
  greeting: 'Hello{{name}}! How can I help you?',
  thanks: 'You are welcome! Anything else I can help with?',
  goodbye: 'Goodbye, have a nice day!',
  topChoices: 'I am not sure I understood. Did you mean:',
  httpError: 'I cannot get that information right now.',
  slotFailed: 'I cannot recognise that information.',
};

/**
 * A built-in sentence in the conversation's language and the persona's tone.
 *
 * @example
 * builtinText('rephrase', 'fr', 'tu')
 */
export function builtinText(key: Key, lang: string, tone: Tone, firstName: string | null = null): string {
  const text = lang === 'fr' ? FR[key][tone] : EN[key];
  return text.replace('{{name}}', firstName ? ` ${firstName}` : '');
}
