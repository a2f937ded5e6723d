import { readFile } from 'node:fs/promises';
import { AnswerEngine, evaluateRetrieval, faqItems, parseFaqJsonl, parseQueryJsonl, type LineIssue, type RetrievalReport } from '@parley/kb';
import type { ParsedArgs } from './args.js';
import { UsageError } from './nlu-eval.js';

export const KB_EVAL_USAGE = `Usage: parley kb eval --answers ANSWERS.jsonl --queries QUERIES.jsonl [--phrasings TRAIN.jsonl] [--lang fr|en] [--json]

Loads FAQ items (JSON lines {"answer_id": "...", "question": "...", "answer": "..."}), optionally known
phrasings ({"question": "...", "answer_id": "..."}), ranks each query of QUERIES (same shape as phrasings)
and prints hit@1, hit@5, MRR@5 (95 % intervals) and p50/p99 latency. Without --lang the language of each
item is detected (French or English).`;

/** Output of `--json`. */
export interface KbEvalJson {
  items: number;
  phrasings: number;
  queries: number;
  hit1: number;
  hit5: number;
  mrr: number;
  p50Ms: number;
  p99Ms: number;
  hit1CI95: [number, number];
  hit5CI95: [number, number];
  mrrCI95: [number, number];
  buildMs: number;
  skippedLines: Array<{ file: string; line: number; message: string }>;
}

async function load<T>(
  path: string,
  parse: (s: string) => { rows: T[]; issues: LineIssue[] },
  warn: (s: string) => void,
  skipped: KbEvalJson['skippedLines'],
): Promise<T[]> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { rows, issues } = parse(content);
  for (const issue of issues.slice(0, 20)) warn(`${path}:${issue.line}: skipped, ${issue.message}`);
  if (issues.length > 20) warn(`${path}: ${issues.length - 20} more malformed lines skipped`);
  skipped.push(...issues.map((i) => ({ file: path, line: i.line, message: i.message })));
  if (rows.length === 0) throw new UsageError(`${path} has no usable line`);
  return rows;
}

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

function format(report: RetrievalReport, json: KbEvalJson): string {
  const pct = (v: number): string => `${(v * 100).toFixed(2)} %`;
  const ci = (i: { low: number; high: number }): string => `[${(i.low * 100).toFixed(1)}, ${(i.high * 100).toFixed(1)}]`;
  return [
    `knowledge base ${json.items} items, ${json.phrasings} known phrasings — ${json.queries} queries`,
    `hit@1    ${pct(report.hit1)}  95% CI ${ci(report.hit1CI)}`,
    `hit@5    ${pct(report.hit5)}  95% CI ${ci(report.hit5CI)}`,
    `MRR@5    ${pct(report.mrr)}  95% CI ${ci(report.mrrCI)}`,
    `index    ${json.buildMs.toFixed(0)} ms`,
    `latency  p50 ${report.p50Ms.toFixed(3)} ms, p99 ${report.p99Ms.toFixed(3)} ms`,
  ].join('\n');
}

/**
 * `parley kb eval`: builds the answer engine from FAQ JSONL and scores a query file.
 *
 * @example
 * await runKbEval(parseArgs(['--answers', 'a.jsonl', '--queries', 'q.jsonl', '--json']), console.log, console.error);
 */
export async function runKbEval(args: ParsedArgs, out: (s: string) => void, warn: (s: string) => void): Promise<void> {
  const answersPath = args.flags.get('answers');
  const queriesPath = args.flags.get('queries');
  const phrasingsPath = args.flags.get('phrasings');
  const lang = args.flags.get('lang');
  if (typeof answersPath !== 'string' || typeof queriesPath !== 'string') throw new UsageError(`--answers and --queries need a file path\n\n${KB_EVAL_USAGE}`);
  if (phrasingsPath === true) throw new UsageError('--phrasings needs a file path');
  if (lang !== undefined && lang !== 'fr' && lang !== 'en') throw new UsageError('--lang must be "fr" or "en"');
  const skipped: KbEvalJson['skippedLines'] = [];
  const answers = await load(answersPath, parseFaqJsonl, warn, skipped);
  const phrasings = typeof phrasingsPath === 'string' ? await load(phrasingsPath, parseQueryJsonl, warn, skipped) : [];
  const queries = await load(queriesPath, parseQueryJsonl, warn, skipped);
  const { items, unknownPhrasings } = faqItems(answers, phrasings, lang);
  if (unknownPhrasings > 0) warn(`${phrasingsPath}: ${unknownPhrasings} phrasings name an answer_id that is not in ${answersPath}; ignored`);
  const t0 = performance.now();
  const engine = AnswerEngine.build(items);
  const buildMs = performance.now() - t0;
  const report = evaluateRetrieval(queries, (q) => engine.search({ question: q, k: 5 }).map((a) => a.id));
  const json: KbEvalJson = {
    items: items.length,
    phrasings: phrasings.length - unknownPhrasings,
    queries: queries.length,
    hit1: r4(report.hit1),
    hit5: r4(report.hit5),
    mrr: r4(report.mrr),
    p50Ms: r4(report.p50Ms),
    p99Ms: r4(report.p99Ms),
    hit1CI95: [r4(report.hit1CI.low), r4(report.hit1CI.high)],
    hit5CI95: [r4(report.hit5CI.low), r4(report.hit5CI.high)],
    mrrCI95: [r4(report.mrrCI.low), r4(report.mrrCI.high)],
    buildMs: Math.round(buildMs),
    skippedLines: skipped,
  };
  out(args.flags.get('json') === true ? JSON.stringify(json) : format(report, json));
}
