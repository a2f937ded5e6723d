import { scoreWithLexicon, type SentimentCue } from './lexicon-scorer.js';
import type { Emotion } from './sentiment-lexicon.js';
import type { SentimentModel } from './sentiment-model.js';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** Sentiment and emotions of one message. */
export interface SentimentAnalysis {
  readonly label: SentimentLabel;
  /** Polarity in [-1, 1] (negative … positive). */
  readonly score: number;
  /** Emotion intensities in [0, 1]. */
  readonly emotions: Record<Emotion, number>;
  /** Lexicon cues that fired, for explanations. */
  readonly cues: SentimentCue[];
  /** "lexicon" for the shipped model, "trained" when a workspace model decided the label. */
  readonly source: 'lexicon' | 'trained';
}

/** Polarity above which a message is positive, below whose negative it is negative. */
export const NEUTRAL_BAND = 0.2;

/**
 * Sentiment (negative/neutral/positive with a score) and emotions (anger/frustration, satisfaction,
 * urgency, confusion) of a message. Out of the box it uses Parley's own lexicon and rules; pass a
 * model from `trainSentimentModel` to use a workspace's labelled messages for the label and score.
 *
 * @example
 * analyzeSentiment("C'est inadmissible, toujours pas de remboursement !", { language: 'fr' })
 * // { label: 'negative', score: -0.8, emotions: { anger: 0.9, satisfaction: 0, urgency: 0, confusion: 0 }, ... }
 */
export function analyzeSentiment(text: string, options: { language: string; model?: SentimentModel }): SentimentAnalysis {
  const lex = scoreWithLexicon(text, options.language);
  if (options.model) {
    const p = options.model.predict(text);
    const pos = p.probabilities['positive'] ?? 0;
    const neg = p.probabilities['negative'] ?? 0;
    const label: SentimentLabel = p.label === 'positive' || p.label === 'negative' || p.label === 'neutral' ? p.label : pos > neg ? 'positive' : 'negative';
    return { label, score: Math.round((pos - neg) * 1000) / 1000, emotions: lex.emotions, cues: lex.cues, source: 'trained' };
  }
  const label: SentimentLabel = lex.score > NEUTRAL_BAND ? 'positive' : lex.score < -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { label, score: Math.round(lex.score * 1000) / 1000, emotions: lex.emotions, cues: lex.cues, source: 'lexicon' };
}
