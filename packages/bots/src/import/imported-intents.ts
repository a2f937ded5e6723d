// What an NLU import (Rasa, Dialogflow) yields before it is merged into a definition.

/** One intent read from another tool's export. */
export interface ImportedIntent {
  /** A definition intent id (at most 64 characters). */
  id: string;
  /** The tool's own name, when it differs from the id (a Dialogflow display name). */
  label?: string;
  /** Training phrases by language, entity annotations already stripped to plain text. */
  phrases: Record<string, string[]>;
  /** A fixed answer by language (Dialogflow's text responses). */
  answer?: Record<string, string>;
}

/** Something the import left out, and why. */
export interface ImportSkip {
  item: string;
  reason: string;
}

/** A parsed export: intents, the entity names its annotations used, and what was skipped. */
export type IntentImport = { ok: true; intents: ImportedIntent[]; entities: string[]; skipped: ImportSkip[] } | { ok: false; error: string };

/** Limits of the definition schema that an import must respect. */
export const IMPORT_LIMITS = { idLength: 64, phraseLength: 500, phrasesPerLanguage: 500, answerLength: 2000 } as const;

/** Adds a phrase once (same text after trimming and case folding), within the schema's limits. */
export function pushPhrase(intent: ImportedIntent, lang: string, phrase: string, skipped: ImportSkip[]): void {
  const text = phrase.replace(/\s+/g, ' ').trim();
  if (!text) return;
  if (text.length > IMPORT_LIMITS.phraseLength) {
    skipped.push({ item: `${intent.id}: ${text.slice(0, 40)}…`, reason: `phrase longer than ${IMPORT_LIMITS.phraseLength} characters` });
    return;
  }
  const list = (intent.phrases[lang] ??= []);
  if (list.some((p) => p.toLowerCase() === text.toLowerCase())) return;
  if (list.length >= IMPORT_LIMITS.phrasesPerLanguage) {
    skipped.push({ item: `${intent.id}: ${text.slice(0, 40)}`, reason: `more than ${IMPORT_LIMITS.phrasesPerLanguage} phrases in ${lang}` });
    return;
  }
  list.push(text);
}
