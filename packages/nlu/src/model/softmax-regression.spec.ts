import { describe, expect, it } from 'vitest';
import { fitTemperature } from './calibration.js';
import { SoftmaxRegression, softmax } from './softmax-regression.js';

const vec = (pairs: Array<[number, number]>) => ({ indices: Int32Array.from(pairs.map((p) => p[0])), values: Float32Array.from(pairs.map((p) => p[1])) });

describe('SoftmaxRegression', () => {
  const data = [
    vec([[0, 1]]),
    vec([[1, 1]]),
    vec([[2, 1]]),
    vec([
      [0, 1],
      [3, 0.5],
    ]),
  ];
  const labels = [0, 1, 2, 0];
  const model = SoftmaxRegression.train(data, labels, 4, 3, { epochs: 30, seed: 1 });

  it('learns separable data', () => {
    labels.forEach((y, i) => {
      const p = model.probabilities(data[i] as never);
      expect(p.indexOf(Math.max(...p))).toBe(y);
    });
  });
  it('serialises weights exactly', () => {
    const copy = SoftmaxRegression.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(copy.weights)).toEqual(Array.from(model.weights));
  });
  it('reports per-feature contributions', () => {
    expect(
      model.contributions(
        vec([
          [0, 1],
          [1, 1],
        ]),
        0,
      )[0]?.feature,
    ).toBe(0);
  });
  it('ignores feature indices beyond the model', () => {
    expect(() => model.logits(vec([[99, 1]]))).not.toThrow();
  });
});

describe('softmax and temperature', () => {
  it('computes a stable softmax', () => {
    expect(Array.from(softmax(Float64Array.from([1000, 1000])))).toEqual([0.5, 0.5]);
  });
  it('softens over-confident wrong logits', () => {
    expect(fitTemperature([Float64Array.from([5, 0]), Float64Array.from([5, 0])], [1, 0])).toBeGreaterThan(1);
    expect(fitTemperature([], [])).toBe(1);
  });
});
