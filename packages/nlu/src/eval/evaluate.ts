import { trainIntentClassifier, type IntentTrainingOptions } from '../intent/intent-classifier.js';
import type { LabelledText } from '../io/jsonl.js';
import { trainSentimentModel, type SentimentTrainingOptions } from '../sentiment/sentiment-model.js';
import { accuracy, bootstrapInterval, macroF1, percentile, wilsonInterval, type Interval } from './metrics.js';

/** Task evaluated by {@link evaluate}. */
export type EvalTask = 'intent' | 'sentiment';

/** Figures of one train → test evaluation. Rates are fractions in [0, 1]. */
export interface EvalReport {
  readonly task: EvalTask;
  readonly language: string;
  readonly trainSize: number;
  readonly testSize: number;
  readonly labels: number;
  readonly accuracy: number;
  readonly accuracyCI: Interval;
  readonly macroF1: number;
  readonly macroF1CI: Interval;
  /** Intent data with out-of-scope labels only. */
  readonly inScopeAccuracy?: number;
  readonly inScopeAccuracyCI?: Interval;
  readonly oosRecall?: number;
  readonly oosRecallCI?: Interval;
  readonly trainSeconds: number;
  /** CPU time of training (differs from wall time when other processes share the cores). */
  readonly trainCpuSeconds?: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Options of {@link evaluate}. */
export interface EvalOptions {
  readonly task: EvalTask;
  readonly language: string;
  readonly outOfScopeLabel?: string;
  readonly intentOptions?: IntentTrainingOptions;
  readonly sentimentOptions?: SentimentTrainingOptions;
  /** Bootstrap rounds for macro-F1 intervals (default 1000). */
  readonly bootstrapRounds?: number;
  /** Called with each test prediction and its latency (benchmarks pool folds with it). */
  readonly onPrediction?: (predicted: string, latencyMs: number) => void;
}

/** Predictions and timings of a trained system on a test set, system-agnostic (also used for nlp.js). */
export interface SystemRun {
  readonly predicted: string[];
  readonly latenciesMs: number[];
  readonly trainSeconds: number;
  readonly trainCpuSeconds?: number;
}

/**
 * Scores predictions against truth: accuracy, macro-F1 (with 95 % intervals), and for intent data with
 * out-of-scope rows the in-scope accuracy and out-of-scope recall.
 *
 * @example
 * scoreRun('intent', 'en', run, test.map((r) => r.label), 'oos')
 */
export function scoreRun(
  task: EvalTask,
  language: string,
  run: SystemRun,
  truth: readonly string[],
  trainSize: number,
  outOfScopeLabel = 'oos',
  rounds = 1000,
): EvalReport {
  const n = truth.length;
  const ok = truth.filter((t, i) => run.predicted[i] === t).length;
  const base: EvalReport = {
    task,
    language,
    trainSize,
    testSize: n,
    labels: new Set(truth).size,
    accuracy: accuracy(run.predicted, truth),
    accuracyCI: wilsonInterval(ok, n),
    macroF1: macroF1(run.predicted, truth),
    macroF1CI: bootstrapInterval(run.predicted, truth, macroF1, rounds),
    trainSeconds: run.trainSeconds,
    ...(run.trainCpuSeconds !== undefined ? { trainCpuSeconds: run.trainCpuSeconds } : {}),
    p50Ms: percentile(run.latenciesMs, 50),
    p99Ms: percentile(run.latenciesMs, 99),
  };
  const oosIdx = truth.map((t, i) => (t === outOfScopeLabel ? i : -1)).filter((i) => i >= 0);
  if (task !== 'intent' || oosIdx.length === 0) return base;
  const inIdx = truth.map((t, i) => (t !== outOfScopeLabel ? i : -1)).filter((i) => i >= 0);
  const inOk = inIdx.filter((i) => run.predicted[i] === truth[i]).length;
  const oosOk = oosIdx.filter((i) => run.predicted[i] === outOfScopeLabel).length;
  return {
    ...base,
    inScopeAccuracy: inIdx.length ? inOk / inIdx.length : 0,
    inScopeAccuracyCI: wilsonInterval(inOk, inIdx.length),
    oosRecall: oosOk / oosIdx.length,
    oosRecallCI: wilsonInterval(oosOk, oosIdx.length),
  };
}

/**
 * Trains Parley's engine on `train` and evaluates it on `test`. Intent predictions judged out of scope
 * are scored as the out-of-scope label.
 *
 * @example
 * const report = evaluate(trainRows, testRows, { task: 'intent', language: 'en' });
 * report.accuracy // 0.91
 */
export function evaluate(train: readonly LabelledText[], test: readonly LabelledText[], options: EvalOptions): EvalReport {
  const oos = options.outOfScopeLabel ?? 'oos';
  const predicted: string[] = [];
  const latenciesMs: number[] = [];
  let trainSeconds: number;
  let trainCpuSeconds: number;
  const cpu0 = process.cpuUsage();
  const record = (label: string, ms: number): void => {
    predicted.push(label);
    latenciesMs.push(ms);
    options.onPrediction?.(label, ms);
  };
  if (options.task === 'intent') {
    const openSet = train.some((r) => r.label === oos) || test.some((r) => r.label === oos);
    const t0 = performance.now();
    const model = trainIntentClassifier({
      language: options.language,
      examples: train.map((r) => ({ text: r.text, intent: r.label })),
      options: { outOfScopeLabel: oos, ...options.intentOptions },
    });
    trainSeconds = (performance.now() - t0) / 1000;
    trainCpuSeconds = cpuSince(cpu0);
    // Warm-up on training texts so latency reflects a running service, not JIT compilation.
    for (const row of train.slice(0, WARM_UP)) model.predict(row.text, { topK: 1, explain: false });
    for (const row of test) {
      const s = performance.now();
      const p = model.predict(row.text, { topK: 1, explain: false });
      const ms = performance.now() - s;
      // Closed-set data (no out-of-scope rows anywhere) is scored on the best intent, as in the literature.
      record(openSet ? (p.oos ? oos : (p.intent ?? oos)) : (p.ranking[0]?.intent ?? oos), ms);
    }
  } else {
    const t0 = performance.now();
    const model = trainSentimentModel({
      language: options.language,
      examples: train,
      ...(options.sentimentOptions ? { options: options.sentimentOptions } : {}),
    });
    trainSeconds = (performance.now() - t0) / 1000;
    trainCpuSeconds = cpuSince(cpu0);
    for (const row of train.slice(0, WARM_UP)) model.predict(row.text);
    for (const row of test) {
      const s = performance.now();
      const label = model.predict(row.text).label;
      record(label, performance.now() - s);
    }
  }
  return scoreRun(
    options.task,
    options.language,
    { predicted, latenciesMs, trainSeconds, trainCpuSeconds },
    test.map((r) => r.label),
    train.length,
    oos,
    options.bootstrapRounds,
  );
}

/** Predictions run before timing starts. */
export const WARM_UP = 50;

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}
