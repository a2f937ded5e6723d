import { createRandom, shuffleInPlace } from '../model/random.js';

/**
 * Splits indices per label so that `fraction` of each label goes to the held-out side,
 * never taking a label's last training example.
 *
 * @example
 * stratifiedSplit(['a', 'a', 'b', 'b'], 0.5, 1) // { train: [...2], heldOut: [...2] }
 */
export function stratifiedSplit(labels: readonly string[], fraction: number, seed: number): { train: number[]; heldOut: number[] } {
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l) ?? [];
    list.push(i);
    byLabel.set(l, list);
  });
  const rand = createRandom(seed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const list of byLabel.values()) {
    shuffleInPlace(list, rand);
    const k = list.length >= 2 ? Math.min(list.length - 1, Math.round(list.length * fraction)) : 0;
    heldOut.push(...list.slice(0, k));
    train.push(...list.slice(k));
  }
  return { train: train.sort((a, b) => a - b), heldOut: heldOut.sort((a, b) => a - b) };
}

/**
 * Assigns each index to one of k folds, stratified by label.
 *
 * @example
 * stratifiedFolds(['a', 'b', 'a', 'b'], 2, 1) // e.g. [0, 1, 1, 0]
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const rand = createRandom(seed);
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const list of byLabel.values()) {
    shuffleInPlace(list, rand);
    list.forEach((idx, j) => (fold[idx] = (j + offset) % k));
    offset += list.length;
  }
  return fold;
}
