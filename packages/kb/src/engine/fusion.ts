/** How lexical and dense rankings combine. */
export type FusionOptions = { readonly method: 'rrf'; readonly k?: number } | { readonly method: 'weighted'; readonly lexicalWeight: number };

/**
 * Reciprocal rank fusion: Σ 1 / (k + rank). Robust when the two scores live on different scales.
 *
 * @example
 * reciprocalRankFusion([['a', 'b'], ['b', 'c']]).get('b') // 1/62 + 1/61
 */
export function reciprocalRankFusion(rankings: ReadonlyArray<readonly string[]>, k = 60): Map<string, number> {
  const out = new Map<string, number>();
  for (const ranking of rankings) ranking.forEach((id, r) => out.set(id, (out.get(id) ?? 0) + 1 / (k + r + 1)));
  return out;
}

/**
 * Weighted sum of the lexical score divided by the query's best lexical score and the cosine similarity.
 *
 * @example
 * weightedFusion(new Map([['a', 4]]), new Map([['a', 0.5]]), 0.5).get('a') // 0.75
 */
export function weightedFusion(lexical: ReadonlyMap<string, number>, dense: ReadonlyMap<string, number>, lexicalWeight: number): Map<string, number> {
  const max = Math.max(0, ...lexical.values()) || 1;
  const out = new Map<string, number>();
  for (const id of new Set([...lexical.keys(), ...dense.keys()]))
    out.set(id, lexicalWeight * ((lexical.get(id) ?? 0) / max) + (1 - lexicalWeight) * Math.max(0, dense.get(id) ?? 0));
  return out;
}
