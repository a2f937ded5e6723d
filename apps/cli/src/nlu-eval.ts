import { readFile } from 'node:fs/promises';
import { evaluate, parseLabelledJsonl, type EvalReport, type EvalTask, type LabelledText } from '@parley/nlu';
import type { ParsedArgs } from './args.js';

/** Thrown for problems the user can fix; printed without a stack trace. */
export class UsageError extends Error {}

export const NLU_EVAL_USAGE = `Usage: parley nlu eval --task intent|sentiment --train TRAIN.jsonl --test TEST.jsonl [--lang fr|en] [--json]

Trains Parley's NLU on TRAIN (JSON lines {"text": "...", "label": "..."}; label "oos" = out of scope)
and reports accuracy, macro-F1 (95 % intervals), in-scope accuracy and OOS recall when TEST has "oos"
rows, training time and p50/p99 prediction latency.`;

/** Output of `--json`: the fields the issue specifies, plus sizes and intervals. */
export interface EvalJson {
  task: EvalTask;
  language: string;
  trainSize: number;
  testSize: number;
  accuracy: number;
  macroF1: number;
  inScopeAccuracy: number | null;
  oosRecall: number | null;
  trainSeconds: number;
  p50Ms: number;
  p99Ms: number;
  accuracyCI95: [number, number];
  macroF1CI95: [number, number];
  skippedLines: Array<{ file: string; line: number; message: string }>;
}

async function loadRows(path: string, warn: (line: string) => void, skipped: EvalJson['skippedLines']): Promise<LabelledText[]> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { rows, issues } = parseLabelledJsonl(content);
  for (const issue of issues.slice(0, 20)) warn(`${path}:${issue.line}: skipped, ${issue.message}`);
  if (issues.length > 20) warn(`${path}: ${issues.length - 20} more malformed lines skipped`);
  skipped.push(...issues.map((i) => ({ file: path, line: i.line, message: i.message })));
  if (rows.length === 0) throw new UsageError(`${path} has no usable {"text","label"} line`);
  return rows;
}

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;
const pct = (v: number): string => `${(v * 100).toFixed(2)} %`;

/** Turns a report into the `--json` object. */
export function toEvalJson(report: EvalReport, skippedLines: EvalJson['skippedLines']): EvalJson {
  return {
    task: report.task,
    language: report.language,
    trainSize: report.trainSize,
    testSize: report.testSize,
    accuracy: r4(report.accuracy),
    macroF1: r4(report.macroF1),
    inScopeAccuracy: report.inScopeAccuracy === undefined ? null : r4(report.inScopeAccuracy),
    oosRecall: report.oosRecall === undefined ? null : r4(report.oosRecall),
    trainSeconds: Math.round(report.trainSeconds * 1000) / 1000,
    p50Ms: r4(report.p50Ms),
    p99Ms: r4(report.p99Ms),
    accuracyCI95: [r4(report.accuracyCI.low), r4(report.accuracyCI.high)],
    macroF1CI95: [r4(report.macroF1CI.low), r4(report.macroF1CI.high)],
    skippedLines,
  };
}

/** Human-readable report. */
export function formatReport(report: EvalReport): string {
  const ci = (i: { low: number; high: number }): string => `[${(i.low * 100).toFixed(1)}, ${(i.high * 100).toFixed(1)}]`;
  const lines = [
    `task ${report.task} (${report.language}) — train ${report.trainSize} rows, test ${report.testSize} rows, ${report.labels} labels`,
    `accuracy           ${pct(report.accuracy)}  95% CI ${ci(report.accuracyCI)}`,
    `macro-F1           ${pct(report.macroF1)}  95% CI ${ci(report.macroF1CI)}`,
  ];
  if (report.inScopeAccuracy !== undefined && report.inScopeAccuracyCI)
    lines.push(`in-scope accuracy  ${pct(report.inScopeAccuracy)}  95% CI ${ci(report.inScopeAccuracyCI)}`);
  if (report.oosRecall !== undefined && report.oosRecallCI) lines.push(`OOS recall         ${pct(report.oosRecall)}  95% CI ${ci(report.oosRecallCI)}`);
  lines.push(
    `train time         ${report.trainSeconds.toFixed(2)} s`,
    `latency            p50 ${report.p50Ms.toFixed(3)} ms, p99 ${report.p99Ms.toFixed(3)} ms`,
  );
  return lines.join('\n');
}

/**
 * `parley nlu eval`: trains on one JSONL file, evaluates on another.
 *
 * @example
 * await runNluEval(parseArgs(['--task', 'intent', '--train', 't.jsonl', '--test', 'd.jsonl']), console.log, console.error);
 */
export async function runNluEval(args: ParsedArgs, out: (s: string) => void, warn: (s: string) => void): Promise<void> {
  const task = args.flags.get('task');
  const train = args.flags.get('train');
  const test = args.flags.get('test');
  const lang = args.flags.get('lang') ?? 'en';
  if (task !== 'intent' && task !== 'sentiment') throw new UsageError(`--task must be "intent" or "sentiment"\n\n${NLU_EVAL_USAGE}`);
  if (typeof train !== 'string' || typeof test !== 'string') throw new UsageError(`--train and --test need a file path\n\n${NLU_EVAL_USAGE}`);
  if (lang !== 'fr' && lang !== 'en') throw new UsageError('--lang must be "fr" or "en"');
  const skipped: EvalJson['skippedLines'] = [];
  const trainRows = await loadRows(train, warn, skipped);
  const testRows = await loadRows(test, warn, skipped);
  if (new Set(trainRows.map((r) => r.label)).size < 2) throw new UsageError(`${train} needs at least two different labels`);
  let report: EvalReport;
  try {
    report = evaluate(trainRows, testRows, { task, language: lang });
  } catch (error) {
    throw new UsageError(`Training failed: ${(error as Error).message}`);
  }
  out(args.flags.get('json') === true ? JSON.stringify(toEvalJson(report, skipped)) : formatReport(report));
}
