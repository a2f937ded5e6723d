import { analyze, type AnalyzerOptions } from './analyzer.js';

/** Groups of interchangeable words or short phrases, e.g. `[['livraison', 'expédition', 'envoi']]`. */
export type SynonymGroups = readonly (readonly string[])[];

/** A weighted query term: synonyms count less than the words the customer typed. */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

interface AnalyzedGroup {
  readonly members: string[][];
}

/**
 * Expands analysed query terms with a workspace's synonyms. Members are analysed with the same
 * analyzer as the index, so a group written with accents and plurals still matches.
 *
 * @example
 * const x = new SynonymExpander([['refund', 'money back']], 'en');
 * x.expand(analyze('get my money back', 'en')) // [{term:'money',weight:1},{term:'back',weight:1},{term:'refund',weight:0.6}]
 */
export class SynonymExpander {
  private readonly groups: AnalyzedGroup[];

  constructor(
    groups: SynonymGroups,
    language: string,
    private readonly weight = 0.6,
    options: AnalyzerOptions = {},
  ) {
    this.groups = groups.map((g) => ({ members: g.map((m) => analyze(m, language, options)).filter((m) => m.length > 0) })).filter((g) => g.members.length > 1);
  }

  /** Original terms with weight 1, then each synonym of a matched member once, with the synonym weight. */
  expand(terms: readonly string[]): WeightedTerm[] {
    const out: WeightedTerm[] = terms.map((term) => ({ term, weight: 1 }));
    const seen = new Set(terms);
    for (const group of this.groups) {
      if (!group.members.some((m) => containsSequence(terms, m))) continue;
      for (const member of group.members)
        for (const term of member)
          if (!seen.has(term)) {
            seen.add(term);
            out.push({ term, weight: this.weight });
          }
    }
    return out;
  }
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
