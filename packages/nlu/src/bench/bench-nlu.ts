#!/usr/bin/env node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { evaluate, scoreRun, type EvalReport, type EvalTask } from '../eval/evaluate.js';
import { macroF1 } from '../eval/metrics.js';
import { stratifiedFolds, stratifiedSplit } from '../intent/stratified-split.js';
import type { LabelledText } from '../io/jsonl.js';
import { nlpjsAvailable, nlpjsLexiconSentiment, runNlpjs } from './nlpjs-runner.js';
import { evaluateOwnSets } from './own-sets.js';
import { ownTestDataDir, readLabelled, sharedDataDir } from './shared-data.js';

/** One benchmark dataset and its protocol. */
interface BenchCase {
  readonly id: string;
  readonly task: EvalTask;
  readonly language: string;
  /** Files relative to the shared data folder. */
  readonly train: string;
  readonly dev?: string;
  /** Without a dev file: 'holdout' = stratified 10 % of train, 'cv5' = 5-fold cross-validation. */
  readonly protocol: 'dev' | 'holdout' | 'cv5';
  readonly target: string;
}

const CASES: readonly BenchCase[] = [
  {
    id: 'clinc150',
    task: 'intent',
    language: 'en',
    train: 'intent/clinc150/train.jsonl',
    dev: 'intent/clinc150/dev.jsonl',
    protocol: 'dev',
    target: 'in-scope ≥ 95 %, OOS recall ≥ 60 %',
  },
  { id: 'banking77', task: 'intent', language: 'en', train: 'intent/banking77/train.jsonl', protocol: 'holdout', target: 'acc ≥ 93.5 %' },
  { id: 'hwu64', task: 'intent', language: 'en', train: 'intent/hwu64/train.jsonl', dev: 'intent/hwu64/dev.jsonl', protocol: 'dev', target: 'acc ≥ 92.5 %' },
  { id: 'wikit_fr', task: 'intent', language: 'fr', train: 'intent/wikit_fr/train.jsonl', protocol: 'cv5', target: 'acc ≥ 88 %' },
  {
    id: 'umsab_fr',
    task: 'sentiment',
    language: 'fr',
    train: 'sentiment/umsab_fr/train.jsonl',
    dev: 'sentiment/umsab_fr/dev.jsonl',
    protocol: 'dev',
    target: 'macro-F1 ≥ 68',
  },
  {
    id: 'umsab_en',
    task: 'sentiment',
    language: 'en',
    train: 'sentiment/umsab_en/train.jsonl',
    dev: 'sentiment/umsab_en/dev.jsonl',
    protocol: 'dev',
    target: 'macro-F1 ≥ 62',
  },
  {
    id: 'airline_en',
    task: 'sentiment',
    language: 'en',
    train: 'sentiment/airline_en/train.jsonl',
    dev: 'sentiment/airline_en/dev.jsonl',
    protocol: 'dev',
    target: 'acc ≥ 85 %',
  },
];

const SPLIT_SEED = 2024;

interface Split {
  readonly train: LabelledText[];
  readonly test: LabelledText[];
}

function splitsOf(c: BenchCase, dir: string): Split[] {
  const train = readLabelled(join(dir, c.train));
  if (c.protocol === 'dev' && c.dev) return [{ train, test: readLabelled(join(dir, c.dev)) }];
  if (c.protocol === 'holdout') {
    const s = stratifiedSplit(
      train.map((r) => r.label),
      0.1,
      SPLIT_SEED,
    );
    return [{ train: s.train.map((i) => train[i] as LabelledText), test: s.heldOut.map((i) => train[i] as LabelledText) }];
  }
  const folds = stratifiedFolds(
    train.map((r) => r.label),
    5,
    SPLIT_SEED,
  );
  return [0, 1, 2, 3, 4].map((k) => ({ train: train.filter((_, i) => folds[i] !== k), test: train.filter((_, i) => folds[i] === k) }));
}

/** Pools the predictions of every fold into one run so metrics cover the whole set. */
async function runSystem(c: BenchCase, splits: Split[], system: 'parley' | 'nlpjs'): Promise<EvalReport> {
  const predicted: string[] = [];
  const latenciesMs: number[] = [];
  const truth: string[] = [];
  let trainSeconds = 0;
  let cpuSeconds = 0;
  for (const split of splits) {
    const openSet = split.train.some((r) => r.label === 'oos') || split.test.some((r) => r.label === 'oos');
    if (system === 'nlpjs') {
      const run = await runNlpjs(split.train, split.test, c.language, c.task === 'intent' && openSet);
      predicted.push(...run.predicted);
      latenciesMs.push(...run.latenciesMs);
      trainSeconds += run.trainSeconds;
    } else {
      // evaluate() trains and predicts; re-scoring pooled predictions below keeps both systems comparable.
      const report = evaluateWithPredictions(c, split);
      predicted.push(...report.predicted);
      latenciesMs.push(...report.latenciesMs);
      trainSeconds += report.trainSeconds;
      cpuSeconds += report.trainCpuSeconds;
    }
    truth.push(...split.test.map((r) => r.label));
  }
  const trainSize = splits.length === 1 ? (splits[0]?.train.length ?? 0) : Math.round(splits.reduce((a, s) => a + s.train.length, 0) / splits.length);
  return scoreRun(
    c.task,
    c.language,
    { predicted, latenciesMs, trainSeconds: trainSeconds / splits.length, ...(system === 'parley' ? { trainCpuSeconds: cpuSeconds / splits.length } : {}) },
    truth,
    trainSize,
  );
}

interface CapturedRun {
  predicted: string[];
  latenciesMs: number[];
  trainSeconds: number;
  trainCpuSeconds: number;
}

function evaluateWithPredictions(c: BenchCase, split: Split): CapturedRun {
  const captured: CapturedRun = { predicted: [], latenciesMs: [], trainSeconds: 0, trainCpuSeconds: 0 };
  const report = evaluate(split.train, split.test, {
    task: c.task,
    language: c.language,
    bootstrapRounds: 1,
    onPrediction: (p, ms) => {
      captured.predicted.push(p);
      captured.latenciesMs.push(ms);
    },
  });
  captured.trainSeconds = report.trainSeconds;
  captured.trainCpuSeconds = report.trainCpuSeconds ?? report.trainSeconds;
  return captured;
}

const pct = (v: number | undefined): string => (v === undefined ? '—' : (v * 100).toFixed(1));
const ci = (i: { low: number; high: number } | undefined): string => (i ? `[${pct(i.low)}–${pct(i.high)}]` : '');

function headline(r: EvalReport): string {
  if (r.oosRecall !== undefined) return `in-scope ${pct(r.inScopeAccuracy)} ${ci(r.inScopeAccuracyCI)} / OOS rec. ${pct(r.oosRecall)} ${ci(r.oosRecallCI)}`;
  if (r.task === 'sentiment') return `macro-F1 ${pct(r.macroF1)} ${ci(r.macroF1CI)} · acc ${pct(r.accuracy)} ${ci(r.accuracyCI)}`;
  return `acc ${pct(r.accuracy)} ${ci(r.accuracyCI)} · macro-F1 ${pct(r.macroF1)}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const skipNlpjs = args.includes('--skip-nlpjs');
  const jsonOut = args.find((a) => a.startsWith('--json-out='))?.slice(11);
  const dir = sharedDataDir();
  const command = `npm run bench:nlu${args.length ? ` -- ${args.join(' ')}` : ''}`;
  console.log(`# Parley NLU benchmark\nreproduce: ${command}   (shared data: ${dir}; override with PARLEY_SHARED_DATA)`);
  console.log(
    `node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${new Date().toISOString()}\n`,
  );
  if (!existsSync(dir)) {
    console.error(`Shared data folder not found: ${dir}. Set PARLEY_SHARED_DATA to the folder holding intent/ and sentiment/.`);
    process.exitCode = 2;
    return;
  }
  const withNlpjs = !skipNlpjs && nlpjsAvailable();
  if (!skipNlpjs && !withNlpjs) console.log('nlp.js (@nlpjs/basic) is not installed: its column is skipped.\n');
  const results: Array<{ id: string; protocol: string; target: string; parley: EvalReport; nlpjs: EvalReport | null }> = [];
  console.log('| dataset | protocol | target | Parley | Parley train s / p50 / p99 ms | nlp.js | nlp.js train s / p50 / p99 ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const c of CASES) {
    if (only && !only.includes(c.id)) continue;
    if (!existsSync(join(dir, c.train))) {
      console.log(`| ${c.id} | missing ${c.train} | | | | | |`);
      continue;
    }
    const splits = splitsOf(c, dir);
    const parley = await runSystem(c, splits, 'parley');
    const nlpjs = withNlpjs ? await runSystem(c, splits, 'nlpjs') : null;
    results.push({ id: c.id, protocol: c.protocol, target: c.target, parley, nlpjs });
    const timing = (r: EvalReport): string =>
      `${r.trainSeconds.toFixed(1)}${r.trainCpuSeconds !== undefined ? ` (cpu ${r.trainCpuSeconds.toFixed(1)})` : ''} / ${r.p50Ms.toFixed(2)} / ${r.p99Ms.toFixed(2)}`;
    console.log(
      `| ${c.id} | ${c.protocol === 'dev' ? 'train → dev' : c.protocol === 'holdout' ? '90/10 split of train' : '5-fold CV'} (n=${parley.testSize}) | ${c.target} | ${headline(parley)} | ${timing(parley)} | ${nlpjs ? headline(nlpjs) : '—'} | ${nlpjs ? timing(nlpjs) : '—'} |`,
    );
  }
  const own = evaluateOwnSets(ownTestDataDir());
  console.log('\n## Own written sets (packages/nlu/test-data)\n');
  console.log('| set | metric | Parley (shipped lexicon model) | nlp.js built-in sentiment |');
  console.log('|---|---|---|---|');
  for (const lang of ['fr', 'en']) {
    const s = own.sentiment[lang];
    if (!s) continue;
    const nl = withNlpjs ? await nlpjsLexiconSentiment(readOwnTexts(lang), lang) : null;
    const nlAcc = nl ? nl.filter((p, i) => p === s.truth[i]).length / s.n : undefined;
    console.log(
      `| cs-messages ${lang} sentiment (n=${s.n}) | acc / macro-F1 | ${pct(s.accuracy)} ${ci(s.accuracyCI)} / ${pct(s.macroF1)} | ${nl ? `${pct(nlAcc)} / ${pct(macroF1(nl, s.truth))}` : '—'} |`,
    );
    for (const e of own.emotions[lang] ?? [])
      console.log(`| cs-messages ${lang} ${e.emotion} (support ${e.support}) | P / R / F1 | ${pct(e.precision)} / ${pct(e.recall)} / ${pct(e.f1)} | n/a |`);
  }
  console.log(`| language id, 7 languages (n=${own.languageId.n}) | acc | ${pct(own.languageId.accuracy)} ${ci(own.languageId.accuracyCI)} | n/a |`);
  console.log(`| language id, FR vs EN only (n=${own.languageId.frEnN}) | acc | ${pct(own.languageId.frEnAccuracy)} | n/a |`);
  for (const e of own.languageId.errors.slice(0, 10)) console.log(`  language id error: "${e.text}" expected ${e.expected}, got ${e.got}`);
  if (jsonOut) {
    writeFileSync(
      jsonOut,
      JSON.stringify(
        {
          command,
          node: process.version,
          results,
          own: { ...own, sentiment: Object.fromEntries(Object.entries(own.sentiment).map(([k, v]) => [k, { ...v, predicted: undefined, truth: undefined }])) },
        },
        null,
        2,
      ),
    );
    console.log(`\nJSON written to ${jsonOut}`);
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`reproduce: ${command}`);
}

function readOwnTexts(lang: string): string[] {
  return readFileSync(join(ownTestDataDir(), 'cs-messages.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; language: string })
    .filter((m) => m.language === lang)
    .map((m) => m.text);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
