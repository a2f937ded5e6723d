/** Interface text of the help center, French and English. */
export interface HelpText {
  readonly title: string;
  readonly searchLabel: string;
  readonly searchPlaceholder: string;
  readonly searchButton: string;
  readonly results: string;
  readonly noResults: string;
  readonly articles: string;
  readonly other: string;
  readonly helpful: string;
  readonly yes: string;
  readonly no: string;
  readonly thanks: string;
  readonly back: string;
  readonly steps: string;
  readonly updated: string;
}

export const HELP_TEXT: Readonly<Record<'fr' | 'en', HelpText>> = {
  fr: {
    title: 'Aide',
    searchLabel: 'Rechercher dans l’aide',
    searchPlaceholder: 'Posez votre question…',
    searchButton: 'Rechercher',
    results: 'Résultats',
    noResults: 'Aucun article ne répond à cette question. Écrivez-nous : un conseiller vous répondra.',
    articles: 'Articles',
    other: 'Autres',
    helpful: 'Cet article vous a-t-il aidé ?',
    yes: 'Oui',
    no: 'Non',
    thanks: 'Merci pour votre retour !',
    back: 'Retour à l’aide',
    steps: 'Étapes',
    updated: 'Mis à jour le',
  },
  en: {
    title: 'Help',
    searchLabel: 'Search the help center',
    searchPlaceholder: 'Ask your question…',
    searchButton: 'Search',
    results: 'Results',
    noResults: 'No article answers this question. Write to us: an advisor will answer.',
    articles: 'Articles',
    other: 'Other',
    helpful: 'Was this article helpful?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thank you for your feedback!',
    back: 'Back to help',
    steps: 'Steps',
    updated: 'Updated on',
  },
};

/** The page language: `?lang=` when supported, else the workspace locale, else French. */
export function helpLanguage(requested: string | undefined, locale: string): 'fr' | 'en' {
  const pick = (requested ?? locale).slice(0, 2).toLowerCase();
  return pick === 'en' ? 'en' : 'fr';
}
