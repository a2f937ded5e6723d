/** One feature that weighed in a decision, in readable form. */
export interface FeatureContribution {
  /** The n-gram as text: a word stem, a word pair, or a character sequence ("_" marks a word boundary). */
  readonly feature: string;
  readonly kind: 'word' | 'bigram' | 'chars' | 'other';
  /** value × weight for the predicted class; positive pushes towards it. */
  readonly weight: number;
}

/**
 * Turns an internal feature key ("w:annul", "b:^ cancel", "c: ann") into a readable contribution.
 *
 * @example
 * describeFeature('c: ann', 0.4) // { feature: '_ann', kind: 'chars', weight: 0.4 }
 */
export function describeFeature(key: string, weight: number): FeatureContribution {
  const body = key.slice(2);
  const rounded = Math.round(weight * 1e4) / 1e4;
  if (key.startsWith('w:')) return { feature: body, kind: 'word', weight: rounded };
  if (key.startsWith('b:')) return { feature: body.replace('^ ', '<start> '), kind: 'bigram', weight: rounded };
  if (key.startsWith('c:')) return { feature: body.replace(/ /g, '_'), kind: 'chars', weight: rounded };
  return { feature: key, kind: 'other', weight: rounded };
}
