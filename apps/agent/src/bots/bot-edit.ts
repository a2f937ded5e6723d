// Pure edits of a bot definition (the parley-bot/1 JSON, see packages/bots definition schema):
// the builder works on the plain JSON object and the server validates on save, so every helper
// returns a new object and leaves unknown fields untouched.

export type Definition = Record<string, unknown>;
export type Localized = Record<string, string>;

export interface IntentView {
  id: string;
  label: Localized;
  phrases: Record<string, string[]>;
  /** The fixed answer of the intent (`answers[]`), when it has one. */
  answer: Localized | null;
}

export interface StepView {
  id: string;
  type: string;
  /** Which localized field the builder edits: message variants[0], question/choice prompt, handoff/end message. */
  editable: { field: 'variants' | 'prompt' | 'message'; text: Localized } | null;
  /** A one-line summary for the steps without editable text (condition, set, http…). */
  summary: string;
}

export interface ScenarioView {
  id: string;
  intent: string;
  steps: StepView[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const localized = (v: unknown): Localized => (isRecord(v) ? (Object.fromEntries(Object.entries(v).filter(([, t]) => typeof t === 'string')) as Localized) : {});

/** The languages of the definition (default `fr`, `en`), default language first. */
export function languagesOf(definition: Definition): string[] {
  const langs = Array.isArray(definition.languages) ? definition.languages.filter((l): l is string => typeof l === 'string') : ['fr', 'en'];
  const def = typeof definition.defaultLanguage === 'string' ? definition.defaultLanguage : (langs[0] ?? 'fr');
  return [def, ...langs.filter((l) => l !== def)];
}

/** The intents with their phrases and fixed answer. */
export function intentsOf(definition: Definition): IntentView[] {
  const answers = arrayOf(definition.answers);
  return arrayOf(definition.intents).map((intent) => {
    const id = String(intent.id ?? '');
    const phrases: Record<string, string[]> = {};
    if (isRecord(intent.phrases)) for (const [lang, list] of Object.entries(intent.phrases)) phrases[lang] = Array.isArray(list) ? list.map(String) : [];
    const answer = answers.find((a) => a.intent === id);
    return { id, label: localized(intent.label), phrases, answer: answer ? localized(answer.text) : null };
  });
}

function mapIntent(definition: Definition, intentId: string, change: (intent: Record<string, unknown>) => Record<string, unknown>): Definition {
  const intents = Array.isArray(definition.intents) ? definition.intents : [];
  return { ...definition, intents: intents.map((i: unknown) => (isRecord(i) && i.id === intentId ? change(i) : i)) };
}

/**
 * Adds a training phrase to an intent in a language (trimmed; ignored when empty or already there).
 *
 * @example
 * addPhrase(def, 'track_order', 'fr', 'où est passé mon colis')
 */
export function addPhrase(definition: Definition, intentId: string, lang: string, phrase: string): Definition {
  const text = phrase.trim();
  if (!text) return definition;
  return mapIntent(definition, intentId, (intent) => {
    const phrases = isRecord(intent.phrases) ? intent.phrases : {};
    const list = Array.isArray(phrases[lang]) ? (phrases[lang] as unknown[]) : [];
    if (list.includes(text)) return intent;
    return { ...intent, phrases: { ...phrases, [lang]: [...list, text] } };
  });
}

/** Removes the phrase at `index` in a language of an intent. */
export function removePhrase(definition: Definition, intentId: string, lang: string, index: number): Definition {
  return mapIntent(definition, intentId, (intent) => {
    const phrases = isRecord(intent.phrases) ? intent.phrases : {};
    const list = Array.isArray(phrases[lang]) ? (phrases[lang] as unknown[]) : [];
    return { ...intent, phrases: { ...phrases, [lang]: list.filter((_, i) => i !== index) } };
  });
}

/**
 * An intent id from a name: lowercase ASCII, words joined by "_" ("Retour produit" → "retour_produit").
 *
 * @example
 * intentIdFrom('Échange de taille') // 'echange_de_taille'
 */
export function intentIdFrom(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}

/** Adds an intent named `name` (label in the default language, no phrase yet); unchanged when the id exists or is empty. */
export function addIntent(definition: Definition, name: string): Definition {
  const id = intentIdFrom(name);
  const intents = Array.isArray(definition.intents) ? definition.intents : [];
  if (!id || intents.some((i: unknown) => isRecord(i) && i.id === id)) return definition;
  const [lang] = languagesOf(definition);
  return { ...definition, intents: [...intents, { id, label: { [lang as string]: name.trim() }, phrases: {} }] };
}

/** Sets the fixed answer text of an intent in a language (only for intents that have an answer). */
export function setAnswerText(definition: Definition, intentId: string, lang: string, text: string): Definition {
  const answers = Array.isArray(definition.answers) ? definition.answers : [];
  return {
    ...definition,
    answers: answers.map((a: unknown) => (isRecord(a) && a.intent === intentId ? { ...a, text: { ...(isRecord(a.text) ? a.text : {}), [lang]: text } } : a)),
  };
}

function stepSummary(step: Record<string, unknown>): string {
  switch (step.type) {
    case 'condition':
      return `${String(step.attribute)}${step.equals !== undefined ? ` = ${String(step.equals)}` : ''} → ${String(step.then)} / ${String(step.else)}`;
    case 'set':
      return `${String(step.attribute)} = ${String(step.value)}`;
    case 'http':
      return `${String(step.method ?? 'GET')} ${String(step.url)}`;
    case 'handoff':
      return String(step.reason ?? '');
    case 'otp': {
      // Defaults as the bot schema fills them.
      const via = Array.isArray(step.via) ? step.via.map(String) : ['sms', 'email'];
      return `${via.join(' / ')} · ${String(step.digits ?? 6)} · ×${String(step.maxAttempts ?? 3)}${step.onFail ? ` → ${String(step.onFail)}` : ''}`;
    }
    case 'end':
      return step.csat === true ? 'CSAT' : '';
    default:
      return '';
  }
}

/**
 * The share of satisfied answers ("good") among the bot's satisfaction answers, or null before any.
 *
 * @example
 * satisfiedRate({ responses: 4, good: 3, neutral: 1, bad: 0 }) // 0.75
 */
export function satisfiedRate(counts: { responses: number; good: number }): number | null {
  return counts.responses > 0 ? counts.good / counts.responses : null;
}

/**
 * Checks a bot secret's name as the API does (a letter, then letters, digits or `_`).
 *
 * @example
 * isSecretName('BACKOFFICE_TOKEN') // true
 */
export function isSecretName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name);
}

/** The scenarios and their steps in order, with the text the builder can edit. */
export function scenariosOf(definition: Definition): ScenarioView[] {
  return arrayOf(definition.scenarios).map((scenario) => ({
    id: String(scenario.id ?? ''),
    intent: String(scenario.intent ?? ''),
    steps: arrayOf(scenario.steps).map((step) => {
      let editable: StepView['editable'] = null;
      if (step.type === 'message') editable = { field: 'variants', text: localized(arrayOf(step.variants)[0]) };
      else if (step.type === 'question' || step.type === 'choice') editable = { field: 'prompt', text: localized(step.prompt) };
      else if ((step.type === 'handoff' || step.type === 'end') && isRecord(step.message)) editable = { field: 'message', text: localized(step.message) };
      return { id: String(step.id ?? ''), type: String(step.type ?? ''), editable, summary: stepSummary(step) };
    }),
  }));
}

/** Sets the main text of a step in a language (message: first variant; question/choice: prompt; handoff/end: message). */
export function setStepText(definition: Definition, scenarioId: string, stepId: string, lang: string, text: string): Definition {
  const scenarios = Array.isArray(definition.scenarios) ? definition.scenarios : [];
  return {
    ...definition,
    scenarios: scenarios.map((scenario: unknown) => {
      if (!isRecord(scenario) || scenario.id !== scenarioId || !Array.isArray(scenario.steps)) return scenario;
      return {
        ...scenario,
        steps: scenario.steps.map((step: unknown) => {
          if (!isRecord(step) || step.id !== stepId) return step;
          if (step.type === 'message') {
            const variants = Array.isArray(step.variants) ? step.variants : [];
            const first = isRecord(variants[0]) ? variants[0] : {};
            return { ...step, variants: [{ ...first, [lang]: text }, ...variants.slice(1)] };
          }
          if (step.type === 'question' || step.type === 'choice') return { ...step, prompt: { ...(isRecord(step.prompt) ? step.prompt : {}), [lang]: text } };
          if (step.type === 'handoff' || step.type === 'end') return { ...step, message: { ...(isRecord(step.message) ? step.message : {}), [lang]: text } };
          return step;
        }),
      };
    }),
  };
}

/**
 * The readable issues of a failed save: the bots package's `details.issues` ("path: message")
 * or the request schema's `details[]` ({ path, message }).
 *
 * @example
 * issuesOf({ issues: ['persona: Invalid input'] }) // ['persona: Invalid input']
 */
export function issuesOf(details: unknown): string[] {
  if (isRecord(details) && Array.isArray(details.issues)) return details.issues.map(String);
  if (Array.isArray(details)) return details.map((d) => (isRecord(d) ? `${String(d.path ?? '')}: ${String(d.message ?? '')}` : String(d)));
  return [];
}

/** Parses the Advanced (JSON) text: the object, or the parse error. */
export function parseDefinitionText(text: string): { ok: true; definition: Definition } | { ok: false; error: string } {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? { ok: true, definition: value } : { ok: false, error: 'not a JSON object' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
