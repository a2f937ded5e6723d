import { describe, expect, it } from 'vitest';
import { adaptReply, applyPersona, DEFAULT_PERSONA, firstName, trimAtSentence, variantKey } from './reply-adaptation.js';

const LONG = 'Les lampes en stock partent sous 24 heures. La livraison prend 2 à 4 jours ouvrés en France. '.repeat(6).trim();

describe('reply adaptation', () => {
  it('maps channel types to the knowledge base variant keys', () => {
    expect(variantKey('twilio_sms')).toBe('sms');
    expect(variantKey('voice')).toBe('voice');
    expect(variantKey('webchat')).toBeNull();
    expect(variantKey('messenger')).toBeNull();
  });

  it('trims at the last sentence end that fits, else at a word with an ellipsis', () => {
    expect(trimAtSentence('Un. Deux trois. Quatre.', 16)).toBe('Un. Deux trois.');
    expect(trimAtSentence('Un deux trois quatre cinq', 12)).toBe('Un deux…');
    expect(trimAtSentence('Court.', 100)).toBe('Court.');
  });

  it('uses the SMS variant when the article has one, and trims otherwise', () => {
    const base = { channelType: 'twilio_sms', maxTextLength: 1600, persona: DEFAULT_PERSONA, language: 'fr', firstName: null, greet: true };
    const withVariant = adaptReply({ text: LONG, variants: { sms: 'Livraison en 2 à 4 jours ouvrés.' } }, base);
    expect(withVariant).toEqual({
      channelText: 'Livraison en 2 à 4 jours ouvrés.',
      adaptedText: 'Livraison en 2 à 4 jours ouvrés.',
      variant: 'sms',
      trimmed: false,
      greeting: false,
    });
    const trimmed = adaptReply({ text: `**${LONG}**`, variants: {} }, base);
    expect(trimmed.trimmed).toBe(true);
    expect(trimmed.adaptedText.length).toBeLessThanOrEqual(320);
    expect(trimmed.adaptedText).toMatch(/^Les lampes.*ouvrés en France\.$/);
    // A web chat takes the full answer.
    expect(adaptReply({ text: LONG, variants: { sms: 'x' } }, { ...base, channelType: 'webchat', maxTextLength: 20_000 }).adaptedText).toBe(LONG);
  });

  it('greets by first name in the persona’s register, once, without breaking acronyms', () => {
    const input = { persona: DEFAULT_PERSONA, language: 'fr', firstName: 'Camille', greet: true };
    expect(applyPersona('Les lampes partent sous 24 h.', input)).toBe('Bonjour Camille, les lampes partent sous 24 h.');
    expect(applyPersona('CB, Visa et PayPal.', input)).toBe('Bonjour Camille, CB, Visa et PayPal.');
    expect(applyPersona('Bonjour ! Je regarde.', input)).toBe('Bonjour Camille ! Je regarde.');
    expect(applyPersona('Les lampes partent.', { ...input, persona: { tone: 'tu', greetByFirstName: true } })).toBe('Salut Camille, les lampes partent.');
    expect(applyPersona('Lamps ship within a day.', { ...input, language: 'en' })).toBe('Hello Camille, lamps ship within a day.');
    expect(applyPersona('Les lampes partent.', { ...input, greet: false })).toBe('Les lampes partent.');
    expect(applyPersona('Les lampes partent.', { ...input, persona: { tone: 'vous', greetByFirstName: false } })).toBe('Les lampes partent.');
  });

  it('finds a first name only where there is one', () => {
    expect(firstName('camille durand')).toBe('Camille');
    expect(firstName('camille@example.com')).toBeNull();
    expect(firstName('+33612345678')).toBeNull();
    expect(firstName('Visiteur 42')).toBeNull();
    expect(firstName(null)).toBeNull();
  });
});
