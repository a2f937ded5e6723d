import { describe, expect, it } from 'vitest';
import { extractRawFeatures, DEFAULT_EXTRACTION } from './feature-extractor.js';
import { TfidfVectorizer } from './vectorizer.js';

describe('feature extraction', () => {
  it('stems words, folds accents and builds word-boundary character n-grams', () => {
    const raw = extractRawFeatures('Réservations annulées', 'fr', DEFAULT_EXTRACTION);
    expect(raw.word.has('w:reserv')).toBe(true);
    expect(raw.word.has('b:reserv annul')).toBe(true);
    expect(raw.char.has('c: res')).toBe(true);
    expect(extractRawFeatures('order 123', 'en', DEFAULT_EXTRACTION).word.has('w:000')).toBe(true);
  });
});

describe('TfidfVectorizer', () => {
  const v = TfidfVectorizer.fit(['book a flight', 'cancel my flight', 'book a table'], 'en');
  it('produces L2-normalised blocks', () => {
    const x = v.transform('book a flight');
    let norm = 0;
    for (const val of x.values) norm += val * val;
    expect(norm).toBeCloseTo(2, 4);
    expect([...x.indices]).toEqual([...x.indices].sort((a, b) => a - b));
  });
  it('ignores unseen n-grams and survives empty text', () => {
    expect(v.transform('zzzz').indices.length).toBe(0);
    expect(v.transform('').indices.length).toBe(0);
  });
  it('round-trips through JSON', () => {
    const copy = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    expect(copy.transform('cancel flight')).toEqual(v.transform('cancel flight'));
  });
});
