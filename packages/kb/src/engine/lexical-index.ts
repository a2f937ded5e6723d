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

  /** All eligible items with a positive score, best first. */
  search(query: AnswerQuery): LexicalHit[] {
    const preferred = this.queryLanguage(query);
    const hits: LexicalHit[] = [];
    for (const language of query.language ? [query.language] : this.languages) {
      const tokens = analyzeTokens(query.question, language, this.analyzer);
      const surfaces = new Map<string, string>();
      for (const t of tokens) if (!surfaces.has(t.term)) surfaces.set(t.term, t.surface);
      const terms = this.expander(language).expand(tokens.map((t) => t.term));
      const merged = mergeTerms(terms);
      if (merged.length === 0) continue;
      const self = this.selfScore(merged);
      const candidates = new Set<number>();
      for (const { term } of merged) for (const i of this.postings.get(term) ?? []) candidates.add(i);
      for (const i of candidates) {
        const it = this.items[i] as IndexedItem;
        if (it.language !== language || !this.eligible(i, query)) continue;
        const scored = this.scoreItem(it, merged);
        if (scored.score <= 0) continue;
        const penalty = preferred && preferred !== language ? this.params.otherLanguagePenalty : 1;
        hits.push({
          index: i,
          score: scored.score * penalty,
          confidence: Math.min(1, scored.score / self) * penalty,
          variant: scored.variant,
          terms: merged,
          surfaces,
        });
      }
    }
    return hits.sort((a, b) => b.score - a.score || a.index - b.index);
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

  private scoreItem(it: IndexedItem, terms: readonly WeightedTerm[]): { score: number; variant: Variant | null } {
    const p = this.params;
    const bodyNorm = 1 - p.bBody + (p.bBody * it.bodyLength) / this.avgBody;
    let best = 0;
    let bestVariant: Variant | null = null;
    for (const v of it.variants) {
      const qNorm = 1 - p.bQuestion + (p.bQuestion * v.length) / this.avgQuestion;
      const w = v.kind === 'title' ? p.wTitle : p.wPhrasing;
      let s = 0;
      for (const { term, weight } of terms) {
        const x = (w * (v.tf.get(term) ?? 0)) / qNorm + (p.wBody * (it.bodyTf.get(term) ?? 0)) / bodyNorm;
        if (x > 0) s += weight * this.idf(term) * (x / (p.k1 + x));
      }
      if (s > best) {
        best = s;
        bestVariant = v;
      }
    }
    // The variant that won only through the body did not match itself: report no question match.
    if (bestVariant && ![...bestVariant.tf.keys()].some((t) => terms.some((q) => q.term === t))) bestVariant = null;
    return { score: best, variant: bestVariant };
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
