import { parse } from 'yaml';
import { IMPORT_LIMITS, pushPhrase, type ImportedIntent, type ImportSkip, type IntentImport } from './imported-intents.js';

// Rasa 3.x training data (`nlu.yml`, format version "3.1"): a `nlu:` list whose items are
// `intent` with `examples` (a block of "- " lines, or a list of `text:` objects), and
// `synonym`, `lookup` and `regex` items. Entity annotations are "[text](entity)",
// "[text](entity:value)" or '[text]{"entity": "name", ...}'.

// "[text](entity)" or "[text]{json}": the text stays, the entity name is noted.
const ANNOTATION = /\[([^\]\n]*)\](?:\(([^)\n]*)\)|(\{[^}\n]*\}))/g;

/**
 * Reads a Rasa `nlu.yml`: every intent with its examples in `lang`, annotations stripped to
 * plain text. Synonyms, lookup tables and regexes are reported as skipped. Never throws.
 *
 * @example
 * const result = parseRasaNlu('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hello\n', 'en');
 * // { ok: true, intents: [{ id: 'greet', phrases: { en: ['hello'] } }], entities: [], skipped: [] }
 */
export function parseRasaNlu(text: string, lang: string): IntentImport {
  let document: unknown;
  try {
    document = parse(typeof text === 'string' ? text : '', { maxAliasCount: 50, uniqueKeys: false, logLevel: 'error' });
  } catch (e) {
    return { ok: false, error: `not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
  if (!isRecord(document) || !Array.isArray(document.nlu)) return { ok: false, error: 'not a Rasa NLU file: no "nlu:" list' };
  const intents = new Map<string, ImportedIntent>();
  const entities = new Set<string>();
  const skipped: ImportSkip[] = [];
  document.nlu.forEach((item: unknown, index: number) => {
    if (!isRecord(item)) return skipped.push({ item: `nlu[${index}]`, reason: 'not a mapping' });
    for (const kind of ['synonym', 'lookup', 'regex'] as const)
      if (kind in item) return skipped.push({ item: `${kind}: ${String(item[kind]).slice(0, 64)}`, reason: `${kind} entries are not imported` });
    if (typeof item.intent !== 'string' || !item.intent.trim()) return skipped.push({ item: `nlu[${index}]`, reason: 'no intent name' });
    const id = item.intent.trim();
    if (id.length > IMPORT_LIMITS.idLength)
      return skipped.push({ item: id.slice(0, 64), reason: `intent name longer than ${IMPORT_LIMITS.idLength} characters` });
    const examples = examplesOf(item.examples);
    if (examples === null) return skipped.push({ item: id, reason: 'no examples' });
    const intent = intents.get(id) ?? { id, phrases: {} };
    intents.set(id, intent);
    for (const example of examples) pushPhrase(intent, lang, stripAnnotations(example, entities), skipped);
    return undefined;
  });
  return { ok: true, intents: [...intents.values()].filter((i) => Object.keys(i.phrases).length > 0), entities: [...entities].sort(), skipped };
}

/** The example lines: a "- " block (the usual form) or a list of strings / `{ text }` objects. */
function examplesOf(value: unknown): string[] | null {
  if (typeof value === 'string')
    return value
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2));
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : isRecord(v) && typeof v.text === 'string' ? v.text : '')).filter(Boolean);
  return null;
}

/**
 * "[Lyon](city) demain" → "Lyon demain", noting "city".
 *
 * @example
 * stripAnnotations('ma commande [CMD-1](order_ref)', new Set()) // 'ma commande CMD-1'
 */
export function stripAnnotations(example: string, entities: Set<string>): string {
  return example.replace(ANNOTATION, (_match, shown: string, paren: string | undefined, json: string | undefined) => {
    const name = paren !== undefined ? paren.split(':')[0]?.trim() : entityOfJson(json ?? '');
    if (name) entities.add(name.slice(0, 64));
    return shown;
  });
}

function entityOfJson(json: string): string | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return isRecord(value) && typeof value.entity === 'string' ? value.entity : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
