import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract-entities.js';
import type { Entity } from './entity.js';

// Thursday 13 March 2025, 10:00 in Paris (09:00 UTC).
const NOW = new Date('2025-03-13T09:00:00Z');
const fr = (text: string, extra = {}): Entity[] => extractEntities(text, { language: 'fr', now: NOW, timeZone: 'Europe/Paris', ...extra });
const en = (text: string, extra = {}): Entity[] => extractEntities(text, { language: 'en', now: NOW, timeZone: 'Europe/London', ...extra });
const kinds = (es: Entity[], kind: string): string[] => es.filter((e) => e.kind === kind).map((e) => e.normalized);

describe('datetime entities', () => {
  it.each([
    ['demain à 14h', '2025-03-14T14:00:00+01:00'],
    ["aujourd'hui", '2025-03-13'],
    ['après-demain', '2025-03-15'],
    ['hier soir', '2025-03-12T19:00:00+01:00'],
    ['vendredi prochain', '2025-03-14'],
    ['lundi dernier', '2025-03-10'],
    ['le 1er avril à 9h30', '2025-04-01T09:30:00+02:00'],
    ['le 14 juillet 2025', '2025-07-14'],
    ['le 25/12/2025', '2025-12-25'],
    ['dans 3 jours', '2025-03-16'],
    ['dans deux heures', '2025-03-13T12:00:00+01:00'],
    ['il y a une semaine', '2025-03-06'],
    ['à midi', '2025-03-13T12:00:00+01:00'],
    ['la semaine prochaine', '2025-03-20'],
  ])('fr: %s', (text, expected) => {
    expect(kinds(fr(`Je voudrais un rendez-vous ${text} svp`), 'datetime')).toEqual([expected]);
  });

  it.each([
    ['tomorrow at 2pm', '2025-03-14T14:00:00+00:00'],
    ['next Friday', '2025-03-14'],
    ['on Monday at 10:30', '2025-03-17T10:30:00+00:00'],
    ['last Tuesday', '2025-03-11'],
    ['March 20th, 2025', '2025-03-20'],
    ['the 2nd of May', '2025-05-02'],
    ['3/25/2025', '2025-03-25'],
    ['in 2 hours', '2025-03-13T11:00:00+00:00'],
    ['three days ago', '2025-03-10'],
    ['today at noon', '2025-03-13T12:00:00+00:00'],
    ['2025-04-30', '2025-04-30'],
    ['next week', '2025-03-20'],
  ])('en: %s', (text, expected) => {
    expect(kinds(en(`Can I book ${text} please`), 'datetime')).toEqual([expected]);
  });

  it('keeps the span and value details', () => {
    const [e] = fr('Rappelez-moi demain à 14h30');
    expect(e).toMatchObject({ kind: 'datetime', text: 'demain à 14h30', value: { date: '2025-03-14', time: '14:30', grain: 'minute', relative: true } });
  });

  it('does not read durations as clock times', () => {
    expect(kinds(fr("j'attends depuis 2 heures"), 'datetime')).toEqual([]);
  });
});

describe('numbers and amounts', () => {
  it('reads French and English number formats', () => {
    expect(kinds(fr('il y a 1 250,50 et trois'), 'number')).toEqual(['1250.5', '3']);
    expect(kinds(en('about 1,250.50 and seven'), 'number')).toEqual(['1250.5', '7']);
  });
  it.each([
    ['fr', 'un remboursement de 49,90 €', '49.90 EUR'],
    ['fr', 'ça coûte 20 euros', '20.00 EUR'],
    ['fr', 'environ 1 200 € par mois', '1200.00 EUR'],
    ['en', 'I was charged $35.99 twice', '35.99 USD'],
    ['en', 'a refund of 15 pounds', '15.00 GBP'],
    ['en', 'it costs EUR 1,200.00', '1200.00 EUR'],
  ])('%s amount: %s', (lang, text, expected) => {
    const es = lang === 'fr' ? fr(text) : en(text);
    expect(kinds(es, 'amount')).toEqual([expected]);
    expect(kinds(es, 'number')).toEqual([]);
  });
});

describe('contact entities', () => {
  it('finds e-mails in both languages', () => {
    expect(kinds(fr('écrivez à Jean.Dupont@Exemple.fr merci'), 'email')).toEqual(['jean.dupont@exemple.fr']);
    expect(kinds(en('my email is jane_doe+shop@mail.co.uk.'), 'email')).toEqual(['jane_doe+shop@mail.co.uk']);
  });
  it('normalises phone numbers to E.164', () => {
    expect(kinds(fr('appelez-moi au 06 12 34 56 78'), 'phone')).toEqual(['+33612345678']);
    expect(kinds(fr('mon numéro : +33 1 42 68 53 00'), 'phone')).toEqual(['+33142685300']);
    expect(kinds(en('call me on 020 7946 0958'), 'phone')).toEqual(['+442079460958']);
    expect(kinds(en('call +1 (415) 555-2671 now', { phoneCountry: 'US' }), 'phone')).toEqual(['+14155552671']);
  });
});

describe('references', () => {
  it('finds order and contract references', () => {
    expect(kinds(fr('ma commande n° 4582137 est en retard'), 'reference')).toEqual(['4582137']);
    expect(kinds(fr('le contrat CT-2024-0042 est résilié'), 'reference')).toEqual(['CT-2024-0042']);
    expect(kinds(en('order #A12345 never arrived'), 'reference')).toEqual(['A12345']);
    expect(kinds(en('my ticket number is TK-99812'), 'reference')).toEqual(['TK-99812']);
  });
});

describe('custom entities', () => {
  const lists = [
    {
      name: 'product',
      values: [
        { value: 'iPhone 15', synonyms: ['iphone quinze'] },
        { value: 'box internet', synonyms: ['livebox', 'freebox', 'router'] },
      ],
    },
  ];
  it('matches list entities with synonyms and typos', () => {
    const es = fr('ma livebxo ne marche plus, ni mon iphnoe 15', { custom: { lists } });
    expect(es.filter((e) => e.kind === 'list').map((e) => [e.value, e.text])).toEqual([
      ['box internet', 'livebxo'],
      ['iPhone 15', 'iphnoe 15'],
    ]);
    expect(es.find((e) => e.kind === 'list')?.confidence).toBeLessThan(1);
    expect(en('my router is down', { custom: { lists } }).map((e) => e.value)).toEqual(['box internet']);
  });
  it('matches English list entities with typos too', () => {
    const es = en('my ruoter is down and my iphone 15 too', { custom: { lists } });
    expect(es.filter((e) => e.kind === 'list').map((e) => [e.value, e.text])).toEqual([
      ['box internet', 'ruoter'],
      ['iPhone 15', 'iphone 15'],
    ]);
    expect(es.find((e) => e.text === 'ruoter')?.confidence).toBeLessThan(1);
  });
  it('matches French regex entities', () => {
    const es = fr('mon numéro de sécurité sociale est 1 85 05 78 006 084 36', {
      custom: { regexes: [{ name: 'nir', pattern: '[12] \\d{2} \\d{2} \\d{2} \\d{3} \\d{3} \\d{2}' }] },
    });
    expect(es.filter((e) => e.name === 'nir').map((e) => e.normalized)).toEqual(['1 85 05 78 006 084 36']);
  });
  it('matches regex entities and lets custom references replace built-ins', () => {
    const es = en('IBAN FR7630006000011234567890189 please', { custom: { regexes: [{ name: 'iban', pattern: 'FR\\d{25}' }] } });
    expect(es.map((e) => [e.name, e.normalized])).toEqual([['iban', 'FR7630006000011234567890189']]);
    const refs = fr('dossier SIN/77/12', { custom: { references: [{ name: 'claim', pattern: /sin\/\d+\/\d+/ }] } });
    expect(refs.map((e) => [e.name, e.normalized])).toEqual([['claim', 'SIN/77/12']]);
  });
});

describe('bad input', () => {
  it('survives empty, emoji-only, control characters and huge input', () => {
    expect(fr('')).toEqual([]);
    expect(en('🙂🙂🔥')).toEqual([]);
    expect(kinds(fr('demain\u0000 à 14h\u0007'), 'datetime')).toHaveLength(1);
    const huge = 'commande 123456 '.repeat(7000);
    const t0 = performance.now();
    expect(fr(huge).length).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  it('rejects an unknown time zone clearly', () => {
    expect(() => fr('demain', { timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });
});
