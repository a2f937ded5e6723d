import type { SentimentAnalysis } from './analyze-sentiment.js';
import type { Emotion } from './sentiment-lexicon.js';

/** Trend of a conversation's sentiment. */
export interface SentimentTrend {
  readonly direction: 'improving' | 'worsening' | 'stable';
  /** Least-squares slope of the score per message. */
  readonly slope: number;
  readonly average: number;
  /** Exponentially weighted score, recent messages weighing most. */
  readonly current: number;
  /** Peak intensity of each emotion over the last three messages. */
  readonly recentEmotions: Record<Emotion, number>;
  readonly messages: number;
}

/**
 * Summarises per-message analyses of one side of a conversation (usually the customer's) into a trend.
 *
 * @example
 * sentimentTrend(['nul', 'toujours rien', 'ah merci, ça marche'].map((t) => analyzeSentiment(t, { language: 'fr' }))).direction
 * // 'improving'
 */
export function sentimentTrend(analyses: readonly Pick<SentimentAnalysis, 'score' | 'emotions'>[]): SentimentTrend {
  const n = analyses.length;
  const recentEmotions: Record<Emotion, number> = { anger: 0, satisfaction: 0, urgency: 0, confusion: 0 };
  if (n === 0) return { direction: 'stable', slope: 0, average: 0, current: 0, recentEmotions, messages: 0 };
  const scores = analyses.map((a) => a.score);
  const average = scores.reduce((a, b) => a + b, 0) / n;
  const meanX = (n - 1) / 2;
  let num = 0;
  let den = 0;
  scores.forEach((s, i) => {
    num += (i - meanX) * (s - average);
    den += (i - meanX) ** 2;
  });
  const slope = den === 0 ? 0 : num / den;
  let current = scores[0] as number;
  for (const s of scores.slice(1)) current = 0.5 * current + 0.5 * s;
  for (const a of analyses.slice(-3)) for (const e of Object.keys(recentEmotions) as Emotion[]) recentEmotions[e] = Math.max(recentEmotions[e], a.emotions[e]);
  const last = scores[n - 1] as number;
  const first = scores[0] as number;
  const change = n >= 2 ? last - first : 0;
  const direction = n < 2 || Math.abs(slope) < 0.05 ? 'stable' : slope > 0 && change > 0 ? 'improving' : slope < 0 && change < 0 ? 'worsening' : 'stable';
  const r = (v: number): number => Math.round(v * 1000) / 1000;
  return { direction, slope: r(slope), average: r(average), current: r(current), recentEmotions, messages: n };
}
