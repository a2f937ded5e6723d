import { detectLanguage } from '@parley/nlu';

/** Below this many words (or letters) a detection is a guess ("ok" reads as Dutch): the locale decides. */
const SHORT_TEXT_WORDS = 3;
const SHORT_TEXT_LETTERS = 8;
/** Below this confidence a longer text's detection is not trusted either. */
const MIN_CONFIDENCE = 0.6;

/** `fr-FR` → `fr`; null for an empty locale. */
function primaryLanguage(locale: string | null | undefined): string | null {
  const primary = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return primary ? primary : null;
}

/**
 * The language of a customer's question, chosen among the languages the workspace's knowledge
 * base has (`candidates`). A short text ("ok", "merci", "help") or an unsure detection falls back
 * to the first of `fallbacks` (the customer's locale, then the workspace's) that the knowledge base
 * has; never to a language without content. Null when nothing fits (the engine then searches all).
 *
 * @example
 * questionLanguage('ok', { candidates: ['fr', 'en'], fallbacks: ['fr-FR', 'fr'] }) // 'fr'
 * questionLanguage('How do I return an item?', { candidates: ['fr', 'en'], fallbacks: ['fr'] }) // 'en'
 */
export function questionLanguage(text: string, input: { candidates: readonly string[]; fallbacks: ReadonlyArray<string | null | undefined> }): string | null {
  const candidates = [...new Set(input.candidates.map((c) => primaryLanguage(c)).filter((c): c is string => c !== null))];
  const usable = (language: string | null): boolean => language !== null && (candidates.length === 0 || candidates.includes(language));
  const fallback = input.fallbacks.map((f) => primaryLanguage(f)).find((f) => usable(f)) ?? null;
  const trimmed = text.trim();
  if (!trimmed) return fallback;
  if (candidates.length === 1) return candidates[0] ?? null;
  const detected = detectLanguage(trimmed, { candidates });
  const words = (trimmed.match(/\p{L}+/gu) ?? []).length;
  const letters = (trimmed.match(/\p{L}/gu) ?? []).length;
  const sure = detected.language !== 'und' && usable(detected.language) && detected.confidence >= MIN_CONFIDENCE;
  if ((words < SHORT_TEXT_WORDS || letters < SHORT_TEXT_LETTERS) && fallback) return fallback;
  return sure ? detected.language : fallback;
}
