import { describe, expect, it } from 'vitest';
import { citedSources, draftPrompt, summaryPrompt, withoutUnknownCitations } from './llm-prompts.js';

const sources = [
  { articleId: 'a1', title: 'Retours', text: 'Vous avez 30 jours pour retourner un article.' },
  { articleId: 'a2', title: 'Colis endommagé', text: 'Envoyez une photo du colis.' },
];
const lines = [
  { author: 'customer' as const, text: 'Bonjour, mon colis est arrivé abîmé.' },
  { author: 'agent' as const, text: 'Je regarde cela.' },
];

describe('draftPrompt', () => {
  it('numbers the sources in order, quotes the conversation and asks for citations in the customer’s language and register', () => {
    const [system, user] = draftPrompt({ sources, lines, language: 'fr', persona: { tone: 'tu', greetByFirstName: true } });
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('Write in French');
    expect(system?.content).toContain('"tu"');
    expect(system?.content).toContain('[1]');
    expect(user?.content).toContain('[1] Retours\nVous avez 30 jours');
    expect(user?.content).toContain('[2] Colis endommagé\nEnvoyez une photo');
    expect(user?.content).toContain('Customer: Bonjour, mon colis est arrivé abîmé.\nAgent: Je regarde cela.');
  });

  it('keeps the formal register by default and says when there is no source', () => {
    const [system, user] = draftPrompt({ sources: [], lines, language: 'fr', persona: { tone: 'vous', greetByFirstName: false } });
    expect(system?.content).toContain('"vous"');
    expect(user?.content).toContain('(no source)');
    const [english] = draftPrompt({ sources, lines, language: 'en', persona: { tone: 'tu', greetByFirstName: false } });
    expect(english?.content).toContain('Write in English');
    expect(english?.content).not.toContain('"tu"');
  });

  it('clips a very long message so one paste cannot fill the context', () => {
    const [, user] = draftPrompt({
      sources,
      lines: [{ author: 'customer', text: 'x'.repeat(50_000) }],
      language: 'fr',
      persona: { tone: 'vous', greetByFirstName: true },
    });
    expect(user?.content.length).toBeLessThan(5_000);
  });
});

describe('summaryPrompt', () => {
  it('asks for a short factual summary in the agent’s language over the end of the conversation', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ author: 'customer' as const, text: `message ${i}` }));
    const [system, user] = summaryPrompt({ lines: many, language: 'en' });
    expect(system?.content).toContain('Write in English');
    expect(user?.content).toContain('Customer: message 99');
    expect(user?.content).not.toContain('Customer: message 39\n');
  });
});

describe('citations', () => {
  it('keeps only the numbers of given sources, in order of first citation, once each', () => {
    expect(citedSources('Oui [2]. Voir aussi [1, 2] et [7].', 3)).toEqual([2, 1]);
    expect(citedSources('Ok [1][3]', 3)).toEqual([1, 3]);
    expect(citedSources('Rien [0] ni [4] ni [a]', 3)).toEqual([]);
  });

  it('removes markers that name no given source from the text', () => {
    expect(withoutUnknownCitations('Oui [2][7]. Non [1, 9].', 3)).toBe('Oui [2]. Non [1].');
    expect(withoutUnknownCitations('Voir [9].', 3)).toBe('Voir.');
  });
});
