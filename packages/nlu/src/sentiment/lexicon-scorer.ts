import { cleanText, foldAccents } from '../text/normalize.js';
import { EMOJI_ANGER, EMOJI_POLARITY, getSentimentLexicon, type Emotion, type SentimentLexicon } from './sentiment-lexicon.js';

/** A lexicon entry that fired, for explanations. */
export interface SentimentCue {
  readonly text: string;
  /** Signed contribution after negation and intensifiers. */
  readonly weight: number;
  readonly source: 'polarity' | Emotion;
}

/** Raw lexicon evidence of a message. */
export interface LexiconScore {
  /** Sum of positive and of negative contributions. */
  readonly positive: number;
  readonly negative: number;
  /** Polarity in [-1, 1]. */
  readonly score: number;
  readonly emotions: Record<Emotion, number>;
  readonly cues: SentimentCue[];
  readonly negations: number;
}

interface Compiled {
  readonly lex: SentimentLexicon;
  readonly exact: Map<string, Array<{ words: string[]; source: 'polarity' | Emotion; weight: number; key: string }>>;
  readonly prefix: Map<string, Array<{ source: 'polarity' | Emotion; weight: number; key: string }>>;
  readonly negators: Set<string>;
  readonly intensifiers: Map<string, number>;
  readonly contrast: Set<string>;
}

const compiled = new Map<string, Compiled>();

function compile(language: string): Compiled {
  const key = language === 'fr' ? 'fr' : 'en';
  const existing = compiled.get(key);
  if (existing) return existing;
  const lex = getSentimentLexicon(key);
  const exact: Compiled['exact'] = new Map();
  const prefix: Compiled['prefix'] = new Map();
  const add = (entry: string, weight: number, source: 'polarity' | Emotion): void => {
    const words = entry.split(' ');
    const first = words[0] as string;
    if (words.length === 1 && first.endsWith('*')) {
      const p = first.slice(0, -1);
      prefix.set(p, [...(prefix.get(p) ?? []), { source, weight, key: entry }]);
    } else {
      const w = words.map((x) => x.replace(/\*$/, ''));
      const head = w[0] as string;
      exact.set(head, [...(exact.get(head) ?? []), { words: w, source, weight, key: entry }]);
    }
  };
  for (const [entry, w] of Object.entries(lex.polarity)) add(entry, w, 'polarity');
  for (const [emotion, table] of Object.entries(lex.emotions) as Array<[Emotion, Record<string, number>]>) {
    for (const [entry, w] of Object.entries(table)) add(entry, w, emotion);
  }
  for (const list of exact.values()) list.sort((a, b) => b.words.length - a.words.length);
  const c: Compiled = {
    lex,
    exact,
    prefix,
    negators: new Set(lex.negators),
    intensifiers: new Map(Object.entries(lex.intensifiers)),
    contrast: new Set(lex.contrast),
  };
  compiled.set(key, c);
  return c;
}

/**
 * Tokenises for the lexicon: accent-folded, lower-case, apostrophes removed ("don't" → "dont",
 * "n'importe" → "n importe"), emoji and emoticons kept as tokens.
 *
 * @example
 * sentimentTokens("C'est NUL 😡", 'fr') // ['c', 'est', 'nul', '😡']
 */
export function sentimentTokens(text: string, language: string): string[] {
  const lower = foldAccents(cleanText(text).toLowerCase()).replace(/[’‘`´]/g, "'");
  const joined = language === 'fr' ? lower.replace(/'/g, ' ') : lower.replace(/n't\b/g, 'nt').replace(/'/g, '');
  return joined.match(/[a-z0-9]+|\p{Extended_Pictographic}\ufe0f?|:-?\)|:-?\(|:'\(|;-?\)|:d\b|<3/gu) ?? [];
}

/** Marks the end of a clause in the token stream: negation and intensifiers stop there. */
const CLAUSE_END = '|';

/**
 * {@link sentimentTokens} with a {@link CLAUSE_END} token where a clause ends (`.`, `,`, `;`, `:`,
 * `!`, `?` or `…` followed by a space or the end), so that "Toujours rien ! C'est scandaleux"
 * does not read "rien" as negating "scandaleux". Emoticons (":)", ";-(") and "2,5" are not ends.
 */
function clauseTokens(text: string, language: string): string[] {
  return text
    .split(/[.,;:!?…]+(?=\s|$)/)
    .flatMap((clause, k) => (k === 0 ? sentimentTokens(clause, language) : [CLAUSE_END, ...sentimentTokens(clause, language)]));
}

function prefixHits(c: Compiled, token: string): Array<{ source: 'polarity' | Emotion; weight: number; key: string }> {
  for (let len = token.length; len >= 3; len--) {
    const hits = c.prefix.get(token.slice(0, len));
    if (hits) return hits;
  }
  return [];
}

/**
 * Scores a message with the shipped lexicon and rules: negation (next 3 words of the clause), intensifiers and
 * diminishers, contrast ("but" makes the clause after it count more), emoji, repeated "!"/"?" and shouting.
 *
 * @example
 * scoreWithLexicon('Pas du tout satisfait, service nul !!', 'fr').score < 0 // true
 */
export function scoreWithLexicon(text: string, language: string): LexiconScore {
  const c = compile(language);
  const raw = cleanText(typeof text === 'string' ? text : '').slice(0, 5000);
  const tokens = clauseTokens(raw, language);
  const emotions: Record<Emotion, number> = { anger: 0, satisfaction: 0, urgency: 0, confusion: 0 };
  const cues: SentimentCue[] = [];
  let positive = 0;
  let negative = 0;
  let negations = 0;
  let negatedUntil = -1;
  let boost = 1;
  let clauseWeight = 1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === CLAUSE_END) {
      negatedUntil = -1;
      boost = 1;
      continue;
    }
    if (c.contrast.has(t)) {
      // What came before "but" counts less than what follows.
      positive *= 0.5;
      negative *= 0.5;
      clauseWeight = 1.3;
      continue;
    }
    const emoji = EMOJI_POLARITY[t] ?? EMOJI_POLARITY[t.replace(/\ufe0f$/, '')];
    if (emoji !== undefined) {
      if (emoji > 0) positive += emoji;
      else negative -= emoji;
      cues.push({ text: t, weight: emoji, source: 'polarity' });
      const anger = EMOJI_ANGER[t.replace(/\ufe0f$/, '')];
      if (anger !== undefined) {
        emotions.anger += anger;
        cues.push({ text: t, weight: anger, source: 'anger' });
      }
      continue;
    }
    let matched = false;
    const candidates = [...(c.exact.get(t) ?? [])];
    let consumed = 1;
    for (const entry of candidates) {
      if (entry.words.length > 1 && !entry.words.every((w, k) => tokens[i + k] === w)) continue;
      if (entry.words.length > consumed) consumed = entry.words.length;
    }
    const phrase = candidates.filter((e) => e.words.length === consumed && e.words.every((w, k) => tokens[i + k] === w));
    const hits = phrase.length > 0 ? phrase : prefixHits(c, t);
    if (hits.length > 0) {
      // A phrase that contains its own negator ("pas mal", "still not") is not negated again.
      const selfNegated = phrase.length > 0 && phrase.some((e) => e.words.some((w) => c.negators.has(w)));
      const negated = i <= negatedUntil && !selfNegated;
      for (const hit of hits) {
        const w = hit.weight * boost * clauseWeight;
        if (hit.source === 'polarity') {
          const signed = negated ? -0.6 * w : w;
          if (signed > 0) positive += signed;
          else negative -= signed;
          cues.push({ text: tokens.slice(i, i + consumed).join(' '), weight: Math.round(signed * 100) / 100, source: 'polarity' });
        } else if (!negated) {
          emotions[hit.source] += w;
          cues.push({ text: tokens.slice(i, i + consumed).join(' '), weight: Math.round(w * 100) / 100, source: hit.source });
        } else if (hit.source === 'satisfaction') {
          // "pas satisfait" / "not happy" is frustration.
          emotions.anger += 0.6 * w;
        }
      }
      matched = true;
      boost = 1;
      i += consumed - 1;
    }
    if (matched) continue;
    const two = `${t} ${tokens[i + 1] ?? ''}`;
    const intensity = c.intensifiers.get(two) ?? c.intensifiers.get(t);
    if (intensity !== undefined) {
      boost = intensity;
      if (c.intensifiers.has(two)) i++;
      continue;
    }
    if (c.negators.has(t)) {
      negations++;
      negatedUntil = i + 3;
      continue;
    }
  }
  const exclaims = (raw.match(/!/g) ?? []).length;
  const questions = (raw.match(/\?/g) ?? []).length;
  const shouted = (raw.match(/\b[A-ZÀ-Ý]{3,}\b/g) ?? []).length;
  const emphasis = 1 + Math.min(0.4, 0.1 * Math.max(0, exclaims - 1) + 0.1 * Math.min(shouted, 2));
  positive *= emphasis;
  negative *= emphasis;
  if (negative > positive) emotions.anger += 0.4 * Math.min(3, Math.max(0, exclaims - 1)) + 0.5 * Math.min(2, shouted);
  if (questions >= 2) emotions.confusion += 0.8;
  const s = positive - negative;
  const score = s / Math.sqrt(s * s + 6);
  const squash = (v: number): number => Math.round((1 - Math.exp(-v / 2)) * 1000) / 1000;
  return {
    positive,
    negative,
    score,
    emotions: {
      anger: squash(emotions.anger),
      satisfaction: squash(emotions.satisfaction),
      urgency: squash(emotions.urgency),
      confusion: squash(emotions.confusion),
    },
    cues,
    negations,
  };
}

/** Emotion names in a fixed order. */
export const EMOTIONS: readonly Emotion[] = ['anger', 'satisfaction', 'urgency', 'confusion'];
