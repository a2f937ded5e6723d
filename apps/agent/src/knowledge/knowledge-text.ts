import type { ArticleStatus } from './knowledge-api.js';

/** Interface text of the knowledge admin (kept beside it so the section stays self-contained). */
const TEXT = {
  fr: {
    title: 'Base de connaissances',
    back: 'Conversations',
    search: 'Rechercher un article',
    newArticle: 'Nouvel article',
    import: 'Importer (.md, .csv, .json)',
    importPublish: 'Publier à l’import',
    imported: (r: { created: number; updated: number; issues: number }) => `Import : ${r.created} créé(s), ${r.updated} mis à jour, ${r.issues} problème(s)`,
    empty: 'Aucun article.',
    fieldTitle: 'Titre ou question',
    fieldKind: 'Type',
    fieldLanguage: 'Langue',
    fieldCategory: 'Catégorie',
    fieldTags: 'Étiquettes (séparées par des virgules)',
    fieldBody: 'Contenu (Markdown)',
    fieldPhrasings: 'Autres formulations (une par ligne)',
    fieldSms: 'Version courte SMS',
    save: 'Enregistrer',
    saved: 'Enregistré',
    publish: 'Publier',
    unpublish: 'Dépublier',
    viewHelp: 'Voir sur le centre d’aide',
    version: 'version',
    ask: 'Tester une question',
    askButton: 'Demander',
    noAnswer: 'Aucune réponse.',
    kinds: { article: 'Article', faq: 'FAQ', procedure: 'Procédure', canned: 'Réponse type' },
    status: { draft: 'Brouillon', published: 'Publié', archived: 'Archivé' } as Record<ArticleStatus, string>,
  },
  en: {
    title: 'Knowledge base',
    back: 'Conversations',
    search: 'Search articles',
    newArticle: 'New article',
    import: 'Import (.md, .csv, .json)',
    importPublish: 'Publish on import',
    imported: (r: { created: number; updated: number; issues: number }) => `Import: ${r.created} created, ${r.updated} updated, ${r.issues} issue(s)`,
    empty: 'No article.',
    fieldTitle: 'Title or question',
    fieldKind: 'Kind',
    fieldLanguage: 'Language',
    fieldCategory: 'Category',
    fieldTags: 'Tags (comma-separated)',
    fieldBody: 'Content (Markdown)',
    fieldPhrasings: 'Other phrasings (one per line)',
    fieldSms: 'Short SMS version',
    save: 'Save',
    saved: 'Saved',
    publish: 'Publish',
    unpublish: 'Unpublish',
    viewHelp: 'View on the help center',
    version: 'version',
    ask: 'Try a question',
    askButton: 'Ask',
    noAnswer: 'No answer.',
    kinds: { article: 'Article', faq: 'FAQ', procedure: 'Procedure', canned: 'Canned response' },
    status: { draft: 'Draft', published: 'Published', archived: 'Archived' } as Record<ArticleStatus, string>,
  },
};

export type KnowledgeText = (typeof TEXT)['en'];

/** The admin's text in the agent's locale (French unless English). */
export function knowledgeText(locale: string): KnowledgeText {
  return locale.startsWith('en') ? TEXT.en : TEXT.fr;
}
