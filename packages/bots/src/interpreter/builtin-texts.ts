// The bot's own sentences (not in the definition), per language, tone and audience. The `simple`
// audience gets short sentences with everyday words and one idea each (seniors, a public less at
// ease in writing).
type Tone = 'vous' | 'tu';
type Key =
  | 'rephrase'
  | 'offerHuman'
  | 'humanButton'
  | 'handoff'
  | 'greeting'
  | 'thanks'
  | 'goodbye'
  | 'topChoices'
  | 'httpError'
  | 'slotFailed'
  | 'welcomeBack'
  | 'otpSent'
  | 'otpWrong'
  | 'otpReminder'
  | 'otpExpired'
  | 'otpResent'
  | 'otpFailed'
  | 'otpNoAddress'
  | 'otpVerified'
  | 'otpSms'
  | 'otpEmail'
  | 'csatQuestion'
  | 'csatGood'
  | 'csatNeutral'
  | 'csatBad'
  | 'csatThanks'
  | 'slowDown';

/** How the persona speaks: `vous` or `tu` (French), standard or simple phrasing. */
export interface Voice {
  tone: Tone;
  audience?: 'standard' | 'simple';
}

type Fr = Record<Tone, string>;
const same = (text: string): Fr => ({ vous: text, tu: text });

const FR: Record<Key, { standard: Fr; simple: Fr }> = {
  rephrase: {
    standard: { vous: 'Je n’ai pas bien compris. Pouvez-vous reformuler votre question ?', tu: 'Je n’ai pas bien compris. Tu peux reformuler ta question ?' },
    simple: { vous: 'Je n’ai pas compris. Pouvez-vous le dire autrement ?', tu: 'Je n’ai pas compris. Tu peux le dire autrement ?' },
  },
  offerHuman: {
    standard: {
      vous: 'Je ne suis pas sûr de pouvoir vous aider. Voulez-vous parler à un conseiller ?',
      tu: 'Je ne suis pas sûr de pouvoir t’aider. Tu veux parler à un conseiller ?',
    },
    simple: { vous: 'Je ne sais pas répondre. Voulez-vous parler à une personne ?', tu: 'Je ne sais pas répondre. Tu veux parler à une personne ?' },
  },
  humanButton: { standard: same('Parler à un conseiller'), simple: same('Parler à une personne') },
  handoff: {
    standard: {
      vous: 'Je vous mets en relation avec un conseiller. Il a tout l’historique de notre échange.',
      tu: 'Je te mets en relation avec un conseiller. Il a tout l’historique de notre échange.',
    },
    simple: {
      vous: 'Une personne va vous répondre. Elle voit tout ce que vous m’avez écrit.',
      tu: 'Une personne va te répondre. Elle voit tout ce que tu m’as écrit.',
    },
  },
  greeting: {
    standard: { vous: 'Bonjour{{name}} ! Que puis-je faire pour vous ?', tu: 'Salut{{name}} ! Qu’est-ce que je peux faire pour toi ?' },
    simple: { vous: 'Bonjour{{name}} ! Comment puis-je vous aider ?', tu: 'Bonjour{{name}} ! Comment je peux t’aider ?' },
  },
  thanks: {
    standard: { vous: 'Avec plaisir ! Puis-je vous aider pour autre chose ?', tu: 'Avec plaisir ! Je peux t’aider pour autre chose ?' },
    simple: { vous: 'Avec plaisir ! Avez-vous une autre question ?', tu: 'Avec plaisir ! Tu as une autre question ?' },
  },
  goodbye: { standard: { vous: 'Au revoir et bonne journée !', tu: 'À bientôt, bonne journée !' }, simple: same('Au revoir et bonne journée !') },
  topChoices: {
    standard: {
      vous: 'Je ne suis pas certain d’avoir compris. Vouliez-vous parler de :',
      tu: 'Je ne suis pas certain d’avoir compris. Tu voulais parler de :',
    },
    simple: { vous: 'Je n’ai pas bien compris. Choisissez une réponse :', tu: 'Je n’ai pas bien compris. Choisis une réponse :' },
  },
  httpError: { standard: same('Je n’arrive pas à obtenir cette information pour le moment.'), simple: same('Je n’ai pas cette information pour le moment.') },
  slotFailed: { standard: same('Je n’arrive pas à reconnaître cette information.'), simple: same('Je ne comprends pas cette réponse.') },
  welcomeBack: {
    standard: { vous: 'Ravi de vous revoir ! Notre dernier échange date du {{date}}.', tu: 'Ravi de te revoir ! Notre dernier échange date du {{date}}.' },
    simple: { vous: 'Content de vous revoir ! Nous avons parlé le {{date}}.', tu: 'Content de te revoir ! Nous avons parlé le {{date}}.' },
  },
  otpSent: {
    standard: {
      vous: 'Pour votre sécurité, je viens d’envoyer un code à {{digits}} chiffres {{via}} ({{to}}). Tapez-le ici ; il est valable {{minutes}} minutes.',
      tu: 'Pour ta sécurité, je viens d’envoyer un code à {{digits}} chiffres {{via}} ({{to}}). Tape-le ici ; il est valable {{minutes}} minutes.',
    },
    simple: {
      vous: 'Je vous ai envoyé un code {{via}} ({{to}}). Écrivez ce code ici. Il marche pendant {{minutes}} minutes.',
      tu: 'Je t’ai envoyé un code {{via}} ({{to}}). Écris ce code ici. Il marche pendant {{minutes}} minutes.',
    },
  },
  otpWrong: {
    standard: { vous: 'Ce code n’est pas le bon. Il vous reste {{left}} essai(s).', tu: 'Ce code n’est pas le bon. Il te reste {{left}} essai(s).' },
    simple: {
      vous: 'Ce n’est pas le bon code. Vous pouvez encore essayer {{left}} fois.',
      tu: 'Ce n’est pas le bon code. Tu peux encore essayer {{left}} fois.',
    },
  },
  otpReminder: {
    standard: {
      vous: 'J’attends le code à {{digits}} chiffres envoyé {{via}} ({{to}}). Écrivez « renvoyer » pour en recevoir un nouveau.',
      tu: 'J’attends le code à {{digits}} chiffres envoyé {{via}} ({{to}}). Écris « renvoyer » pour en recevoir un nouveau.',
    },
    simple: {
      vous: 'Écrivez ici le code reçu {{via}} ({{to}}). Pour un nouveau code, écrivez « renvoyer ».',
      tu: 'Écris ici le code reçu {{via}} ({{to}}). Pour un nouveau code, écris « renvoyer ».',
    },
  },
  otpExpired: { standard: same('Ce code a expiré.'), simple: same('Ce code ne marche plus : il est trop ancien.') },
  otpResent: {
    standard: { vous: 'Je vous envoie un nouveau code {{via}} ({{to}}).', tu: 'Je t’envoie un nouveau code {{via}} ({{to}}).' },
    simple: { vous: 'Je vous envoie un nouveau code {{via}} ({{to}}).', tu: 'Je t’envoie un nouveau code {{via}} ({{to}}).' },
  },
  otpFailed: {
    standard: { vous: 'Je n’ai pas pu vérifier votre identité.', tu: 'Je n’ai pas pu vérifier ton identité.' },
    simple: { vous: 'Je n’ai pas pu vérifier que c’est bien vous.', tu: 'Je n’ai pas pu vérifier que c’est bien toi.' },
  },
  otpNoAddress: {
    standard: {
      vous: 'Je ne peux pas vérifier votre identité : je n’ai ni numéro de téléphone ni adresse e-mail vérifiés pour vous.',
      tu: 'Je ne peux pas vérifier ton identité : je n’ai ni numéro de téléphone ni adresse e-mail vérifiés pour toi.',
    },
    simple: {
      vous: 'Je ne peux pas vous envoyer de code : je n’ai pas votre téléphone ni votre e-mail.',
      tu: 'Je ne peux pas t’envoyer de code : je n’ai pas ton téléphone ni ton e-mail.',
    },
  },
  otpVerified: { standard: same('Merci, c’est vérifié.'), simple: same('Merci, c’est le bon code.') },
  otpSms: { standard: same('par SMS'), simple: same('par SMS') },
  otpEmail: { standard: same('par e-mail'), simple: same('par e-mail') },
  csatQuestion: {
    standard: { vous: 'Êtes-vous satisfait de cet échange ?', tu: 'Es-tu satisfait de cet échange ?' },
    simple: { vous: 'Est-ce que je vous ai bien aidé ?', tu: 'Est-ce que je t’ai bien aidé ?' },
  },
  csatGood: { standard: same('Satisfait'), simple: same('Oui') },
  csatNeutral: { standard: same('Moyennement'), simple: same('Un peu') },
  csatBad: { standard: same('Pas satisfait'), simple: same('Non') },
  csatThanks: { standard: same('Merci pour votre avis !'), simple: same('Merci !') },
  slowDown: {
    standard: {
      vous: 'Vous m’envoyez beaucoup de messages à la fois. Patientez un instant, puis renvoyez-moi votre question.',
      tu: 'Tu m’envoies beaucoup de messages à la fois. Patiente un instant, puis renvoie-moi ta question.',
    },
    simple: {
      vous: 'Vous écrivez très vite. Attendez un peu, puis posez votre question à nouveau.',
      tu: 'Tu écris très vite. Attends un peu, puis pose ta question à nouveau.',
    },
  },
};

const EN: Record<Key, { standard: string; simple: string }> = {
  rephrase: {
    standard: 'Sorry, I did not quite get that. Could you rephrase your question?',
    simple: 'Sorry, I did not understand. Can you say it another way?',
  },
  offerHuman: {
    standard: 'I am not sure I can help with that. Would you like to talk to an agent?',
    simple: 'I cannot answer that. Do you want to talk to a person?',
  },
  humanButton: { standard: 'Talk to an agent', simple: 'Talk to a person' },
  handoff: {
    standard: 'I am connecting you with an agent. They can see our whole conversation.',
    simple: 'A person will answer you. They can see everything you wrote.',
  },
  greeting: { standard: 'Hello{{name}}! How can I help you?', simple: 'Hello{{name}}! How can I help?' },
  thanks: { standard: 'You are welcome! Anything else I can help with?', simple: 'You are welcome! Any other question?' },
  goodbye: { standard: 'Goodbye, have a nice day!', simple: 'Goodbye, have a nice day!' },
  topChoices: { standard: 'I am not sure I understood. Did you mean:', simple: 'I did not quite understand. Pick one:' },
  httpError: { standard: 'I cannot get that information right now.', simple: 'I do not have this information right now.' },
  slotFailed: { standard: 'I cannot recognise that information.', simple: 'I do not understand this answer.' },
  welcomeBack: { standard: 'Good to see you again! We last talked on {{date}}.', simple: 'Nice to see you again! We talked on {{date}}.' },
  otpSent: {
    standard: 'For your security, I just sent a {{digits}}-digit code {{via}} ({{to}}). Type it here; it is valid for {{minutes}} minutes.',
    simple: 'I sent you a code {{via}} ({{to}}). Write the code here. It works for {{minutes}} minutes.',
  },
  otpWrong: { standard: 'That code is not right. You have {{left}} try(ies) left.', simple: 'That is not the right code. You can try {{left}} more time(s).' },
  otpReminder: {
    standard: 'I am waiting for the {{digits}}-digit code sent {{via}} ({{to}}). Write “resend” to get a new one.',
    simple: 'Write here the code you got {{via}} ({{to}}). For a new code, write “resend”.',
  },
  otpExpired: { standard: 'That code has expired.', simple: 'That code does not work any more: it is too old.' },
  otpResent: { standard: 'I am sending you a new code {{via}} ({{to}}).', simple: 'I am sending you a new code {{via}} ({{to}}).' },
  otpFailed: { standard: 'I could not verify your identity.', simple: 'I could not check that it is really you.' },
  otpNoAddress: {
    standard: 'I cannot verify your identity: I have no verified phone number or email address for you.',
    simple: 'I cannot send you a code: I do not have your phone or your email.',
  },
  otpVerified: { standard: 'Thank you, you are verified.', simple: 'Thank you, that is the right code.' },
  otpSms: { standard: 'by text message', simple: 'by text message' },
  otpEmail: { standard: 'by email', simple: 'by email' },
  csatQuestion: { standard: 'Are you satisfied with this conversation?', simple: 'Did I help you well?' },
  csatGood: { standard: 'Satisfied', simple: 'Yes' },
  csatNeutral: { standard: 'So-so', simple: 'A little' },
  csatBad: { standard: 'Not satisfied', simple: 'No' },
  csatThanks: { standard: 'Thank you for your feedback!', simple: 'Thank you!' },
  slowDown: {
    standard: 'You are sending me a lot of messages at once. Please wait a moment, then send me your question again.',
    simple: 'You are writing very fast. Please wait a little, then ask again.',
  },
};

/**
 * A built-in sentence in the conversation's language and the persona's tone and audience, with
 * its `{{placeholders}}` filled (`name` carries its own leading space: "Bonjour{{name}} !").
 *
 * @example
 * builtinText('rephrase', 'fr', { tone: 'tu', audience: 'simple' })
 * builtinText('otpWrong', 'en', { tone: 'vous' }, { left: '2' })
 */
export function builtinText(key: Key, lang: string, voice: Voice, vars: Record<string, string> = {}): string {
  const audience = voice.audience ?? 'standard';
  const text = lang === 'fr' ? FR[key][audience][voice.tone] : EN[key][audience];
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
}

/** The first name as the `{{name}}` placeholder wants it. */
export function nameVar(firstName: string | null): Record<string, string> {
  return { name: firstName ? ` ${firstName}` : '' };
}
