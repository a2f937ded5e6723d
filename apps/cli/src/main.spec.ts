import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, rows: unknown[] | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof rows === 'string' ? rows : rows.map((r) => JSON.stringify(r)).join('\n'));
  return path;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const intents = [
  ...['cancel my order', 'please cancel it', 'i want to cancel', 'cancel the purchase'].map((text) => ({ text, label: 'cancel' })),
  ...['where is my parcel', 'track my order', 'has my package shipped', 'delivery status'].map((text) => ({ text, label: 'track' })),
  ...['tell me a joke', 'what is the weather', 'play some music', 'who is the president'].map((text) => ({ text, label: 'oos' })),
];

describe('parley nlu eval', () => {
  it('prints the JSON fields of the issue for intent data with oos', async () => {
    const train = file('train.jsonl', intents);
    const test = file('test.jsonl', [
      { text: 'cancel my purchase', label: 'cancel' },
      { text: 'where is the parcel', label: 'track' },
      { text: 'sing me a song', label: 'oos' },
    ]);
    const r = await run(['nlu', 'eval', '--task', 'intent', '--train', train, '--test', test, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    for (const key of ['accuracy', 'macroF1', 'inScopeAccuracy', 'oosRecall', 'trainSeconds', 'p50Ms', 'p99Ms']) expect(typeof json[key]).toBe('number');
  });

  it('prints a readable report for sentiment in French', async () => {
    const rows = [
      { text: 'super merci', label: 'positive' },
      { text: 'parfait', label: 'positive' },
      { text: 'génial', label: 'positive' },
      { text: 'nul', label: 'negative' },
      { text: 'horrible', label: 'negative' },
      { text: 'très déçu', label: 'negative' },
    ];
    const r = await run(['nlu', 'eval', '--task', 'sentiment', '--lang', 'fr', '--train', file('s.jsonl', rows), '--test', file('s2.jsonl', rows)]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/accuracy .*95% CI/);
    expect(r.out).toMatch(/p99/);
    expect(r.out).not.toMatch(/OOS recall/);
  });

  it('reports malformed lines with their number and keeps going', async () => {
    const bad = file('bad.jsonl', `${intents.map((r) => JSON.stringify(r)).join('\n')}\n{oops\n{"text": 5}\n`);
    const r = await run(['nlu', 'eval', '--task', 'intent', '--train', bad, '--test', bad]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('bad.jsonl:13: skipped, invalid JSON');
    expect(r.err).toContain('bad.jsonl:14: skipped, missing string field "text"');
  });

  it('fails with a clear message on unusable input', async () => {
    expect((await run(['nlu', 'eval', '--task', 'intent', '--train', join(dir, 'missing.jsonl'), '--test', 'x'])).err).toMatch(
      /Cannot read .*missing\.jsonl: ENOENT/,
    );
    const empty = await run(['nlu', 'eval', '--task', 'intent', '--train', file('empty.jsonl', ''), '--test', file('e2.jsonl', '')]);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/no usable/);
    const one = file('one.jsonl', [{ text: 'a', label: 'x' }]);
    expect((await run(['nlu', 'eval', '--task', 'intent', '--train', one, '--test', one])).err).toMatch(/two different labels/);
    expect((await run(['nlu', 'eval', '--task', 'nope'])).code).toBe(2);
    expect((await run(['nlu', 'eval', '--task', 'intent', '--train', one, '--test', one, '--lang', 'de'])).err).toMatch(/--lang/);
    expect((await run(['what'])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
  });

  it('handles emoji-only, control characters and huge lines', async () => {
    const weird = file('weird.jsonl', [
      ...intents,
      { text: '🙂🙂🙂', label: 'oos' },
      { text: 'cancel\u0000\u0007 it', label: 'cancel' },
      { text: 'track '.repeat(20_000), label: 'track' },
    ]);
    const r = await run(['nlu', 'eval', '--task', 'intent', '--train', weird, '--test', weird, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).testSize).toBe(15);
  });
});
