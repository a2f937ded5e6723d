import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-kb-cli-'));
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

const answers = [
  { answer_id: 'track', question: 'Where is my order?', answer: 'Use the tracking link in your confirmation email.' },
  { answer_id: 'return', question: 'How do I return a lamp?', answer: 'You have 30 days to send it back.' },
  { answer_id: 'pay', question: 'Which payment methods do you accept?', answer: 'Cards, PayPal and bank transfer.' },
];

describe('parley kb eval', () => {
  it('prints hit@1, hit@5, MRR and latency as JSON, with phrasings', async () => {
    const queries = file('q.jsonl', [
      { question: 'my parcel has not arrived, where is it', answer_id: 'track' },
      { question: 'can I send the lamp back', answer_id: 'return' },
      { question: 'do you take paypal', answer_id: 'pay' },
    ]);
    const phrasings = file('p.jsonl', [
      { question: 'has my parcel shipped', answer_id: 'track' },
      { question: 'send back', answer_id: 'return' },
      { question: 'unknown', answer_id: 'nope' },
    ]);
    const r = await run(['kb', 'eval', '--answers', file('a.jsonl', answers), '--queries', queries, '--phrasings', phrasings, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, number>;
    for (const key of ['hit1', 'hit5', 'mrr', 'p50Ms', 'p99Ms']) expect(typeof json[key]).toBe('number');
    expect(json['hit5']).toBe(1);
    expect(json['phrasings']).toBe(2);
    expect(r.err).toMatch(/1 phrasings name an answer_id/);
  });

  it('prints a readable report and skips bad lines', async () => {
    const r = await run([
      'kb',
      'eval',
      '--answers',
      file('a2.jsonl', `${answers.map((a) => JSON.stringify(a)).join('\n')}\n{bad`),
      '--queries',
      file('q2.jsonl', [{ question: 'refund', answer_id: 'return' }]),
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/hit@1 .*95% CI/);
    expect(r.out).toMatch(/MRR@5/);
    expect(r.err).toContain('a2.jsonl:4: skipped, invalid JSON');
  });

  it('fails with usage errors', async () => {
    expect((await run(['kb', 'eval', '--answers', 'x'])).code).toBe(2);
    expect((await run(['kb', 'eval', '--answers', join(dir, 'missing.jsonl'), '--queries', 'q'])).err).toMatch(/ENOENT/);
    expect((await run(['kb', 'eval', '--answers', file('e.jsonl', ''), '--queries', file('e2.jsonl', '')])).err).toMatch(/no usable line/);
    expect((await run(['kb', 'eval', '--answers', 'a', '--queries', 'q', '--lang', 'de'])).code).toBe(2);
  });
});
