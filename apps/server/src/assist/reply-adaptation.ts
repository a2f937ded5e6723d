import { markdownToPlain } from '@parley/kb';
import type { AssistPersona } from '@parley/domain';

/** The persona used when a workspace has not set one: formal French, greet by first name. */
export const DEFAULT_PERSONA: AssistPersona = { tone: 'vous', greetByFirstName: true };

/** Short channels: the article's variant key and the length a reply should fit (two SMS segments, ~20 s of speech). */
const SHORT_CHANNELS = { sms: 320, voice: 300 } as const;
export type ShortChannel = keyof typeof SHORT_CHANNELS;

/**
 * The knowledge-base variant key of a channel type (`twilio_sms` → `sms`), or null for a channel
 * that takes the full answer.
 *
 * @example
 * variantKey('twilio_sms') // 'sms'
 */
export function variantKey(channelType: string | null): ShortChannel | null {
  if (!channelType) return null;
  if (/(^|_)sms($|_)/.test(channelType)) return 'sms';
  if (/(^|_)voice($|_)/.test(channelType)) return 'voice';
  return null;
}

/**
 * Cuts text to at most `max` characters at the last sentence end that fits (else the last word,
 * with an ellipsis), so a short channel never gets half a sentence.
 *
 * @example
 * trimAtSentence('Un. Deux trois. Quatre.', 16) // 'Un. Deux trois.'
 */
export function trimAtSentence(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max + 1);
  let cut = -1;
  for (const m of head.matchAll(/[.!?…](?=\s|$)/g)) if (m.index + 1 <= max) cut = m.index + 1;
  if (cut > 0) return clean.slice(0, cut);
  const space = clean.lastIndexOf(' ', max - 1);
  return `${clean.slice(0, space > 0 ? space : max - 1).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * The first name to greet from a customer's display name, or null when it does not look like a
 * name (an e-mail address, a phone number, "Visitor 42").
 *
 * @example
 * firstName('camille durand') // 'Camille'
 */
export function firstName(displayName: string | null | undefined): string | null {
  const first = displayName?.trim().split(/\s+/)[0] ?? '';
  if (!/^\p{L}[\p{L}'’-]{1,30}$/u.test(first)) return null;
  if (/^(visiteur|visitor|client|customer|guest|invité)$/i.test(first)) return null;
  return first.charAt(0).toLocaleUpperCase() + first.slice(1);
}

const GREETING = /^(bonjour|bonsoir|salut|hello|hi|hey|good (?:morning|afternoon|evening)|dear)\b/i;

/**
 * Applies the persona to a reply: when the agent has not written yet, a greeting with the
 * customer's first name in the conversation's language and register ("Bonjour Camille, …",
 * "Salut Camille, …" with `tu`, "Hello Camille, …"). A reply that already greets gets the name
 * after its greeting. The knowledge-base text itself is not rewritten: `tu` only changes the greeting.
 *
 * @example
 * applyPersona('Les lampes partent sous 24 h.', { persona: DEFAULT_PERSONA, language: 'fr', firstName: 'Camille', greet: true }) // 'Bonjour Camille, les lampes partent sous 24 h.'
 */
export function applyPersona(text: string, input: { persona: AssistPersona; language: string | null; firstName: string | null; greet: boolean }): string {
  const { persona, firstName: name } = input;
  if (!input.greet || !persona.greetByFirstName || !name) return text;
  const greeted = GREETING.exec(text);
  if (greeted) {
    const rest = text.slice(greeted[0].length);
    // "Bonjour ! …" / "Hello, …" take the name; "Bonjour et merci…" would read oddly with it.
    return /^\s*[,!.]/.test(rest) ? `${greeted[0]} ${name}${rest}` : text;
  }
  const english = input.language === 'en';
  const hello = english ? (persona.tone === 'tu' ? 'Hi' : 'Hello') : persona.tone === 'tu' ? 'Salut' : 'Bonjour';
  // After "Bonjour Camille," the sentence goes on: lower-case its first word, but never an acronym ("CB, Visa…").
  const first = /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLocaleLowerCase() + text.slice(1) : text;
  return `${hello} ${name}, ${first}`;
}

/**
 * The text to insert for a suggestion on a channel: the article's short variant for SMS/voice
 * when it has one, else its text as plain text trimmed to the channel's length at a sentence
 * boundary (`channelText`); then the persona (`adaptedText`).
 *
 * @example
 * adaptReply({ text: '…', variants: { sms: 'Livraison en 2 à 4 jours.' } }, { channelType: 'twilio_sms', maxTextLength: 1600, persona, language: 'fr', firstName: 'Camille', greet: true })
 */
export function adaptReply(
  suggestion: { text: string; variants: Readonly<Record<string, string>> },
  input: {
    channelType: string | null;
    maxTextLength: number | null;
    persona: AssistPersona;
    language: string | null;
    firstName: string | null;
    greet: boolean;
  },
): { channelText: string; adaptedText: string; variant: ShortChannel | null; trimmed: boolean; greeting: boolean } {
  const key = variantKey(input.channelType);
  const variant = key ? suggestion.variants[key] : undefined;
  let base = variant ?? suggestion.text;
  let trimmed = false;
  // Room for the greeting the persona may add, so the final text still fits.
  const greeting = input.greet && input.persona.greetByFirstName && input.firstName ? input.firstName.length + 10 : 0;
  const limit = Math.min(input.maxTextLength ?? Infinity, key ? SHORT_CHANNELS[key] : Infinity) - greeting;
  if (!variant && key) base = markdownToPlain(base);
  if (base.length > limit) {
    base = trimAtSentence(base, limit);
    trimmed = true;
  }
  const adaptedText = applyPersona(base, { persona: input.persona, language: input.language, firstName: input.firstName, greet: input.greet });
  return { channelText: base, adaptedText, variant: variant ? key : null, trimmed, greeting: adaptedText !== base };
}
