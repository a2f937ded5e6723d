import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, parseCsvDocuments, serializeCsvDocuments, toCsv } from './csv.js';
import { parseFrontMatter, parseMarkdownDocument, serializeMarkdownDocument } from './front-matter.js';
import { parseJsonDocuments, serializeJsonDocuments } from './json-documents.js';
import { slugify, type KbDocument } from './kb-document.js';

const word = fc
  .stringMatching(/^[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 ,.:'"#|;\-]{0,30}$/)
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && !s.includes(' | ') && !/^'/.test(s));
const doc: fc.Arbitrary<KbDocument> = fc.record({
  slug: fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}$/),
  kind: fc.constantFrom('article', 'faq', 'procedure', 'canned'),
  language: fc.constantFrom('fr', 'en'),
  title: word,
  body: fc.string({ maxLength: 200 }).map((s) =>
    s
      .replace(/\r/g, '')
      .replace(/^\n+/, '')
      .replace(/^\s*#\s/, 'x ')
      .replace(/^'/, 'x'),
  ),
  summary: fc.option(word, { nil: null }),
  category: fc.option(word, { nil: null }),
  tags: fc.array(word, { maxLength: 3 }).map((a) => a.filter((s) => !/[|;]/.test(s))),
  audiences: fc.constant(['public']),
  channels: fc.array(fc.constantFrom('sms', 'voice', 'webchat'), { maxLength: 2 }),
  phrasings: fc.array(word, { maxLength: 3 }).map((a) => a.filter((s) => !/[|;]/.test(s))),
  steps: fc.array(word, { maxLength: 3 }).map((a) => a.filter((s) => !/[|;]/.test(s))),
  variants: fc.record({ sms: word }, { requiredKeys: [] }),
});

describe('import and export formats', () => {
  it('slugifies', () => {
    expect(slugify('Délais de livraison !')).toBe('delais-de-livraison');
    expect(slugify('!!!')).toBe('article');
  });

  it('reads hand-written Markdown with front matter and a heading title', () => {
    const d = parseMarkdownDocument(
      '---\nlanguage: en\nkind: faq\ntags: [delivery, "time, days"]\nphrasings:\n  - How long?\n  - When will it arrive?\nvariants:\n  sms: 2-4 days\n---\n# Delivery\n\nIt takes **2–4** days.',
      'delivery-times.md',
    );
    expect(d).toMatchObject({
      slug: 'delivery-times',
      kind: 'faq',
      language: 'en',
      title: 'Delivery',
      body: 'It takes **2–4** days.',
      tags: ['delivery', 'time, days'],
      phrasings: ['How long?', 'When will it arrive?'],
      variants: { sms: '2-4 days' },
    });
    expect(parseMarkdownDocument('no front matter at all')).toBe('missing "title"');
    expect(parseFrontMatter('---\nbroken').data).toEqual({});
  });

  it('round-trips Markdown, CSV and JSON', () => {
    fc.assert(
      fc.property(doc, (d) => {
        expect(parseMarkdownDocument(serializeMarkdownDocument(d))).toEqual(d);
        expect(parseJsonDocuments(serializeJsonDocuments([d])).documents).toEqual([d]);
        const csv = parseCsvDocuments(serializeCsvDocuments([d]));
        expect(csv.issues).toEqual([]);
        expect(csv.documents[0]).toEqual({ ...d, variants: d.variants['sms'] ? { sms: d.variants['sms'] } : {} });
      }),
      { numRuns: 300 },
    );
  });

  it('parses any CSV that toCsv wrote, and never throws on garbage', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.string().filter((s) => !/^[=+\-@\t\r']/.test(s)),
            { minLength: 1, maxLength: 4 },
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (rows) => {
          const nonEmpty = rows.filter((r) => !(r.length === 1 && r[0] === ''));
          expect(parseCsv(toCsv(nonEmpty))).toEqual(nonEmpty);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseCsvDocuments(s);
        parseJsonDocuments(s);
        parseMarkdownDocument(s);
      }),
    );
  });

  it('neutralises spreadsheet formulas in CSV exports', () => {
    expect(toCsv([['=HYPERLINK("x")']])).toBe('"\'=HYPERLINK(""x"")"\r\n');
  });

  it('reports unusable rows', () => {
    expect(parseCsvDocuments('title,body,kind\n,x,\nOk,y,bogus\nGood,z,faq').issues.map((i) => i.where)).toEqual(['row 2', 'row 3']);
    expect(parseJsonDocuments('{').issues[0]?.message).toBe('invalid JSON');
    expect(parseJsonDocuments('[1, {"title": "A"}]').issues).toEqual([{ where: 'item 1', message: 'not an object' }]);
  });
});
