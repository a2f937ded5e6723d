import { IMPORT_LIMITS, pushPhrase, type ImportedIntent, type ImportSkip, type IntentImport } from './imported-intents.js';
import { readZip } from './zip-reader.js';

// A Dialogflow ES agent export (the console's "Export as ZIP"): `agent.json`, then per intent
// `intents/<name>.json` (responses) and `intents/<name>_usersays_<lang>.json` (training
// phrases, each a list of `data` parts whose texts are concatenated; a part with `meta`
// ("@sys.date", "@order_ref") is an annotated entity).

const USERSAYS = /^(.*)_usersays_([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\.json$/;

/**
 * Reads a Dialogflow ES agent ZIP: intents with their training phrases per language, and their
 * text responses as fixed answers. Fallback intents are skipped. Never throws.
 *
 * @example
 * const result = parseDialogflowAgent(new Uint8Array(readFileSync('agent.zip')));
 * if (result.ok) result.intents[0] // { id: 'order_status', label: 'Order Status', phrases: { fr: [...] }, answer: { fr: '…' } }
 */
export function parseDialogflowAgent(zip: Uint8Array): IntentImport {
  const archive = readZip(zip);
  if (!archive.ok) return { ok: false, error: archive.error };
  // Exports put everything at the root or under one folder: find `intents/` wherever it is.
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of archive.files) {
    const at = name.lastIndexOf('intents/');
    if (at >= 0 && !name.slice(at + 'intents/'.length).includes('/')) files.set(name.slice(at + 'intents/'.length), data);
  }
  if (files.size === 0) return { ok: false, error: 'not a Dialogflow agent export: no intents/ folder' };
  const intents = new Map<string, ImportedIntent>();
  const entities = new Set<string>();
  const skipped: ImportSkip[] = [];
  const fallback = new Set<string>();
  const decoder = new TextDecoder();
  const json = (name: string, data: Uint8Array): unknown => {
    try {
      return JSON.parse(decoder.decode(data).replace(/^\uFEFF/, ''));
    } catch {
      skipped.push({ item: `intents/${name}`, reason: 'not valid JSON' });
      return undefined;
    }
  };
  const intentOf = (name: string): ImportedIntent => {
    const id = idOf(name);
    const found = intents.get(id);
    if (found) return found;
    const created: ImportedIntent = { id, phrases: {}, ...(id !== name ? { label: name } : {}) };
    intents.set(id, created);
    return created;
  };

  // Intent files first: they say which intents are fallbacks and carry the answers.
  for (const [file, data] of files) {
    if (USERSAYS.test(file) || !file.endsWith('.json')) continue;
    const value = json(file, data);
    if (!isRecord(value)) continue;
    const name = typeof value.name === 'string' && value.name.trim() ? value.name.trim() : file.slice(0, -'.json'.length);
    if (value.fallbackIntent === true) {
      fallback.add(name);
      skipped.push({ item: name, reason: 'fallback intent (the bot has its own fallback policy)' });
      continue;
    }
    const answer = answerOf(value.responses);
    const intent = intentOf(name);
    if (Object.keys(answer).length > 0) intent.answer = answer;
  }
  for (const [file, data] of files) {
    const match = USERSAYS.exec(file);
    if (!match) continue;
    const name = match[1] as string;
    const lang = (match[2] as string).toLowerCase().split('-')[0] as string;
    if (fallback.has(name)) continue;
    const value = json(file, data);
    if (!Array.isArray(value)) continue;
    const intent = intentOf(name);
    for (const example of value) {
      if (!isRecord(example) || !Array.isArray(example.data)) continue;
      const text = example.data
        .map((part: unknown) => {
          if (!isRecord(part) || typeof part.text !== 'string') return '';
          if (typeof part.meta === 'string' && part.meta.startsWith('@')) entities.add(part.meta.slice(1, 65));
          return part.text;
        })
        .join('');
      pushPhrase(intent, lang, text, skipped);
    }
  }
  const out: ImportedIntent[] = [];
  for (const intent of intents.values()) {
    if (Object.keys(intent.phrases).length === 0 && !intent.answer) skipped.push({ item: intent.label ?? intent.id, reason: 'no training phrase' });
    else if (Object.keys(intent.phrases).length === 0)
      skipped.push({ item: intent.label ?? intent.id, reason: 'no training phrase (its answer is not imported)' });
    else out.push(intent);
  }
  return { ok: true, intents: out, entities: [...entities].sort(), skipped };
}

/** "Order Status" → "order_status": ids stay short, lower-case and free of spaces. */
function idOf(name: string): string {
  const id = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, IMPORT_LIMITS.idLength);
  return id || 'intent';
}

/** The first text response per language (`speech`: a string or a list of variants). */
function answerOf(responses: unknown): Record<string, string> {
  const answer: Record<string, string> = {};
  if (!Array.isArray(responses)) return answer;
  for (const response of responses) {
    if (!isRecord(response) || !Array.isArray(response.messages)) continue;
    for (const message of response.messages) {
      if (!isRecord(message) || String(message.type ?? '0') !== '0') continue;
      const lang = typeof message.lang === 'string' ? message.lang.toLowerCase().split('-')[0] : undefined;
      const speech = Array.isArray(message.speech) ? message.speech.find((s: unknown) => typeof s === 'string' && s.trim()) : message.speech;
      if (!lang || typeof speech !== 'string' || !speech.trim() || answer[lang]) continue;
      answer[lang] = speech.trim().slice(0, IMPORT_LIMITS.answerLength);
    }
  }
  return answer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
