import fc from 'fast-check';

/**
 * Bodies no provider sends, each a classic way to trip a parser: nothing, the wrong JSON type,
 * truncated JSON, bytes that are not UTF-8, deep nesting, prototype keys, broken percent-escapes
 * in form bodies, and a body far larger than any real webhook.
 */
export const GARBAGE_BODIES: ReadonlyArray<{ name: string; body: Buffer }> = [
  { name: 'empty', body: Buffer.alloc(0) },
  { name: 'null', body: Buffer.from('null') },
  { name: 'a number', body: Buffer.from('42') },
  { name: 'a string', body: Buffer.from('"hello"') },
  { name: 'an empty object', body: Buffer.from('{}') },
  { name: 'an empty array', body: Buffer.from('[]') },
  { name: 'truncated JSON', body: Buffer.from('{"object":"page","entry":[{"id":') },
  { name: 'invalid UTF-8', body: Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x80, 0xc3, 0x28]) },
  { name: 'deep nesting', body: Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`) },
  { name: 'prototype keys', body: Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') },
  { name: 'a form with broken escapes', body: Buffer.from('MessageSid=%&From=%E0%A4%A&Body=%ZZ&NumMedia=9999999999') },
  { name: 'a form of empty pairs', body: Buffer.from('&&=&a=&=b') },
  { name: 'XML', body: Buffer.from('<?xml version="1.0"?><Response><Message>hi</Message></Response>') },
  { name: 'a 300 kB string', body: Buffer.from(JSON.stringify({ text: 'x'.repeat(300_000) })) },
];

/** Values that break careless code: broken escapes, lone surrogates, huge numbers, oversized text. */
const NASTY_STRINGS = [
  '',
  ' ',
  '%',
  '%E0%A4%A',
  'https://cdn.example/%E0%A4%A',
  'https://cdn.example/a%2',
  'http://',
  'javascript:alert(1)',
  '\u0000',
  '\uD800',
  '__proto__',
  '1e400',
  '-1',
  '99999999999999999999',
  '+33 6 12 34 56 78',
  'x'.repeat(25_000),
] as const;
const NASTY_NUMBERS = [0, -1, 1.5, 1e20, -1e20, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER] as const;

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...NASTY_STRINGS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

type Mutation = { at: number; op: 'set' | 'delete' | 'repeat'; value: unknown };
const mutations = fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('set', 'delete', 'repeat'), value: leaf }) as fc.Arbitrary<Mutation>, {
  minLength: 1,
  maxLength: 3,
});

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** Every (container, key) pair of a JSON value, depth first: the places a mutation can hit. */
function slots(root: unknown): Array<{ parent: Container; key: string | number }> {
  const out: Array<{ parent: Container; key: string | number }> = [];
  const walk = (node: unknown) => {
    if (!isContainer(node)) return;
    if (Array.isArray(node))
      node.forEach((child, i) => {
        out.push({ parent: node, key: i });
        walk(child);
      });
    else
      for (const [k, child] of Object.entries(node)) {
        out.push({ parent: node, key: k });
        walk(child);
      }
  };
  walk(root);
  return out;
}

function applyJson(sample: unknown, changes: Mutation[]): unknown {
  const root = { value: structuredClone(sample) as unknown };
  for (const change of changes) {
    const all = [{ parent: root as Container, key: 'value' as string | number }, ...slots(root.value)];
    const slot = all[change.at % all.length];
    if (!slot) continue;
    const { parent, key } = slot;
    const current = (parent as Record<string | number, unknown>)[key];
    if (change.op === 'delete' && parent !== root) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[String(key)];
    } else if (change.op === 'repeat' && Array.isArray(current) && current.length > 0) {
      // Many copies of a real item: the limits on counts (blocks per message, items per body).
      (parent as Record<string | number, unknown>)[key] = Array.from({ length: 25 }, () => structuredClone(current[0]));
    } else {
      (parent as Record<string | number, unknown>)[key] = change.value;
    }
  }
  return root.value;
}

function applyForm(sample: string, changes: Mutation[]): string {
  const pairs = [...new URLSearchParams(sample).entries()];
  for (const change of changes) {
    const index = pairs.length === 0 ? 0 : change.at % pairs.length;
    const pair = pairs[index];
    const value = typeof change.value === 'string' ? change.value : JSON.stringify(change.value);
    if (change.op === 'delete') pairs.splice(index, 1);
    else if (change.op === 'repeat' && pair) for (let i = 0; i < 25; i++) pairs.push([pair[0], pair[1]]);
    else if (pair) pair[1] = value;
    else pairs.push(['Body', value]);
  }
  return new URLSearchParams(pairs).toString();
}

/**
 * Provider payloads with one to three random changes (a leaf replaced by a nasty value, a key
 * removed, an array repeated 25 times): bodies that pass the first checks and reach deep into
 * the parser.
 *
 * @example
 * fc.assert(fc.property(mutatedBodies(samples, 'json'), (body) => { adapter.parseInbound(...) }));
 */
export function mutatedBodies(samples: readonly string[], format: 'json' | 'form'): fc.Arbitrary<Buffer> {
  const parsed = samples.map((s) => (format === 'json' ? (JSON.parse(s) as unknown) : s));
  return fc.tuple(fc.nat({ max: Math.max(0, parsed.length - 1) }), mutations).map(([i, changes]) => {
    const sample = parsed[i];
    const mutated = format === 'json' ? JSON.stringify(applyJson(sample, changes)) : applyForm(String(sample), changes);
    return Buffer.from(mutated ?? 'null');
  });
}

/** Every nasty value a single field can take in the sweep (strings, numbers, wrong types). */
const SWEEP_VALUES: readonly unknown[] = [...NASTY_STRINGS, ...NASTY_NUMBERS, true, null, {}, [], [null], { id: '' }];

/**
 * Every payload one change away from a documented one: each field (each form parameter) set in
 * turn to each nasty value or removed, and each array repeated 25 times. Deterministic, so a
 * parser bug on one field is always found, not by luck.
 *
 * @example
 * for (const body of singleFieldCorruptions(sample, 'json')) adapter.parseInbound({ ...request, rawBody: body }, channel);
 */
export function* singleFieldCorruptions(sample: string, format: 'json' | 'form'): Generator<Buffer> {
  if (format === 'form') {
    const count = [...new URLSearchParams(sample).keys()].length;
    for (let at = 0; at < count; at++) {
      yield Buffer.from(applyForm(sample, [{ at, op: 'delete', value: null }]));
      for (const value of SWEEP_VALUES) yield Buffer.from(applyForm(sample, [{ at, op: 'set', value }]));
    }
    return;
  }
  const json = JSON.parse(sample) as unknown;
  const count = slots(json).length + 1;
  for (let at = 0; at < count; at++) {
    for (const op of ['delete', 'repeat'] as const) yield Buffer.from(JSON.stringify(applyJson(json, [{ at, op, value: null }])) ?? 'null');
    for (const value of SWEEP_VALUES) yield Buffer.from(JSON.stringify(applyJson(json, [{ at, op: 'set', value }])) ?? 'null');
  }
}

/** Arbitrary bytes and arbitrary JSON values, for the parsers' first line of defence. */
export const arbitraryBodies: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }), { maxKeys: 6 }).map((d) => Buffer.from(new URLSearchParams(d).toString())),
);
