import type { Locale } from '@parley/realtime-protocol';

// The widget's UI strings. Customer and agent text never goes through here.
const fr = {
  openChat: 'Ouvrir la discussion',
  leaveMessage: 'Laisser un message',
  closeChat: 'Fermer la discussion',
  virtualAgent: 'Agent virtuel',
  bot: 'Bot',
  you: 'Vous',
  agent: 'Conseiller',
  typing: (name: string) => `${name} écrit…`,
  someone: 'Quelqu’un',
  composerLabel: 'Votre message',
  composerPlaceholder: 'Écrivez votre message…',
  send: 'Envoyer',
  attach: 'Joindre un fichier (image ou PDF)',
  uploading: 'Envoi du fichier…',
  fileTooLarge: (max: string) => `Fichier trop volumineux (max. ${max}).`,
  fileTypeRefused: 'Type de fichier non accepté.',
  uploadFailed: 'Le fichier n’a pas pu être envoyé.',
  statusPending: 'Envoi en cours',
  statusSent: 'Envoyé',
  statusRead: 'Lu',
  statusFailed: 'Échec de l’envoi',
  retry: 'Réessayer',
  messages: 'Messages',
  reconnecting: 'Connexion perdue, reconnexion…',
  unavailableTitle: 'Personne n’est disponible pour le moment.',
  unavailableText: 'Laissez-nous un message : nous vous répondrons dès que possible.',
  helpCenter: 'Consulter le centre d’aide',
  prechatIntro: 'Avant de commencer, présentez-vous :',
  name: 'Nom',
  email: 'E-mail',
  optional: '(facultatif)',
  start: 'Commencer',
  invalidEmail: 'Adresse e-mail invalide.',
  nameRequired: 'Indiquez votre nom.',
  error: 'Une erreur est survenue, réessayez.',
  csatTitle: 'Comment s’est passée votre conversation ?',
  csatWelcome: 'Accueil',
  csatWaiting: 'Temps d’attente',
  csatAnswer: 'Réponse',
  good: 'Satisfait',
  neutral: 'Moyen',
  bad: 'Pas satisfait',
  comment: 'Un commentaire ? (facultatif)',
  submit: 'Envoyer',
  thanks: 'Merci pour votre avis !',
  carousel: 'Suggestions',
  attachment: 'Pièce jointe',
  conversationClosed: 'Conversation terminée.',
};

export type Strings = typeof fr;

const en: Strings = {
  openChat: 'Open chat',
  leaveMessage: 'Leave a message',
  closeChat: 'Close chat',
  virtualAgent: 'Virtual agent',
  bot: 'Bot',
  you: 'You',
  agent: 'Agent',
  typing: (name: string) => `${name} is typing…`,
  someone: 'Someone',
  composerLabel: 'Your message',
  composerPlaceholder: 'Type your message…',
  send: 'Send',
  attach: 'Attach a file (image or PDF)',
  uploading: 'Uploading file…',
  fileTooLarge: (max: string) => `File too large (max ${max}).`,
  fileTypeRefused: 'This file type is not accepted.',
  uploadFailed: 'The file could not be sent.',
  statusPending: 'Sending',
  statusSent: 'Sent',
  statusRead: 'Read',
  statusFailed: 'Not sent',
  retry: 'Retry',
  messages: 'Messages',
  reconnecting: 'Connection lost, reconnecting…',
  unavailableTitle: 'Nobody is available right now.',
  unavailableText: 'Leave us a message: we will get back to you as soon as possible.',
  helpCenter: 'Visit the help center',
  prechatIntro: 'Before we start, tell us who you are:',
  name: 'Name',
  email: 'Email',
  optional: '(optional)',
  start: 'Start',
  invalidEmail: 'Invalid email address.',
  nameRequired: 'Please enter your name.',
  error: 'Something went wrong, please try again.',
  csatTitle: 'How was your conversation?',
  csatWelcome: 'Welcome',
  csatWaiting: 'Waiting time',
  csatAnswer: 'Answer',
  good: 'Satisfied',
  neutral: 'So-so',
  bad: 'Not satisfied',
  comment: 'Any comment? (optional)',
  submit: 'Submit',
  thanks: 'Thank you for your feedback!',
  carousel: 'Suggestions',
  attachment: 'Attachment',
  conversationClosed: 'Conversation closed.',
};

const DICTIONARIES: Record<Locale, Strings> = { fr, en };

export function strings(locale: Locale): Strings {
  return DICTIONARIES[locale];
}

/** Maps a language tag (`fr-CA`, `EN`, `de`) to a supported locale, or null. */
export function toLocale(tag: string | null | undefined): Locale | null {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return base === 'fr' || base === 'en' ? base : null;
}

/**
 * The first supported locale among the script's data-locale, the page's `<html lang>` and the
 * browser's language; then the channel's default; then French.
 * @example pickLocale(['en-GB', null], 'fr') // 'en'
 */
export function pickLocale(candidates: Array<string | null | undefined>, fallback?: Locale): Locale {
  for (const candidate of candidates) {
    const locale = toLocale(candidate);
    if (locale) return locale;
  }
  return fallback ?? 'fr';
}
