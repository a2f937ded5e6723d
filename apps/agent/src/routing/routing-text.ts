import type { Locale } from '../i18n/messages.js';

/** Interface text of the routing views (kept beside them so the feature stays self-contained). */
const TEXT = {
  en: {
    queues: 'Queues',
    waiting: 'waiting',
    estimatedWait: 'Est. wait',
    longestWait: 'Longest',
    available: 'available',
    open: 'Open',
    closed: 'Closed',
    opensAt: 'opens {time}',
    takeNext: 'Take next',
    nothingToTake: 'Nobody is waiting in this queue.',
    offers: 'Offers for you',
    accept: 'Accept',
    decline: 'Decline',
    expiresIn: '{seconds} s left',
    expired: 'expired',
    assignments: 'My conversations',
    noAssignments: 'No conversation assigned to you.',
    noProfile: 'You have no routing profile: ask a supervisor to set your skills and capacity.',
    load: 'Load {load}/{capacity}',
    conversation: 'Conversation {id}',
    whyAssigned: 'Why this conversation is yours',
    presenceBusy: 'Busy',
    notReady: 'Not ready reason',
    noReason: 'No reason',
    reasons: { break: 'Break', lunch: 'Lunch', meeting: 'Meeting', training: 'Training', admin: 'Back office', auto_away: 'Inactive (automatic)' } as Record<
      string,
      string
    >,
    unknownWait: '—',
    timelineAssigned: 'Assigned',
    timelineOffered: 'Offered',
    timelineQueued: 'Queued',
    timelineTransferred: 'Transferred',
    timelineTakenOver: 'Taken over by a supervisor',
    timelineHelp: 'The agent asked for help',
    timelineTransferNote: 'Note: {note}',
    timelineSla: 'SLA breached ({kind})',
    timelineOfferWithdrawn: 'Offer withdrawn ({reason})',
    timelineOverflow: 'Overflowed to another queue',
    timelineAfterHours: 'Outside business hours',
    slaKinds: { first_response: 'first response', next_response: 'next response' } as Record<string, string>,
    settingsTitle: 'Routing settings',
    emotionPriority: 'Emotion priority',
    emotionPriorityHint: 'Assist’s emotion analysis marks waiting customers who are angry; each queue’s angry boost then puts them first.',
    hookTitle: 'External routing hook',
    hookHint:
      'Parley POSTs each conversation and its eligible advisors to this URL, signed with the secret; it may answer an advisor within the timeout, otherwise Parley chooses.',
    hookUrl: 'Hook URL',
    hookTimeout: 'Timeout (ms)',
    noHook: 'No hook: Parley chooses the advisor.',
    saveSettings: 'Save',
    settingsSaved: 'Routing settings saved.',
    removeHook: 'Remove the hook',
    hookRemoved: 'Hook removed.',
    rotateSecret: 'New signing secret',
    secretTitle: 'Signing secret of the hook',
    secretHint: 'Copy it now and keep it in the receiving service: it will not be shown again.',
    copy: 'Copy',
    copied: 'Copied',
    secretDone: 'I have copied it',
    invalid: 'The server refused these settings:',
    fields: { '/hook/url': 'Hook URL', '/hook/timeoutMs': 'Timeout (ms)', '/emotionPriority': 'Emotion priority' } as Record<string, string>,
  },
  fr: {
    queues: 'Files d’attente',
    waiting: 'en attente',
    estimatedWait: 'Attente est.',
    longestWait: 'Plus longue',
    available: 'disponible(s)',
    open: 'Ouverte',
    closed: 'Fermée',
    opensAt: 'ouvre {time}',
    takeNext: 'Prendre le suivant',
    nothingToTake: 'Personne n’attend dans cette file.',
    offers: 'Propositions pour vous',
    accept: 'Accepter',
    decline: 'Refuser',
    expiresIn: 'reste {seconds} s',
    expired: 'expirée',
    assignments: 'Mes conversations',
    noAssignments: 'Aucune conversation ne vous est attribuée.',
    noProfile: 'Vous n’avez pas de profil de routage : demandez à un superviseur de régler vos compétences et votre capacité.',
    load: 'Charge {load}/{capacity}',
    conversation: 'Conversation {id}',
    whyAssigned: 'Pourquoi cette conversation vous est attribuée',
    presenceBusy: 'Occupé',
    notReady: 'Motif de non-disponibilité',
    noReason: 'Sans motif',
    reasons: {
      break: 'Pause',
      lunch: 'Déjeuner',
      meeting: 'Réunion',
      training: 'Formation',
      admin: 'Back-office',
      auto_away: 'Inactif (automatique)',
    } as Record<string, string>,
    unknownWait: '—',
    timelineAssigned: 'Attribuée',
    timelineOffered: 'Proposée',
    timelineQueued: 'En file d’attente',
    timelineTransferred: 'Transférée',
    timelineTakenOver: 'Reprise par un superviseur',
    timelineHelp: 'L’agent a demandé de l’aide',
    timelineTransferNote: 'Note : {note}',
    timelineSla: 'SLA dépassé ({kind})',
    timelineOfferWithdrawn: 'Proposition retirée ({reason})',
    timelineOverflow: 'Débordement vers une autre file',
    timelineAfterHours: 'Hors horaires d’ouverture',
    slaKinds: { first_response: 'première réponse', next_response: 'réponse suivante' } as Record<string, string>,
    settingsTitle: 'Réglages du routage',
    emotionPriority: 'Priorité selon l’émotion',
    emotionPriorityHint:
      'L’analyse d’émotion de l’assistant repère les clients en colère qui attendent ; le bonus « colère » de chaque file les fait alors passer en premier.',
    hookTitle: 'Hook de routage externe',
    hookHint:
      'Parley envoie (POST) chaque conversation et ses conseillers éligibles à cette URL, signée avec le secret ; elle peut désigner un conseiller dans le délai, sinon Parley choisit.',
    hookUrl: 'URL du hook',
    hookTimeout: 'Délai (ms)',
    noHook: 'Aucun hook : Parley choisit le conseiller.',
    saveSettings: 'Enregistrer',
    settingsSaved: 'Réglages du routage enregistrés.',
    removeHook: 'Supprimer le hook',
    hookRemoved: 'Hook supprimé.',
    rotateSecret: 'Nouveau secret de signature',
    secretTitle: 'Secret de signature du hook',
    secretHint: 'Copiez-le maintenant et gardez-le dans le service destinataire : il ne sera plus affiché.',
    copy: 'Copier',
    copied: 'Copié',
    secretDone: 'Je l’ai copié',
    invalid: 'Le serveur a refusé ces réglages :',
    fields: { '/hook/url': 'URL du hook', '/hook/timeoutMs': 'Délai (ms)', '/emotionPriority': 'Priorité selon l’émotion' } as Record<string, string>,
  },
} satisfies Record<Locale, unknown>;

export type RoutingText = (typeof TEXT)['en'];
export const NOT_READY_REASONS = ['break', 'lunch', 'meeting', 'training', 'admin'] as const;

export function routingText(locale: Locale): RoutingText {
  return TEXT[locale];
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** Compact for the panel's narrow columns: "45 s", "3 min", "1 h 05", or a dash when unknown. */
export function formatWait(seconds: number | null, text: RoutingText): string {
  if (seconds === null) return text.unknownWait;
  if (seconds < 60) return `${seconds} s`;
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}

/** The explanation sentence in the UI language. */
export function explanationIn(text: { en?: unknown; fr?: unknown } | null | undefined, locale: Locale): string | null {
  if (!text) return null;
  const value = text[locale] ?? text.en;
  return typeof value === 'string' && value.length > 0 ? value : null;
}
