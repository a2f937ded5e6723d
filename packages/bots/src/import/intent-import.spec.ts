import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBotDefinition } from '../definition/bot-definition.schema.js';
import { LUMI_BOT } from '../demo/lumi-bot.js';
import { parseDialogflowAgent } from './dialogflow-agent.js';
import { mergeImportedIntents } from './merge-intents.js';
import { parseRasaNlu } from './rasa-nlu.js';
import { readZip } from './zip-reader.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const lumi = (() => {
  const parsed = parseBotDefinition(LUMI_BOT);
  if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
  return parsed.definition;
})();

describe('Rasa nlu.yml import', () => {
  it('reads intents and examples, strips entity annotations and reports synonyms, lookups and regexes', () => {
    const result = parseRasaNlu(fixture('rasa-nlu-fr.yml').toString('utf8'), 'fr');
    if (!result.ok) throw new Error(result.error);
    expect(result.intents.map((i) => i.id)).toEqual(['greet', 'suivi_commande', 'horaires']);
    expect(result.intents[1]?.phrases.fr).toEqual([
      'où en est ma commande ?',
      'je voudrais suivre ma commande CMD-10042',
      'quand vais-je recevoir mon colis',
      "mon colis n'est toujours pas arrivé",
      'statut de la commande CMD-20077',
    ]);
    expect(result.intents[2]?.phrases.fr).toContain('à quelle heure ouvre le magasin de Lyon');
    expect(result.entities).toEqual(['jour', 'order_ref', 'ville']);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'synonym entries are not imported',
      'lookup entries are not imported',
      'regex entries are not imported',
    ]);
  });

  it('reads the indented form and examples given as text objects (English)', () => {
    const result = parseRasaNlu(fixture('rasa-nlu-en.yml').toString('utf8'), 'en');
    if (!result.ok) throw new Error(result.error);
    expect(result.intents.find((i) => i.id === 'opening_hours')?.phrases.en).toEqual(['what time do you open on Saturday?', 'are you open today']);
    expect(result.intents.find((i) => i.id === 'track_order')?.phrases.en).toContain('I want to track order CMD-10042');
  });

  it('says what is wrong with a file that is not Rasa NLU data', () => {
    expect(parseRasaNlu('nlu: [unclosed', 'fr')).toMatchObject({ ok: false, error: expect.stringContaining('not valid YAML') });
    expect(parseRasaNlu('version: "3.1"\nrules: []\n', 'fr')).toEqual({ ok: false, error: 'not a Rasa NLU file: no "nlu:" list' });
  });

  it('never throws on arbitrary text and always returns phrases within the schema limits', () => {
    const yamlish = fc
      .array(fc.constantFrom('nlu:\n', '- intent: a\n', '  examples: |\n', '    - [x](e) y\n', '- synonym: s\n', '&a [*a]\n', ': :\n', '"\n', '\t'), {
        maxLength: 30,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish), (text) => {
        const result = parseRasaNlu(text, 'fr');
        if (result.ok) for (const intent of result.intents) for (const p of intent.phrases.fr ?? []) expect(p.length).toBeLessThanOrEqual(500);
        else expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Dialogflow ES agent import', () => {
  it('reads training phrases per language, text responses as answers, and skips the fallback intent', () => {
    const result = parseDialogflowAgent(new Uint8Array(fixture('dialogflow-agent.zip')));
    if (!result.ok) throw new Error(result.error);
    const hours = result.intents.find((i) => i.id === 'horaires_magasin');
    expect(hours).toMatchObject({
      label: 'Horaires Magasin',
      phrases: {
        fr: ["quels sont vos horaires d'ouverture", 'vous êtes ouverts samedi ?', 'à quelle heure fermez-vous'],
        en: ['what are your opening hours', 'when do you close'],
      },
      answer: { fr: 'Nous sommes ouverts du lundi au samedi, de 9 h à 19 h.', en: 'We are open Monday to Saturday, 9 am to 7 pm.' },
    });
    const tracking = result.intents.find((i) => i.id === 'suivi_commande');
    expect(tracking?.phrases.fr).toContain('je veux suivre la commande CMD-10042');
    expect(tracking?.answer).toBeUndefined();
    expect(result.entities).toEqual(['order_ref', 'sys.date']);
    expect(result.skipped).toContainEqual({ item: 'Default Fallback Intent', reason: 'fallback intent (the bot has its own fallback policy)' });
  });

  it('refuses what is not a ZIP, or a ZIP without intents', () => {
    expect(parseDialogflowAgent(new TextEncoder().encode('hello'))).toEqual({ ok: false, error: 'not a ZIP archive (no central directory)' });
    expect(parseDialogflowAgent(zip([['agent.json', '{}']]))).toEqual({ ok: false, error: 'not a Dialogflow agent export: no intents/ folder' });
  });

  it('stops a ZIP whose entries claim less than they unpack to', () => {
    const big = zip([['intents/a_usersays_fr.json', 'x'.repeat(10_000)]], { lieAboutSize: 10 });
    expect(readZip(big).ok).toBe(false);
  });

  it('never throws on arbitrary or damaged archives', () => {
    const valid = new Uint8Array(fixture('dialogflow-agent.zip'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(), fc.nat(255), (noise, at, value) => {
        const damaged = valid.slice();
        damaged[at % damaged.length] = value;
        for (const bytes of [noise, damaged]) {
          const result = parseDialogflowAgent(bytes);
          if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('merging imported intents into a draft', () => {
  it('adds new phrases and intents, keeps what exists, answers only intents without a scenario, and stays a valid definition', () => {
    const rasa = parseRasaNlu(fixture('rasa-nlu-fr.yml').toString('utf8'), 'fr');
    const dialogflow = parseDialogflowAgent(new Uint8Array(fixture('dialogflow-agent.zip')));
    if (!rasa.ok || !dialogflow.ok) throw new Error('fixtures');
    const renamed = rasa.intents.map((i) => (i.id === 'suivi_commande' ? { ...i, id: 'track_order' } : i));
    const first = mergeImportedIntents(lumi, renamed, rasa.entities, rasa.skipped);
    expect(first.report.created).toEqual(['greet', 'horaires']);
    expect(first.report.updated).toEqual(['track_order']);
    const tracking = first.definition.intents.find((i) => i.id === 'track_order');
    expect(tracking?.phrases.fr).toEqual(
      expect.arrayContaining(['je voudrais suivre ma commande CMD-10042', ...(lumi.intents.find((i) => i.id === 'track_order')?.phrases.fr ?? [])]),
    );
    expect(tracking?.phrases.en).toEqual(lumi.intents.find((i) => i.id === 'track_order')?.phrases.en);
    expect(first.report.skipped).toHaveLength(3);
    // The same import again adds nothing.
    const again = mergeImportedIntents(first.definition, renamed);
    expect(again.report).toMatchObject({ created: [], updated: [], phrasesAdded: 0, phrasesKnown: first.report.phrasesAdded + first.report.phrasesKnown });

    const second = mergeImportedIntents(first.definition, dialogflow.intents, dialogflow.entities, dialogflow.skipped);
    expect(second.report.created).toEqual(['horaires_magasin', 'suivi_commande']);
    expect(second.definition.answers.find((a) => a.intent === 'horaires_magasin')?.text).toEqual({
      fr: 'Nous sommes ouverts du lundi au samedi, de 9 h à 19 h.',
      en: 'We are open Monday to Saturday, 9 am to 7 pm.',
    });
    expect(second.definition.intents.find((i) => i.id === 'horaires_magasin')?.label).toEqual({ fr: 'Horaires Magasin', en: 'Horaires Magasin' });
    expect(parseBotDefinition(second.definition).ok).toBe(true);
    expect(lumi.intents.find((i) => i.id === 'greet')).toBeUndefined();
  });
});

/** A small ZIP writer for the tests (deflated entries; optionally a false uncompressed size). */
function zip(entries: Array<[string, string]>, options: { lieAboutSize?: number } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name);
    const data = deflateRawSync(Buffer.from(content));
    const size = options.lieAboutSize ?? Buffer.byteLength(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
