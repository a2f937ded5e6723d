import { describe, expect, it } from 'vitest';
import { detectLanguage, supportedLanguages } from './language-detector.js';

describe('detectLanguage', () => {
  it.each([
    ["Bonjour, ma commande n'est toujours pas arrivée", 'fr'],
    ['Hi, my order still has not arrived', 'en'],
    ['Hola, mi pedido todavía no ha llegado', 'es'],
    ['Hallo, meine Bestellung ist noch nicht da', 'de'],
    ['Ciao, il mio ordine non è ancora arrivato', 'it'],
    ['Olá, a minha encomenda ainda não chegou', 'pt'],
    ['Hallo, mijn bestelling is nog niet aangekomen', 'nl'],
    ['merci', 'fr'],
    ['thanks', 'en'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text).language).toBe(lang);
  });

  it('returns a ranking with confidences summing to ~1', () => {
    const r = detectLanguage('où est mon colis');
    expect(r.ranking).toHaveLength(supportedLanguages().length);
    expect(r.ranking.reduce((a, b) => a + b.confidence, 0)).toBeCloseTo(1, 2);
  });

  it('restricts to candidate languages', () => {
    expect(
      detectLanguage('gracias', { candidates: ['fr', 'en'] })
        .ranking.map((r) => r.language)
        .sort(),
    ).toEqual(['en', 'fr']);
  });

  it('says "und" for text without words and survives bad input', () => {
    for (const text of ['', '🙂🔥', '12345', '\u0000\u0001']) expect(detectLanguage(text).language).toBe('und');
    expect(detectLanguage('je veux cancel my order please').language).toMatch(/^(fr|en)$/);
    expect(detectLanguage('bonjour '.repeat(20_000)).language).toBe('fr');
  });
});
