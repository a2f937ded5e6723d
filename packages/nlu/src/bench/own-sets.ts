import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage } from '../language/language-detector.js';
import { analyzeSentiment } from '../sentiment/analyze-sentiment.js';
import { EMOTIONS } from '../sentiment/lexicon-scorer.js';
import type { Emotion } from '../sentiment/sentiment-lexicon.js';
import { accuracy, macroF1, wilsonInterval, type Interval } from '../eval/metrics.js';

interface CsMessage {
  text: string;
  language: string;
  sentiment: string;
  emotions: Emotion[];
}

/** Per-emotion detection quality at the 0.5 intensity threshold. */
export interface EmotionScore {
  readonly emotion: Emotion;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Figures on Parley's own written test sets. */
export interface OwnSetReport {
  readonly sentiment: Record<string, { n: number; accuracy: number; accuracyCI: Interval; macroF1: number; predicted: string[]; truth: string[] }>;
  readonly emotions: Record<string, EmotionScore[]>;
  readonly languageId: {
    n: number;
    accuracy: number;
    accuracyCI: Interval;
    frEnAccuracy: number;
    frEnN: number;
    errors: Array<{ text: string; expected: string; got: string }>;
  };
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Emotion intensity from which an emotion counts as present. */
export const EMOTION_PRESENT = 0.5;

/**
 * Scores the shipped (lexicon) sentiment, the emotions and language identification on the committed sets.
 *
 * @example
 * evaluateOwnSets('packages/nlu/test-data').languageId.accuracy
 */
export function evaluateOwnSets(dir: string): OwnSetReport {
  const messages = readJsonl<CsMessage>(join(dir, 'cs-messages.jsonl'));
  const sentiment: OwnSetReport['sentiment'] = {};
  const emotions: OwnSetReport['emotions'] = {};
  for (const lang of ['fr', 'en']) {
    const rows = messages.filter((m) => m.language === lang);
    const analyses = rows.map((m) => analyzeSentiment(m.text, { language: lang }));
    const predicted = analyses.map((a) => a.label);
    const truth = rows.map((m) => m.sentiment);
    const ok = predicted.filter((p, i) => p === truth[i]).length;
    sentiment[lang] = {
      n: rows.length,
      accuracy: accuracy(predicted, truth),
      accuracyCI: wilsonInterval(ok, rows.length),
      macroF1: macroF1(predicted, truth),
      predicted,
      truth,
    };
    emotions[lang] = EMOTIONS.map((emotion) => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      rows.forEach((m, i) => {
        const gold = m.emotions.includes(emotion);
        const got = (analyses[i]?.emotions[emotion] ?? 0) >= EMOTION_PRESENT;
        if (gold && got) tp++;
        else if (got) fp++;
        else if (gold) fn++;
      });
      const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
      const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
      return { emotion, support: tp + fn, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
    });
  }
  const lid = [
    ...messages.map((m) => ({ text: m.text, language: m.language })),
    ...readJsonl<{ text: string; language: string }>(join(dir, 'language-id.jsonl')),
  ];
  const got = lid.map((r) => detectLanguage(r.text).language);
  const ok = got.filter((g, i) => g === lid[i]?.language).length;
  const frEn = lid.map((r, i) => ({ r, i })).filter(({ r }) => r.language === 'fr' || r.language === 'en');
  const frEnOk = frEn.filter(({ r }) => detectLanguage(r.text, { candidates: ['fr', 'en'] }).language === r.language).length;
  const errors = lid.map((r, i) => ({ text: r.text, expected: r.language, got: got[i] ?? 'und' })).filter((e) => e.expected !== e.got);
  return {
    sentiment,
    emotions,
    languageId: {
      n: lid.length,
      accuracy: ok / lid.length,
      accuracyCI: wilsonInterval(ok, lid.length),
      frEnAccuracy: frEnOk / Math.max(1, frEn.length),
      frEnN: frEn.length,
      errors,
    },
  };
}
