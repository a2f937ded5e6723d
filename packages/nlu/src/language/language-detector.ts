import { cleanText } from '../text/normalize.js';
import { LANGUAGE_VOCABULARY } from './language-vocabulary.js';

/** Result of {@link detectLanguage}. */
export interface LanguageDetection {
  /** ISO 639-1 code, or "und" when the text carries no language evidence (empty, emoji, digits). */
  readonly language: string;
  readonly confidence: number;
  readonly ranking: Array<{ language: string; confidence: number }>;
}

interface Profile {
  readonly logProb: Map<string, number>;
  readonly unseen: number;
  readonly words: Set<string>;
}

const NGRAM_MAX = 3;
// A known frequent word is stronger evidence than its n-grams: short messages are mostly such words.
const WORD_BONUS = 2.5;
// Letters that exist in only a few of the supported languages.
const DISTINCTIVE: Record<string, string> = {
  ß: 'de',
  ñ: 'es',
  ã: 'pt',
  õ: 'pt',
  ç: 'fr pt',
  ë: 'nl fr',
  ä: 'de',
  ö: 'de',
  ü: 'de',
  è: 'fr it',
  ì: 'it',
  ò: 'it',
  ù: 'fr it',
  œ: 'fr',
  ê: 'fr pt',
  â: 'fr pt',
  î: 'fr',
  ô: 'fr pt',
  û: 'fr',
  ï: 'fr nl',
  á: 'es pt',
  í: 'es pt',
  ó: 'es pt',
  ú: 'es pt',
  '¿': 'es',
  '¡': 'es',
  ij: 'nl',
};

function ngrams(word: string, out: (g: string) => void): void {
  const padded = ` ${word} `;
  for (let n = 1; n <= NGRAM_MAX; n++)
    for (let i = 0; i + n <= padded.length; i++) {
      const g = padded.slice(i, i + n);
      if (g !== ' ') out(g);
    }
}

function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      .match(/[\p{L}']+/gu)
      ?.map((w) => w.replace(/^'+|'+$/g, ''))
      .filter((w) => w.length > 0) ?? []
  );
}

let profiles: Map<string, Profile> | null = null;

function buildProfiles(): Map<string, Profile> {
  const out = new Map<string, Profile>();
  for (const [lang, vocab] of Object.entries(LANGUAGE_VOCABULARY)) {
    const counts = new Map<string, number>();
    let total = 0;
    const words = new Set(wordsOf(vocab));
    for (const w of words)
      for (const part of w.split("'"))
        ngrams(part, (g) => {
          counts.set(g, (counts.get(g) ?? 0) + 1);
          total++;
        });
    const k = 0.1;
    const vocabSize = counts.size + 500;
    const logProb = new Map<string, number>();
    for (const [g, c] of counts) logProb.set(g, Math.log((c + k) / (total + k * vocabSize)));
    out.set(lang, { logProb, unseen: Math.log(k / (total + k * vocabSize)), words });
  }
  return out;
}

/**
 * Languages the detector knows (ISO 639-1 codes), the default candidates of `detectLanguage`.
 *
 * @example
 * supportedLanguages().includes('fr'); // true
 */
export function supportedLanguages(): string[] {
  return Object.keys(LANGUAGE_VOCABULARY);
}

/**
 * Identifies the language of a short message among French, English, Spanish, German, Italian,
 * Portuguese and Dutch with character 1–3-gram profiles plus frequent-word and special-letter evidence.
 * Pass `candidates` to restrict the answer (e.g. to the languages a bot supports).
 *
 * @example
 * detectLanguage('Bonjour, ma commande est en retard').language // 'fr'
 * detectLanguage('🙂').language // 'und'
 */
export function detectLanguage(text: string, options: { candidates?: readonly string[] } = {}): LanguageDetection {
  profiles ??= buildProfiles();
  const words = wordsOf(cleanText(typeof text === 'string' ? text : '').slice(0, 2000));
  const langs = (options.candidates?.length ? options.candidates : supportedLanguages()).filter((l) => profiles?.has(l));
  if (words.length === 0 || langs.length === 0) return { language: 'und', confidence: 0, ranking: [] };
  const scores = new Map<string, number>(langs.map((l) => [l, 0]));
  let grams = 0;
  for (const w of words) {
    for (const lang of langs) {
      const p = profiles.get(lang) as Profile;
      let s = 0;
      for (const part of w.split("'")) ngrams(part, (g) => (s += p.logProb.get(g) ?? p.unseen));
      if (p.words.has(w)) s += WORD_BONUS * Math.max(2, w.length);
      scores.set(lang, (scores.get(lang) ?? 0) + s);
    }
    grams += w.length + 2;
    for (const [letters, owners] of Object.entries(DISTINCTIVE)) {
      if (!w.includes(letters)) continue;
      for (const l of owners.split(' ')) if (scores.has(l)) scores.set(l, (scores.get(l) ?? 0) + 3);
    }
  }
  // Per-n-gram average turns log-likelihood sums into comparable scores; the scale sets the confidence sharpness.
  const scale = 3 / Math.max(1, grams);
  const max = Math.max(...scores.values());
  let sum = 0;
  const exp = new Map<string, number>();
  for (const [l, s] of scores) {
    const e = Math.exp((s - max) * scale);
    exp.set(l, e);
    sum += e;
  }
  const ranking = [...exp].map(([language, e]) => ({ language, confidence: Math.round((e / sum) * 1e4) / 1e4 })).sort((a, b) => b.confidence - a.confidence);
  const top = ranking[0] ?? { language: 'und', confidence: 0 };
  return { language: top.language, confidence: top.confidence, ranking };
}
