import { detectLanguage } from '@parley/nlu';
import { analyze, analyzeTokens, termFrequencies, type AnalyzerOptions } from '../text/analyzer.js';
import { SynonymExpander, type SynonymGroups, type WeightedTerm } from '../text/synonyms.js';
import { DEFAULT_BM25F, type Bm25fParams } from './bm25f-params.js';
import type { AnswerQuery, KnowledgeItem } from './knowledge-item.js';
import { bestPassage, indexPassages, type Passage } from './passages.js';

interface Variant {
  readonly text: string;
  readonly kind: 'title' | 'phrasing';
  readonly tf: ReadonlyMap<string, number>;
  readonly length: number;
}

interface IndexedItem {
  readonly item: KnowledgeItem;
  readonly language: string;
  readonly variants: readonly Variant[];
  readonly bodyTf: ReadonlyMap<string, number>;
  readonly bodyLength: number;
  readonly passages: readonly Passage[];
}

/** A lexical hit before fusion. */
export interface LexicalHit {
  readonly index: number;
  readonly score: number;
  readonly confidence: number;
  readonly variant: Variant | null;
  readonly terms: readonly WeightedTerm[];
  readonly surfaces: ReadonlyMap<string, string>;
}

/** Options of {@link LexicalIndex.search}. */
export interface LexicalSearchOptions {
  /** Keep only the best `limit` hits (default: all). */
  readonly limit?: number;
  /** Multiplier of an item's score for the selection (feedback); the hits keep their lexical score. */
  readonly boost?: (index: number) => number;
  /** The largest value `boost` can return; without it, a boosted search scores every candidate. */
  readonly maxBoost?: number;
}

/** Build options of {@link LexicalIndex}. */
export interface LexicalIndexOptions {
  readonly params?: Partial<Bm25fParams>;
  readonly synonyms?: SynonymGroups;
  readonly analyzer?: AnalyzerOptions;
  /** Index the phrasings (default true; the benchmark turns it off for the "no phrasings" run). */
  readonly usePhrasings?: boolean;
  /** Language of items without one (default: detected among French and English). */
  readonly defaultLanguage?: string;
}

const KB_LANGUAGES = ['fr', 'en'];

function itemLanguage(item: KnowledgeItem, fallback: string | undefined): string {
  if (item.language) return item.language;
  if (fallback) return fallback;
  const detected = detectLanguage(`${item.title}\n${item.body.slice(0, 500)}`, { candidates: KB_LANGUAGES });
  return detected.language === 'und' ? 'en' : detected.language;
}

function allows(list: readonly string[] | undefined, value: string | undefined): boolean {
  return value === undefined || list === undefined || list.length === 0 || list.includes(value);
}

/**
 * BM25F over the question side (the title and each phrasing, taken one at a time: the item scores as
 * its best-matching variant, so fifty phrasings never dilute a short title) and the body.
 * Terms from both fields saturate together, as in BM25F, and IDF is counted over items.
 *
 * @example
 * const index = LexicalIndex.build([{ id: 'a', title: 'Délais de livraison', body: '48 h en France.' }]);
 * index.search({ question: 'combien de temps pour la livraison ?' })[0].index // 0
 */
export class LexicalIndex {
  private readonly df = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  // Per term, the largest combined (question variant + body) term frequency of any item: the bound
  // that lets a top-k search stop before the postings of common terms (MaxScore).
  private readonly maxX = new Map<string, number>();
  // Reused by scoreItem (one search at a time: the engine is synchronous), so scoring allocates nothing.
  private scratch = new Float64Array(16);
  private readonly avgQuestion: number;
  private readonly avgBody: number;
  private readonly languages: string[];
  private readonly expanders = new Map<string, SynonymExpander>();

  private constructor(
    readonly items: readonly IndexedItem[],
    readonly params: Bm25fParams,
    private readonly synonyms: SynonymGroups,
    private readonly analyzer: AnalyzerOptions,
  ) {
    let qLen = 0;
    let qCount = 0;
    let bLen = 0;
    items.forEach((it, i) => {
      const terms = new Set<string>(it.bodyTf.keys());
      for (const v of it.variants) {
        for (const t of v.tf.keys()) terms.add(t);
        qLen += v.length;
        qCount++;
      }
      bLen += it.bodyLength;
      for (const t of terms) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push(i);
      }
    });
    this.avgQuestion = qCount ? qLen / qCount : 1;
    this.avgBody = items.length ? Math.max(1, bLen / items.length) : 1;
    this.languages = [...new Set(items.map((i) => i.language))];
    const p = this.params;
    for (const it of items) {
      const bodyNorm = 1 - p.bBody + (p.bBody * it.bodyLength) / this.avgBody;
      const body = (term: string): number => (p.wBody * (it.bodyTf.get(term) ?? 0)) / bodyNorm;
      const best = new Map<string, number>();
      for (const [term] of it.bodyTf) best.set(term, body(term));
      for (const v of it.variants) {
        const qNorm = 1 - p.bQuestion + (p.bQuestion * v.length) / this.avgQuestion;
        const w = v.kind === 'title' ? p.wTitle : p.wPhrasing;
        for (const [term, tf] of v.tf) best.set(term, Math.max(best.get(term) ?? 0, (w * tf) / qNorm + body(term)));
      }
      for (const [term, x] of best) if (x > (this.maxX.get(term) ?? 0)) this.maxX.set(term, x);
    }
  }

  /** Analyses and indexes items. */
  static build(items: readonly KnowledgeItem[], options: LexicalIndexOptions = {}): LexicalIndex {
    const analyzer = options.analyzer ?? {};
    const indexed = items.map((item): IndexedItem => {
      const language = itemLanguage(item, options.defaultLanguage);
      const variant = (text: string, kind: Variant['kind']): Variant => {
        const terms = analyze(text, language, analyzer);
        return { text, kind, tf: termFrequencies(terms), length: terms.length };
      };
      const variants = [variant(item.title, 'title')];
      if (options.usePhrasings !== false) for (const p of item.phrasings ?? []) if (p.trim()) variants.push(variant(p, 'phrasing'));
      const bodyTerms = analyze(item.body, language, analyzer);
      return {
        item,
        language,
        variants,
        bodyTf: termFrequencies(bodyTerms),
        bodyLength: bodyTerms.length,
        passages: indexPassages(item.body, language, analyzer),
      };
    });
    return new LexicalIndex(indexed, { ...DEFAULT_BM25F, ...options.params }, options.synonyms ?? [], analyzer);
  }

  /** Languages of the indexed items. */
  get indexLanguages(): readonly string[] {
    return this.languages;
  }

  idf(term: string): number {
    const n = this.items.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Is item i eligible for this query (channel, audience, explicit language)? */
  eligible(i: number, query: AnswerQuery): boolean {
    const it = this.items[i];
    if (!it) return false;
    if (query.language && it.language !== query.language) return false;
    return allows(it.item.channels, query.channel) && allows(it.item.audiences, query.audience);
  }

  /** The query's language: given, or detected among the index's languages (null when unsure or single-language). */
  queryLanguage(query: AnswerQuery): string | null {
    if (query.language) return query.language;
    if (this.languages.length < 2) return null;
    const d = detectLanguage(query.question, { candidates: this.languages });
    return d.language !== 'und' && d.confidence >= 0.6 ? d.language : null;
  }

  private expander(language: string): SynonymExpander {
    let x = this.expanders.get(language);
    if (!x) this.expanders.set(language, (x = new SynonymExpander(this.synonyms, language, this.params.synonymWeight, this.analyzer)));
    return x;
  }

  /**
   * Eligible items with a positive score, best first: all of them, or the best `limit` by
   * `score × boost(index)` (a top-k selection, so a large base is not sorted whole for five answers).
   */
  search(query: AnswerQuery, options: LexicalSearchOptions = {}): LexicalHit[] {
    const preferred = this.queryLanguage(query);
    const boost = options.boost;
    const maxBoost = boost ? (options.maxBoost ?? Number.POSITIVE_INFINITY) : 1;
    const top = new TopK(options.limit ?? Number.POSITIVE_INFINITY);
    const found: Array<Omit<LexicalHit, 'variant'> & { variant: number }> = [];
    for (const language of query.language ? [query.language] : this.languages) {
      const tokens = analyzeTokens(query.question, language, this.analyzer);
      const surfaces = new Map<string, string>();
      for (const t of tokens) if (!surfaces.has(t.term)) surfaces.set(t.term, t.surface);
      const terms = this.expander(language).expand(tokens.map((t) => t.term));
      const merged = mergeTerms(terms);
      if (merged.length === 0) continue;
      const idfs = merged.map((t) => this.idf(t.term));
      const self = this.selfScore(merged);
      const seen = new Uint8Array(this.items.length);
      const penalty = preferred && preferred !== language ? this.params.otherLanguagePenalty : 1;
      // Terms by their best possible contribution, highest first. An item not met in the postings of
      // the terms before term j has only terms from j on, so it scores at most the sum of their bounds:
      // once that sum cannot reach the k-th best, the rest of the postings can be skipped.
      const order = merged.map((t, j) => ({ term: t.term, bound: this.termBound(t, idfs[j] as number) })).sort((a, b) => b.bound - a.bound);
      let remaining = order.reduce((sum, o) => sum + o.bound, 0);
      for (const { term, bound } of order) {
        if (!top.admitsAny(remaining * penalty * maxBoost)) break;
        remaining -= bound;
        for (const i of this.postings.get(term) ?? []) {
          if (seen[i]) continue;
          seen[i] = 1;
          const it = this.items[i] as IndexedItem;
          if (it.language !== language || !this.eligible(i, query)) continue;
          const scored = this.scoreItem(it, merged, idfs);
          if (scored.score <= 0) continue;
          const score = scored.score * penalty;
          const rankScore = boost ? score * boost(i) : score;
          if (!top.admits(rankScore, i)) continue;
          const slot = found.length;
          found.push({ index: i, score, confidence: Math.min(1, scored.score / self) * penalty, variant: scored.variant, terms: merged, surfaces });
          top.add(rankScore, i, slot);
        }
      }
    }
    return top.slots().map((slot) => {
      const h = found[slot] as (typeof found)[number];
      const it = this.items[h.index] as IndexedItem;
      return { ...h, variant: h.variant < 0 ? null : (it.variants[h.variant] as Variant) };
    });
  }

  /** The passage of item i that best answers the weighted terms. */
  passage(i: number, terms: readonly WeightedTerm[]): string {
    const it = this.items[i];
    if (!it) return '';
    return bestPassage(
      it.passages,
      terms.map((t) => ({ term: t.term, weight: t.weight * this.idf(t.term) })),
    );
  }

  /** Terms of item i that the query shares (for the explanation). */
  sharedTerms(i: number, terms: readonly WeightedTerm[]): string[] {
    const it = this.items[i];
    if (!it) return [];
    return terms.filter((t) => it.bodyTf.has(t.term) || it.variants.some((v) => v.tf.has(t.term))).map((t) => t.term);
  }

  // BM25F per variant, best variant wins. The body's part of each term is computed once per item,
  // and a variant that shares no term with the query scores the body alone (no per-term work).
  private scoreItem(it: IndexedItem, terms: readonly WeightedTerm[], idfs: readonly number[]): { score: number; variant: number } {
    const p = this.params;
    const bodyNorm = 1 - p.bBody + (p.bBody * it.bodyLength) / this.avgBody;
    const n = terms.length;
    if (this.scratch.length < n) this.scratch = new Float64Array(n * 2);
    const bodyX = this.scratch;
    let bodyOnly = 0;
    for (let j = 0; j < n; j++) {
      const t = terms[j] as WeightedTerm;
      const x = (p.wBody * (it.bodyTf.get(t.term) ?? 0)) / bodyNorm;
      bodyX[j] = x;
      if (x > 0) bodyOnly += t.weight * (idfs[j] as number) * (x / (p.k1 + x));
    }
    let best = 0;
    let bestVariant = -1;
    let bestMatched = false;
    it.variants.forEach((v, vi) => {
      let matched = false;
      let s = 0;
      const qNorm = 1 - p.bQuestion + (p.bQuestion * v.length) / this.avgQuestion;
      const w = v.kind === 'title' ? p.wTitle : p.wPhrasing;
      for (let j = 0; j < n; j++) {
        const t = terms[j] as WeightedTerm;
        const tf = v.tf.get(t.term);
        const x = (tf ? (w * tf) / qNorm : 0) + (bodyX[j] as number);
        if (tf) matched = true;
        if (x > 0) s += t.weight * (idfs[j] as number) * (x / (p.k1 + x));
      }
      if (!matched) s = bodyOnly;
      if (s > best) {
        best = s;
        bestVariant = vi;
        bestMatched = matched;
      }
    });
    // The variant that won only through the body did not match itself: report no question match.
    return { score: best, variant: bestMatched ? bestVariant : -1 };
  }

  // The most one query term can add to any item's score.
  private termBound(t: WeightedTerm, idf: number): number {
    const x = this.maxX.get(t.term) ?? 0;
    return x > 0 ? t.weight * idf * (x / (this.params.k1 + x)) : 0;
  }

  // The score the query would get against itself as a title: the ceiling used for `confidence`.
  private selfScore(terms: readonly WeightedTerm[]): number {
    const p = this.params;
    const qNorm = 1 - p.bQuestion + (p.bQuestion * terms.length) / this.avgQuestion;
    let s = 0;
    for (const { term, weight } of terms) {
      const x = (p.wTitle * weight) / qNorm;
      s += weight * Math.max(this.idf(term), 0.1) * (x / (p.k1 + x));
    }
    return s > 0 ? s : 1;
  }
}

// A term typed twice counts twice (query term frequency), keeping the highest weight.
function mergeTerms(terms: readonly WeightedTerm[]): WeightedTerm[] {
  const out = new Map<string, number>();
  for (const { term, weight } of terms) out.set(term, (out.get(term) ?? 0) + weight);
  return [...out].map(([term, weight]) => ({ term, weight }));
}

// Best `limit` (score, index) pairs, ties to the lower index, as the full sort would order them.
class TopK {
  private readonly heap: Array<{ score: number; index: number; slot: number }> = [];
  constructor(private readonly limit: number) {}

  // Worse than b: lower score, or the same score and a higher index.
  private static worse(a: { score: number; index: number }, b: { score: number; index: number }): boolean {
    return a.score < b.score || (a.score === b.score && a.index > b.index);
  }

  /** Could an entry scoring `bound` (with any index) still be kept? A tie counts: it may win on its index. */
  admitsAny(bound: number): boolean {
    const root = this.heap[0];
    return this.limit > 0 && (this.heap.length < this.limit || !root || bound >= root.score);
  }

  admits(score: number, index: number): boolean {
    if (this.limit <= 0) return false;
    const root = this.heap[0];
    return this.heap.length < this.limit || !root || TopK.worse(root, { score, index });
  }

  add(score: number, index: number, slot: number): void {
    const h = this.heap;
    if (h.length < this.limit) {
      h.push({ score, index, slot });
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!TopK.worse(h[i] as (typeof h)[number], h[parent] as (typeof h)[number])) break;
        [h[i], h[parent]] = [h[parent] as (typeof h)[number], h[i] as (typeof h)[number]];
        i = parent;
      }
      return;
    }
    h[0] = { score, index, slot };
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && TopK.worse(h[l] as (typeof h)[number], h[m] as (typeof h)[number])) m = l;
      if (r < h.length && TopK.worse(h[r] as (typeof h)[number], h[m] as (typeof h)[number])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as (typeof h)[number], h[i] as (typeof h)[number]];
      i = m;
    }
  }

  /** Slots of the kept entries, best first. */
  slots(): number[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.index - b.index).map((e) => e.slot);
  }
}
