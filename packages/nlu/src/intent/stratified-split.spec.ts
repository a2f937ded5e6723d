import { describe, expect, it } from 'vitest';
import { stratifiedFolds, stratifiedSplit } from './stratified-split.js';

describe('stratified splits', () => {
  const labels = [...Array(20).fill('a'), ...Array(10).fill('b'), 'c'];
  it('holds out a share of each label but never the last example', () => {
    const s = stratifiedSplit(labels, 0.2, 1);
    expect(s.heldOut.filter((i) => labels[i] === 'a')).toHaveLength(4);
    expect(s.heldOut.filter((i) => labels[i] === 'b')).toHaveLength(2);
    expect(s.train.filter((i) => labels[i] === 'c')).toHaveLength(1);
    expect([...s.train, ...s.heldOut].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
  });
  it('spreads each label over the folds', () => {
    const folds = stratifiedFolds(labels, 5, 1);
    for (let k = 0; k < 5; k++) expect(folds.filter((f, i) => f === k && labels[i] === 'a')).toHaveLength(4);
  });
});
