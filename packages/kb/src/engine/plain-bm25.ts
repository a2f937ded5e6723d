import { analyze, termFrequencies } from '../text/analyzer.js';

/**
 * Textbook Okapi BM25 (k1 = 1.2, b = 0.75) over one field, title + body, with lower-casing, accent
 * folding and stop words but no stemming, phrasings or synonyms. The benchmark's baseline.
 *
 * @example
 * const bm25 = new PlainBm25([{ id: 'a', text: 'delete my account' }]);
 * bm25.search('how to delete an account', 5) // ['a']
 */
export class PlainBm25 {
  private readonly docs: Array<{ id: string; tf: Map<string, number>; length: number }>;
  private readonly df = new Map<string, number>();
  private readonly avg: number;

  constructor(
    documents: ReadonlyArray<{ id: string; text: string }>,
    private readonly language = 'en',
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = documents.map((d) => {
      const terms = analyze(d.text, language, { stemming: false });
      return { id: d.id, tf: termFrequencies(terms), length: terms.length };
    });
    for (const d of this.docs) for (const t of d.tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.avg = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length) || 1;
  }

  /** Ids of the best documents, best first. */
  search(query: string, k: number): string[] {
    const terms = analyze(query, this.language, { stemming: false });
    const n = this.docs.length;
    const scored: Array<{ id: string; s: number; i: number }> = [];
    this.docs.forEach((d, i) => {
      let s = 0;
      for (const t of terms) {
        const tf = d.tf.get(t) ?? 0;
        if (tf === 0) continue;
        const df = this.df.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        s += (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * d.length) / this.avg));
      }
      if (s > 0) scored.push({ id: d.id, s, i });
    });
    return scored
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .slice(0, k)
      .map((x) => x.id);
  }
}
