import type { BotDefinition } from '../definition/bot-definition.schema.js';
import { IMPORT_LIMITS, type ImportedIntent, type ImportSkip } from './imported-intents.js';

/** What an import changed in the draft. */
export interface ImportReport {
  /** Intents that did not exist and were created. */
  created: string[];
  /** Existing intents that received phrases or an answer. */
  updated: string[];
  phrasesAdded: number;
  /** Phrases already in the draft (same text, case aside). */
  phrasesKnown: number;
  answersAdded: number;
  /** Entity names the annotations used (their text was kept as plain phrase text). */
  entities: string[];
  skipped: ImportSkip[];
}

const MAX_INTENTS = 200;
const MAX_ANSWERS = 200;

/**
 * Merges imported intents into a definition (a new object): phrases are added per language
 * without duplicates, new intents are created, and an answer is added where the intent has
 * neither an answer nor a scenario. Existing phrases and answers are never removed or changed.
 *
 * @example
 * const { definition, report } = mergeImportedIntents(draft, parsed.intents, parsed.entities, parsed.skipped);
 */
export function mergeImportedIntents(
  base: BotDefinition,
  imported: readonly ImportedIntent[],
  entities: readonly string[] = [],
  skippedBefore: readonly ImportSkip[] = [],
): { definition: BotDefinition; report: ImportReport } {
  const definition = structuredClone(base);
  const report: ImportReport = {
    created: [],
    updated: [],
    phrasesAdded: 0,
    phrasesKnown: 0,
    answersAdded: 0,
    entities: [...entities],
    skipped: [...skippedBefore],
  };
  for (const source of imported) {
    let target = definition.intents.find((i) => i.id === source.id);
    const isNew = !target;
    if (!target) {
      if (definition.intents.length >= MAX_INTENTS) {
        report.skipped.push({ item: source.id, reason: `the bot already has ${MAX_INTENTS} intents` });
        continue;
      }
      target = { id: source.id.slice(0, IMPORT_LIMITS.idLength), phrases: {}, ...(source.label ? { label: labelFor(definition, source.label) } : {}) };
      definition.intents.push(target);
    }
    let changed = false;
    for (const [lang, phrases] of Object.entries(source.phrases)) {
      const list = (target.phrases[lang] ??= []);
      const known = new Set(list.map((p) => p.toLowerCase()));
      for (const phrase of phrases) {
        if (known.has(phrase.toLowerCase())) {
          report.phrasesKnown += 1;
          continue;
        }
        if (list.length >= IMPORT_LIMITS.phrasesPerLanguage) {
          report.skipped.push({ item: `${source.id}: ${phrase.slice(0, 40)}`, reason: `more than ${IMPORT_LIMITS.phrasesPerLanguage} phrases in ${lang}` });
          continue;
        }
        list.push(phrase);
        known.add(phrase.toLowerCase());
        report.phrasesAdded += 1;
        changed = true;
      }
      if (list.length === 0) delete target.phrases[lang];
    }
    if (source.answer && !definition.scenarios.some((s) => s.intent === source.id)) {
      const existing = definition.answers.find((a) => a.intent === source.id);
      if (existing) {
        for (const [lang, text] of Object.entries(source.answer))
          if (!existing.text[lang]) {
            existing.text[lang] = text;
            report.answersAdded += 1;
            changed = true;
          }
      } else if (definition.answers.length < MAX_ANSWERS) {
        definition.answers.push({ intent: source.id, text: { ...source.answer } });
        report.answersAdded += Object.keys(source.answer).length;
        changed = true;
      }
    }
    if (isNew) report.created.push(source.id);
    else if (changed) report.updated.push(source.id);
  }
  return { definition, report };
}

/** A display name read as a label in every language of the bot (the tool had one name). */
function labelFor(definition: BotDefinition, label: string): Record<string, string> {
  return Object.fromEntries(definition.languages.map((lang) => [lang, label.slice(0, 2000)]));
}
