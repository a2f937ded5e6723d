import { describe, expect, it } from 'vitest';
import { accuracy, bootstrapInterval, macroF1, percentile, wilsonInterval } from './metrics.js';
import { evaluate } from './evaluate.js';

describe('metrics', () => {
  it('computes accuracy and macro-F1', () => {
    expect(accuracy(['a', 'b', 'b'], ['a', 'b', 'a'])).toBeCloseTo(2 / 3);
    expect(macroF1(['a', 'a'], ['a', 'b'])).toBeCloseTo(1 / 3);
    expect(accuracy([], [])).toBe(0);
  });
  it('gives sensible intervals', () => {
    const w = wilsonInterval(90, 100);
    expect(w.low).toBeCloseTo(0.826, 2);
    expect(w.high).toBeCloseTo(0.945, 2);
    const b = bootstrapInterval(['a', 'b', 'a', 'b'], ['a', 'b', 'b', 'b'], accuracy, 200);
    expect(b.low).toBeLessThanOrEqual(0.75);
    expect(b.high).toBeGreaterThanOrEqual(0.75);
  });
  it('takes nearest-rank percentiles', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([], 99)).toBe(0);
  });
});

describe('evaluate', () => {
  const train = [
    ...['cancel my order', 'cancel it', 'stop my order'].map((text) => ({ text, label: 'cancel' })),
    ...['where is my parcel', 'track my order', 'parcel status'].map((text) => ({ text, label: 'track' })),
    ...['tell me a joke', 'weather today', 'who won the game'].map((text) => ({ text, label: 'oos' })),
  ];
  it('reports in-scope accuracy and OOS recall for open-set intent data', () => {
    const r = evaluate(
      train,
      [
        { text: 'cancel the order', label: 'cancel' },
        { text: 'a joke please', label: 'oos' },
      ],
      { task: 'intent', language: 'en' },
    );
    expect(r.inScopeAccuracy).toBeDefined();
    expect(r.oosRecall).toBeDefined();
    expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
  });
  it('evaluates sentiment', () => {
    const rows = [
      { text: 'great thanks', label: 'positive' },
      { text: 'awful service', label: 'negative' },
      { text: 'love it', label: 'positive' },
      { text: 'terrible', label: 'negative' },
    ];
    const r = evaluate(rows, rows, { task: 'sentiment', language: 'en' });
    expect(r.accuracy).toBeGreaterThan(0.7);
    expect(r.inScopeAccuracy).toBeUndefined();
  });
});
