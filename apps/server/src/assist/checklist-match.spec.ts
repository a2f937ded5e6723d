import { describe, expect, it } from 'vitest';
import { coveredSteps, matchingProcedure, stepCoverage } from './checklist-match.js';

const STEPS = [
  { id: '1', text: 'Demander le numéro de commande et des photos du colis et de la lampe.', ticked: false },
  { id: '2', text: 'Vérifier la date de livraison (réclamation transporteur sous 48 h).', ticked: false },
  { id: '4', text: 'Proposer un renvoi immédiat ou un remboursement, au choix du client.', ticked: false },
];

describe('checklist step matching', () => {
  it('ticks the step a reply covers, across plural, accents and the instruction verb', () => {
    const covered = coveredSteps(STEPS, "Je suis désolé ! Pouvez-vous m'envoyer votre numero de commande et des photos du colis et de la lampe ?", 'fr');
    expect(covered.map((c) => c.id)).toEqual(['1']);
    expect(covered[0]?.matchedTerms).toEqual(['numero', 'commande', 'photos', 'colis', 'lampe']);
  });

  it('does not tick on a greeting, a one-word overlap or a partial mention', () => {
    expect(coveredSteps(STEPS, 'Bonjour, je regarde cela tout de suite.', 'fr')).toEqual([]);
    expect(coveredSteps(STEPS, 'Votre lampe est partie ce matin.', 'fr')).toEqual([]);
    const partial = stepCoverage(STEPS[1]!.text, 'Quelle est la date de livraison ?', 'fr');
    expect(partial.covered).toBe(false);
    expect(partial.matchedTerms).toEqual(['date', 'livraison']);
  });

  it('leaves ticked steps alone and can cover several steps at once', () => {
    const reply = 'Merci pour le numéro de commande et les photos du colis et de la lampe : je vous propose un renvoi immédiat ou un remboursement.';
    expect(coveredSteps(STEPS, reply, 'fr').map((c) => c.id)).toEqual(['1', '4']);
    expect(coveredSteps([{ ...STEPS[0]!, ticked: true }, STEPS[2]!], reply, 'fr').map((c) => c.id)).toEqual(['4']);
  });

  it('stems English steps too', () => {
    const c = stepCoverage(
      'Ask for the order number and photos of the parcel.',
      'Could you send me your order number and a photo of the damaged parcel?',
      'en',
    );
    expect(c.covered).toBe(true);
    expect(c.matchedTerms).toEqual(['order', 'number', 'photos', 'parcel']);
  });

  it('picks the best procedure with steps above the confidence threshold only', () => {
    const faq = { kind: 'faq', confidence: 0.9, steps: [] as string[], articleId: 'faq' };
    const weak = { kind: 'procedure', confidence: 0.1, steps: ['x'], articleId: 'weak' };
    const good = { kind: 'procedure', confidence: 0.5, steps: ['x'], articleId: 'good' };
    expect(matchingProcedure([faq, good])?.articleId).toBe('good');
    expect(matchingProcedure([faq, weak])).toBeNull();
    expect(matchingProcedure([{ ...good, steps: [] }])).toBeNull();
  });
});
