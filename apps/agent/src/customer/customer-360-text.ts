import type { Locale } from '../i18n/messages.js';

/** Interface text of the customer card's 360° sections (kept beside them so the feature stays self-contained). */
const TEXT = {
  fr: {
    consents: 'Consentements',
    granted: 'accordé',
    revoked: 'retiré',
    conversations: 'Conversations',
    current: 'en cours',
    csat: 'Satisfaction',
    noCsat: 'non notée',
    outcome: 'Résultat',
    systems: 'Systèmes de la marque',
    loading: 'Chargement…',
    failed: 'Indisponible',
    skipped: 'Non appelé',
    open: 'Ouvrir',
    empty: 'Rien à afficher.',
    error: {
      timeout: 'Le système n’a pas répondu à temps.',
      blocked: 'Adresse interdite (protection SSRF).',
      connection: 'Connexion impossible.',
      http_status: 'Le système a répondu par une erreur.',
      invalid_response: 'Réponse illisible.',
      missing_field: 'Information client manquante pour l’appel.',
      too_large: 'Réponse trop volumineuse.',
      too_many_redirects: 'Trop de redirections.',
    } as Record<string, string>,
  },
  en: {
    consents: 'Consents',
    granted: 'granted',
    revoked: 'revoked',
    conversations: 'Conversations',
    current: 'current',
    csat: 'Satisfaction',
    noCsat: 'not rated',
    outcome: 'Outcome',
    systems: 'Brand systems',
    loading: 'Loading…',
    failed: 'Unavailable',
    skipped: 'Not called',
    open: 'Open',
    empty: 'Nothing to show.',
    error: {
      timeout: 'The system did not answer in time.',
      blocked: 'Forbidden address (SSRF protection).',
      connection: 'Could not connect.',
      http_status: 'The system answered with an error.',
      invalid_response: 'Unreadable answer.',
      missing_field: 'The customer lacks a value the call needs.',
      too_large: 'The answer is too large.',
      too_many_redirects: 'Too many redirects.',
    } as Record<string, string>,
  },
} satisfies Record<Locale, unknown>;

export type Customer360Text = (typeof TEXT)['en'];

/** The 360° sections' text in the UI language. */
export function customer360Text(locale: Locale): Customer360Text {
  return TEXT[locale];
}
