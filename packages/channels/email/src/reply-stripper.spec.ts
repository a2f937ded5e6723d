import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stripQuotedReply } from './reply-stripper.js';

describe('stripQuotedReply', () => {
  it.each([
    [
      'Gmail FR',
      'Merci, c’est reçu.\n\nLe lun. 3 janv. 2026 à 10:00, Maison Lumière <support@shop.test> a écrit :\n> Bonjour,\n> votre colis est parti.',
      'Merci, c’est reçu.',
    ],
    ['Gmail EN', 'Thanks!\n\nOn Mon, Jan 3, 2026 at 10:00 AM Maison <support@shop.test> wrote:\n> Hello', 'Thanks!'],
    ['wrapped attribution', 'Yes please.\n\nOn Mon, Jan 3, 2026 at 10:00 AM Maison Lumière Support Team <support@shop.test>\nwrote:\n> Hello', 'Yes please.'],
    [
      'Outlook FR',
      'Parfait.\n\nDe : Maison Lumière <support@shop.test>\nEnvoyé : lundi 3 janvier 2026 10:00\nÀ : Jeanne\nObjet : Commande\n\nBonjour',
      'Parfait.',
    ],
    ['Outlook EN', 'Fine.\r\n\r\nFrom: Maison <support@shop.test>\r\nSent: Monday, January 3, 2026 10:00 AM\r\nTo: Jeanne\r\n\r\nHello', 'Fine.'],
    ['original message', 'OK\n-----Original Message-----\nFrom: x', 'OK'],
    ['signature', 'Où est mon colis ?\n\n-- \nJeanne Martin\n06 12 34 56 78', 'Où est mon colis ?'],
    ['iPhone FR', 'Oui merci\n\nEnvoyé de mon iPhone', 'Oui merci'],
    ['iPhone EN', 'Yes\n\nSent from my iPhone\n\n> On Mon wrote', 'Yes'],
    ['interleaved quotes', '> Pouvez-vous confirmer ?\nOui, confirmé.\n> Et l’adresse ?\nLa même.', 'Oui, confirmé.\nLa même.'],
  ])('%s', (_name, input, expected) => {
    expect(stripQuotedReply(input).visible).toBe(expected);
  });

  it('keeps a body that is only a quote (a bare forward) rather than showing nothing', () => {
    expect(stripQuotedReply('> forwarded line').visible).toBe('> forwarded line');
  });

  it('reports what it removed', () => {
    expect(stripQuotedReply('Merci\n-- \nJ')).toMatchObject({ quoteRemoved: false, signatureRemoved: true });
    expect(stripQuotedReply('Merci\n> x')).toMatchObject({ quoteRemoved: true, signatureRemoved: false });
  });

  const emailish = fc.array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        '-- ',
        '> quoted',
        'Le 3 janv. 2026, X <x@y> a écrit :',
        'On Mon, X wrote:',
        'De : X',
        'Envoyé : lundi',
        'Sent from my iPhone',
        '',
        '   ',
      ),
    ),
    { maxLength: 30 },
  );

  it('never throws, and only removes lines: the output lines are an ordered subsequence of the input lines', () => {
    fc.assert(
      fc.property(emailish, (lines) => {
        const input = lines.join('\n');
        const { visible } = stripQuotedReply(input);
        const source = input
          .replace(/\r\n?/g, '\n')
          .split('\n')
          .map((l) => l.replace(/\s+$/, ''));
        let i = 0;
        for (const line of visible.split('\n')) {
          while (i < source.length && source[i] !== line) i++;
          expect(i).toBeLessThan(source.length);
          i++;
        }
        expect(visible.length).toBeLessThanOrEqual(input.length);
      }),
    );
  });

  it('is stable: stripping the result again changes nothing when text was kept', () => {
    fc.assert(
      fc.property(emailish, (lines) => {
        const once = stripQuotedReply(lines.join('\n'));
        if (!once.quoteRemoved && !once.signatureRemoved) return;
        expect(stripQuotedReply(once.visible).visible).toBe(once.visible);
      }),
    );
  });
});
