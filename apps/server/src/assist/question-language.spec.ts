import { describe, expect, it } from 'vitest';
import { questionLanguage } from './question-language.js';

describe('questionLanguage', () => {
  const candidates = ['fr', 'en'];

  it('never picks a language the knowledge base has no content in ("ok" is not Dutch)', () => {
    expect(questionLanguage('ok', { candidates, fallbacks: [] })).not.toBe('nl');
    expect(candidates).toContain(questionLanguage('ok', { candidates, fallbacks: [] }));
  });

  it('takes the customer’s locale, then the workspace’s, for a short text', () => {
    expect(questionLanguage('ok', { candidates, fallbacks: ['fr-FR', 'en'] })).toBe('fr');
    expect(questionLanguage('help', { candidates, fallbacks: [null, 'fr'] })).toBe('fr');
    expect(questionLanguage('merci', { candidates, fallbacks: ['en'] })).toBe('en');
    // A locale without content is skipped.
    expect(questionLanguage('ok', { candidates, fallbacks: ['nl', 'fr'] })).toBe('fr');
  });

  it('trusts the detection on a real question, whatever the locale', () => {
    expect(questionLanguage('How do I return an item?', { candidates, fallbacks: ['fr'] })).toBe('en');
    expect(questionLanguage('Où est mon colis ?\nok', { candidates, fallbacks: ['en'] })).toBe('fr');
  });

  it('answers the only language when the knowledge base has one, and null when nothing fits', () => {
    expect(questionLanguage('ok', { candidates: ['fr'], fallbacks: [] })).toBe('fr');
    expect(questionLanguage('', { candidates, fallbacks: [] })).toBeNull();
    expect(questionLanguage('ok', { candidates, fallbacks: ['de'] })).toBe('en');
  });
});
