import type { Locale } from '../i18n/messages.js';

/** Interface text of the assist panel and the wallboard (kept beside them so the feature stays self-contained). */
const TEXT = {
  fr: {
    title: 'Suggestions',
    empty: 'Aucune suggestion pour ce message.',
    loading: 'Recherche…',
    insert: 'Insérer',
    reject: 'Écarter',
    source: 'Source',
    score: 'score',
    why: 'Passage',
    alertTitle: 'Attention au ton',
    anger: 'Colère',
    negative: 'Mécontent',
    supervision: 'Supervision',
    back: 'Conversations',
    wallboardTitle: 'Conversations en cours',
    customer: 'Client',
    agent: 'Agent',
    waiting: 'Attente',
    mood: 'Humeur',
    nobody: 'non assignée',
    none: 'Aucune conversation ouverte.',
    whisper: 'Chuchoter',
    whisperPlaceholder: 'Conseil visible par l’agent seulement',
    whisperSent: 'Chuchotement envoyé',
    moods: { negative: 'négatif', neutral: 'neutre', positive: 'positif' },
  },
  en: {
    title: 'Suggestions',
    empty: 'No suggestion for this message.',
    loading: 'Searching…',
    insert: 'Insert',
    reject: 'Dismiss',
    source: 'Source',
    score: 'score',
    why: 'Passage',
    alertTitle: 'Mind the tone',
    anger: 'Anger',
    negative: 'Unhappy',
    supervision: 'Supervision',
    back: 'Conversations',
    wallboardTitle: 'Live conversations',
    customer: 'Customer',
    agent: 'Agent',
    waiting: 'Waiting',
    mood: 'Mood',
    nobody: 'unassigned',
    none: 'No open conversation.',
    whisper: 'Whisper',
    whisperPlaceholder: 'Advice only the agent sees',
    whisperSent: 'Whisper sent',
    moods: { negative: 'negative', neutral: 'neutral', positive: 'positive' },
  },
} as const;

export type AssistText = (typeof TEXT)['fr'] | (typeof TEXT)['en'];

/** The assist strings in the interface language. */
export function assistText(locale: Locale): AssistText {
  return TEXT[locale];
}
