import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractEntities } from './extract-entities.js';
import { fillSlots } from './slot-filling.js';
import { editDistance } from './fuzzy.js';

const NOW = new Date('2025-06-02T08:00:00Z');

describe('entity parsers (properties)', () => {
  it('never throw and always return valid, ordered, non-overlapping spans', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.constantFrom('fr', 'en'), (text, language) => {
        const es = extractEntities(text, { language, now: NOW, custom: { lists: [{ name: 'p', values: [{ value: 'box', synonyms: ['livebox'] }] }] } });
        let last = 0;
        for (const e of es) {
          expect(e.start).toBeGreaterThanOrEqual(last);
          expect(e.end).toBeGreaterThan(e.start);
          expect(text.slice(e.start, e.end)).toBe(e.text);
          last = e.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads back any written amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 }), (units, cents) => {
        const expected = Number(`${units}.${String(cents).padStart(2, '0')}`);
        const fr = `${units},${String(cents).padStart(2, '0')} €`;
        const [e] = extractEntities(`total ${fr}`, { language: 'fr', now: NOW, kinds: ['amount'] });
        expect(e?.value).toEqual({ amount: expected, currency: 'EUR' });
        const [en] = extractEntities(`total $${units}.${String(cents).padStart(2, '0')}`, { language: 'en', now: NOW, kinds: ['amount'] });
        expect(en?.value).toEqual({ amount: expected, currency: 'USD' });
      }),
      { numRuns: 200 },
    );
  });

  it('reads back any day/month/year date and any clock time', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (d, h, m) => {
          const [y, mo, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const iso = `${y}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const [fr] = extractEntities(`le ${day}/${mo}/${y} à ${h}h${String(m).padStart(2, '0')}`, {
            language: 'fr',
            now: NOW,
            timeZone: 'UTC',
            kinds: ['datetime'],
          });
          expect(fr?.value).toMatchObject({ date: iso, time: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` });
          const [en] = extractEntities(`on ${mo}/${day}/${y}`, { language: 'en', now: NOW, timeZone: 'UTC', kinds: ['datetime'] });
          expect(en?.normalized).toBe(iso);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('edit distance is a symmetric metric bounded by length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d === 0).toBe(a === b);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fillSlots', () => {
  const slots = [
    { name: 'when', entity: 'datetime', required: true, prompt: { fr: 'Pour quand ?', en: 'When?' } },
    { name: 'order', entity: 'reference', required: true, prompt: { fr: 'Quel numéro de commande ?', en: 'Which order number?' } },
    { name: 'email', entity: 'email', required: false },
  ];
  it('fills slots over several turns in French and English', () => {
    const t1 = fillSlots(slots, extractEntities('livraison demain à 10h', { language: 'fr', now: NOW }), {}, 'fr');
    expect(t1.missing).toEqual(['order']);
    expect(t1.nextPrompt).toBe('Quel numéro de commande ?');
    const t2 = fillSlots(slots, extractEntities('commande CMD-55821', { language: 'fr', now: NOW }), t1.filled, 'fr');
    expect(t2.complete).toBe(true);
    expect(t2.filled['when']?.normalized).toBe('2025-06-03T10:00:00+02:00');
    const en = fillSlots(slots, extractEntities('order #A77120 next Monday', { language: 'en', now: NOW }), {}, 'en');
    expect(en.complete).toBe(true);
    expect(fillSlots(slots, [], {}, 'en').nextPrompt).toBe('When?');
  });
});
