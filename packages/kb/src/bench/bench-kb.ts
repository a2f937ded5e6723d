#!/usr/bin/env node
// Knowledge-base benchmark on StackFAQ: answers.jsonl is the knowledge base, train.jsonl the known
// phrasings, dev.jsonl the queries. Parley with and without phrasings, and a plain BM25 baseline, in
// one run. Parameters come from cross-validation on train (tune-kb.ts); dev is only scored.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { AnswerEngine } from '../engine/answer-engine.js';
import { PlainBm25 } from '../engine/plain-bm25.js';
import { faqItems } from '../eval/faq-items.js';
import { evaluateRetrieval, type RetrievalReport } from '../eval/retrieval-metrics.js';
import { loadDistractorSource, scaledBase } from './scaled-base.js';
import { loadStackFaq, sharedDataDir } from './stackfaq.js';

interface Row {
  readonly system: string;
  readonly report: RetrievalReport;
  readonly buildMs: number;
}

const jsonOut = process.argv.find((a) => a.startsWith('--json-out='))?.slice('--json-out='.length);
const data = loadStackFaq();
const rows: Row[] = [];
const loadBefore = loadavg()[0] ?? 0;

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

{
  const [engine, buildMs] = timed(() => AnswerEngine.build(faqItems(data.answers, data.train, 'en').items));
  rows.push({
    system: 'Parley, with train phrasings',
    buildMs,
    report: evaluateRetrieval(data.dev, (q) => engine.search({ question: q, k: 5 }).map((a) => a.id), 50),
  });
}
{
  const [engine, buildMs] = timed(() => AnswerEngine.build(faqItems(data.answers, [], 'en').items));
  rows.push({
    system: 'Parley, without phrasings',
    buildMs,
    report: evaluateRetrieval(data.dev, (q) => engine.search({ question: q, k: 5 }).map((a) => a.id), 50),
  });
}
{
  const [bm25, buildMs] = timed(() => new PlainBm25(data.answers.map((a) => ({ id: a.answerId, text: `${a.question}\n${a.answer}` }))));
  rows.push({ system: 'Plain BM25 (no stemming, no phrasings)', buildMs, report: evaluateRetrieval(data.dev, (q) => bm25.search(q, 5), 50) });
}

// The 10,000-article target: the real items plus distractor articles made of other public
// customer-service texts (scaled-base.ts). Each dev
// query is asked four times so that the p99 rests on ~500 timings rather than 124.
const SCALED = 10_000;
{
  const real = faqItems(data.answers, data.train, 'en').items;
  const [engine, buildMs] = timed(() => AnswerEngine.build(scaledBase(real, loadDistractorSource(sharedDataDir()), SCALED)));
  const repeated = [0, 1, 2, 3].flatMap(() => data.dev);
  rows.push({
    system: `Parley, with train phrasings, ${SCALED.toLocaleString('en')}-item base (${SCALED - real.length} distractors; hit rates over 4 × dev)`,
    buildMs,
    report: evaluateRetrieval(repeated, (q) => engine.search({ question: q, k: 5 }).map((a) => a.id), 50),
  });
}

const pct = (v: number): string => (v * 100).toFixed(1);
const ci = (i: { low: number; high: number }): string => `[${pct(i.low)}–${pct(i.high)}]`;
const lines = [
  `StackFAQ: ${data.answers.length} FAQ items, ${data.train.length} train phrasings, ${data.dev.length} dev queries (${data.dir})`,
  `Node ${process.version}, ${cpus().length} cores, load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
  '',
  '| system | hit@1 | hit@5 | MRR@5 | p50 / p99 ms | index build ms |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.system} | ${pct(r.report.hit1)} ${ci(r.report.hit1CI)} | ${pct(r.report.hit5)} ${ci(r.report.hit5CI)} | ${pct(r.report.mrr)} ${ci(r.report.mrrCI)} | ${r.report.p50Ms.toFixed(3)} / ${r.report.p99Ms.toFixed(3)} | ${r.buildMs.toFixed(0)} |`,
  ),
  '',
  'Brackets: 95 % intervals (Wilson for hit rates, seeded bootstrap for MRR). Latency per query after a 50-query warm-up.',
];
lines.push('', 'Reproduce: npm run bench:kb');
console.log(lines.join('\n'));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ dataset: 'stackfaq', rows }, null, 2));
