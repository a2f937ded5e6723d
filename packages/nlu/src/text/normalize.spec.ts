import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText, foldAccents, MAX_TEXT_LENGTH, normalizeText, tokenize } from './normalize.js';
import { getStemmer } from './stemmer.js';

describe('normalisation', () => {
  it('folds accents, apostrophes and whitespace', () => {
    expect(normalizeText('  L’Été   arrive ')).toBe("l'ete arrive");
    expect(foldAccents('Cœur ÇA')).toBe('Coeur CA');
  });
  it('tokenises words and emoji', () => {
    expect(tokenize("j'ai 2 billets 🙂")).toEqual(['j', 'ai', '2', 'billets', '🙂']);
  });
  it('strips control characters and caps length', () => {
    expect(cleanText('a\u0000b\u0007c')).toBe('a b c');
    expect(cleanText('x'.repeat(100_000))).toHaveLength(MAX_TEXT_LENGTH);
  });
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(typeof normalizeText(s)).toBe('string');
        expect(Array.isArray(tokenize(normalizeText(s)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('stems French and English with Snowball', () => {
    expect(getStemmer('fr')('réservations')).toBe('réserv');
    expect(getStemmer('en')('cancelled')).toBe('cancel');
    expect(getStemmer('xx')('words')).toBe('words');
  });
});
