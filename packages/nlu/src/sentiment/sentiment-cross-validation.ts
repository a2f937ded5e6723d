import { accuracy, macroF1 } from '../eval/metrics.js';
import { stratifiedFolds } from '../intent/stratified-split.js';
import { analyzeSentiment } from './analyze-sentiment.js';
import { trainSentimentModel, type SentimentExample, type SentimentTrainingOptions } from './sentiment-model.js';

/** Accuracy and macro-F1 (over the labels present in the examples) of one model. */
export interface SentimentScores {
  readonly accuracy: number;
  readonly macroF1: number;
}

/** Result of {@link crossValidateSentiment}: a trained model and the shipped lexicon on the same examples. */
export interface SentimentCrossValidation {
  /** Number of folds; every example is predicted once, by a model that did not see it. */
  readonly folds: number;
  readonly examples: number;
  /** The trained model, each example scored out of fold. */
  readonly trained: SentimentScores;
  /** The shipped lexicon model on the same examples (it learns nothing from them). */
  readonly builtIn: SentimentScores;
}

/**
 * Stratified k-fold cross-validation of {@link trainSentimentModel} on a set of labelled messages,
 * next to the shipped lexicon model on the same messages: what training on them is worth.
 * `folds` is capped by the number of examples (at least 2 are needed). It gives the event loop a
 * turn between folds, so a server running it keeps answering (each fold is one synchronous training).
 *
 * @example
 * await crossValidateSentiment({ language: 'fr', examples, options: { base: 'lexicon' } })
 * // { folds: 5, examples: 120, trained: { accuracy: 0.85, macroF1: 0.83 }, builtIn: { accuracy: 0.6, macroF1: 0.52 } }
 */
export async function crossValidateSentiment(input: {
  language: string;
  examples: readonly SentimentExample[];
  options?: SentimentTrainingOptions;
  folds?: number;
}): Promise<SentimentCrossValidation> {
  const examples = input.examples;
  if (examples.length < 2) throw new Error('Cross-validation needs at least two examples');
  const k = Math.max(2, Math.min(input.folds ?? 5, examples.length));
  const truth = examples.map((e) => e.label);
  const fold = stratifiedFolds(truth, k, input.options?.seed ?? 11);
  const predicted = new Array<string>(examples.length).fill('');
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const test = examples.map((e, i) => ({ e, i })).filter(({ i }) => fold[i] === f);
    if (test.length === 0 || train.length === 0) continue;
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The temperature never changes the best label: the fold models skip its fit.
    const model = trainSentimentModel({ language: input.language, examples: train, options: { ...input.options, calibrate: false } });
    for (const { e, i } of test) predicted[i] = model.predict(e.text).label;
  }
  const builtIn = examples.map((e) => analyzeSentiment(e.text, { language: input.language }).label);
  const round = (v: number): number => Math.round(v * 1e4) / 1e4;
  return {
    folds: k,
    examples: examples.length,
    trained: { accuracy: round(accuracy(predicted, truth)), macroF1: round(macroF1(predicted, truth)) },
    builtIn: { accuracy: round(accuracy(builtIn, truth)), macroF1: round(macroF1(builtIn, truth)) },
  };
}
