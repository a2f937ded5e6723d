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
    checklist: 'Procédure',
    checklistDone: '{done}/{total} étapes',
    tickedBy: 'Cochée automatiquement (mots : {terms})',
    tickedByMessage: 'Cochée automatiquement par « {excerpt} » (mots : {terms})',
    tickedManually: 'Cochée à la main',
    adapted: 'Adaptée au canal',
    wrapUpTitle: 'Clôture de la conversation',
    wrapUpSaved: 'Synthèse enregistrée',
    disposition: 'Motif de clôture',
    summary: 'Synthèse',
    summaryHint: 'Proposée à partir de la conversation : relisez et corrigez avant d’enregistrer.',
    saveWrapUp: 'Enregistrer la synthèse',
    later: 'Plus tard',
    drafting: 'Préparation de la synthèse…',
    wrappedUp: 'Synthèse de clôture',
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
    checklist: 'Procedure',
    checklistDone: '{done}/{total} steps',
    tickedBy: 'Ticked automatically (words: {terms})',
    tickedByMessage: 'Ticked automatically by “{excerpt}” (words: {terms})',
    tickedManually: 'Ticked by hand',
    adapted: 'Fitted to the channel',
    wrapUpTitle: 'Wrap-up',
    wrapUpSaved: 'Wrap-up saved',
    disposition: 'Disposition',
    summary: 'Summary',
    summaryHint: 'Drafted from the conversation: read and correct it before saving.',
    saveWrapUp: 'Save the wrap-up',
    later: 'Later',
    drafting: 'Drafting the summary…',
    wrappedUp: 'Wrap-up',
  },
} as const;

export type AssistText = (typeof TEXT)['fr'] | (typeof TEXT)['en'];

/** Fills `{name}` placeholders. */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The assist strings in the interface language. */
export function assistText(locale: Locale): AssistText {
  return TEXT[locale];
}
