import { describe, expect, it } from 'vitest';
import { extractiveSummary } from './wrap-up-summary.js';

describe('extractive wrap-up summary', () => {
  const messages = [
    { author: 'customer' as const, text: 'Bonjour !' },
    { author: 'customer' as const, text: 'Ma lampe Atelier est arrivée cassée, le pied en verre est brisé. Commande CMD-48213.' },
    { author: 'agent' as const, text: 'Bonjour, je suis désolé.' },
    { author: 'agent' as const, text: 'Pouvez-vous envoyer des photos du colis et de la lampe ?' },
    { author: 'customer' as const, text: 'Voilà les photos. Merci.' },
    { author: 'agent' as const, text: 'Merci. Je vous envoie une lampe neuve dès demain, sans frais, et j’ouvre une réclamation Colissimo.' },
    { author: 'customer' as const, text: 'Parfait, merci beaucoup !' },
  ];

  it('keeps the informative sentences of each side in order, with the topic and the references', () => {
    const s = extractiveSummary({ messages, language: 'fr', topic: 'Procédure : colis reçu endommagé' });
    expect(s.references).toEqual(['CMD-48213']);
    expect(s.customerSentences[0]).toBe('Ma lampe Atelier est arrivée cassée, le pied en verre est brisé.');
    expect(s.customerSentences).not.toContain('Bonjour !');
    expect(s.customerSentences).not.toContain('Parfait, merci beaucoup !');
    expect(s.agentSentences).toEqual([
      'Pouvez-vous envoyer des photos du colis et de la lampe ?',
      'Je vous envoie une lampe neuve dès demain, sans frais, et j’ouvre une réclamation Colissimo.',
    ]);
    expect(s.summary.split('\n')).toEqual([
      'Motif : Procédure : colis reçu endommagé',
      `Client : ${s.customerSentences.join(' ')}`,
      `Réponse : ${s.agentSentences.join(' ')}`,
      'Références : CMD-48213',
    ]);
  });

  it('writes English labels and nothing for an empty conversation', () => {
    const s = extractiveSummary({ messages: [{ author: 'customer', text: 'My lamp arrived broken, the glass base is shattered.' }], language: 'en' });
    expect(s.summary).toBe('Customer: My lamp arrived broken, the glass base is shattered.');
    expect(extractiveSummary({ messages: [], language: 'en' }).summary).toBe('');
  });
});
