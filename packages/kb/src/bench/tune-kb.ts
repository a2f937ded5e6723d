#!/usr/bin/env node
// Chooses the BM25F defaults by 5-fold cross-validation on StackFAQ *train* only: in each fold, the
// other four folds are the known phrasings and this fold the queries. Dev is never read here.
// Run: tsc -b packages/kb && node packages/kb/dist/bench/tune-kb.js
import { AnswerEngine } from '../engine/answer-engine.js';
import { DEFAULT_BM25F, type Bm25fParams } from '../engine/bm25f-params.js';
import { faqItems } from '../eval/faq-items.js';
import { evaluateRetrieval } from '../eval/retrieval-metrics.js';
import { folds, loadStackFaq } from './stackfaq.js';

const data = loadStackFaq();
const parts = folds(data.train, 5);

function cv(params: Partial<Bm25fParams>, usePhrasings: boolean): number {
  let mrr = 0;
  parts.forEach((queries, f) => {
    const known = usePhrasings ? parts.filter((_, g) => g !== f).flat() : [];
    const engine = AnswerEngine.build(faqItems(data.answers, known, 'en').items, { params, usePhrasings });
    mrr += evaluateRetrieval(queries, (q) => engine.search({ question: q, k: 5 }).map((a) => a.id), 0).mrr * queries.length;
  });
  return mrr / data.train.length;
}

const grid: Array<Partial<Bm25fParams>> = [];
for (const k1 of [0.9, 1.2, 1.6])
  for (const bQuestion of [0.3, 0.5, 0.75])
    for (const bBody of [0.5, 0.75])
      for (const wBody of [0.15, 0.3, 0.5]) for (const wPhrasing of [0.8, 1]) grid.push({ k1, bQuestion, bBody, wBody, wPhrasing });

for (const usePhrasings of [true, false]) {
  const results = grid.map((p) => ({ p, mrr: cv(p, usePhrasings) })).sort((a, b) => b.mrr - a.mrr);
  console.log(`phrasings=${usePhrasings} default ${cv(DEFAULT_BM25F, usePhrasings).toFixed(4)}`);
  for (const r of results.slice(0, 5)) console.log(`  ${r.mrr.toFixed(4)} ${JSON.stringify(r.p)}`);
}
