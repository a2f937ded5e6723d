import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer.js';
import { SynonymExpander } from './synonyms.js';

describe('analyzer and synonyms', () => {
  it('normalises, drops stop words and stems', () => {
    expect(analyze('Quels sont les délais de livraison ?', 'fr')).toEqual(['del', 'livraison']);
    expect(analyze('The Deliveries', 'en', { stemming: false })).toEqual(['deliveries']);
  });
  it('expands single words and phrases once, with a lower weight', () => {
    const x = new SynonymExpander(
      [
        ['refund', 'money back'],
        ['parcel', 'package'],
      ],
      'en',
      0.5,
    );
    const out = x.expand(analyze('get my money back for the parcel', 'en'));
    expect(out.filter((t) => t.weight === 1).map((t) => t.term)).toEqual(['get', 'money', 'back', 'parcel']);
    expect(out.filter((t) => t.weight === 0.5).map((t) => t.term)).toEqual(['refund', 'packag']);
  });
  it('ignores groups with fewer than two usable members', () => {
    expect(new SynonymExpander([['the'], []], 'en').expand(['x'])).toEqual([{ term: 'x', weight: 1 }]);
  });
});
