import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from '@parley/nlu';
import type { KnowledgeItem } from '../engine/knowledge-item.js';

/** Public customer-service texts to build distractor articles from (never shipped: read at bench time). */
export interface DistractorSource {
  /** Questions grouped by intent: one group gives an article its title and phrasings. */
  readonly questionGroups: readonly (readonly string[])[];
  /** Free customer-service texts for the bodies. */
  readonly bodyTexts: readonly string[];
  readonly files: readonly string[];
}

function textsByLabel(file: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: unknown; label?: unknown };
    if (typeof row.text !== 'string') continue;
    const label = String(row.label);
    groups.set(label, [...(groups.get(label) ?? []), row.text]);
  }
  return groups;
}

/**
 * Loads the English intent sets (questions by intent) and the airline tweets (bodies) of the shared
 * data folder.
 *
 * @example
 * loadDistractorSource('../shared/data').questionGroups.length // ~290 intents
 */
export function loadDistractorSource(sharedDir: string): DistractorSource {
  const intentFiles = ['clinc150', 'banking77', 'hwu64'].map((d) => join(sharedDir, 'intent', d, 'train.jsonl')).filter((f) => existsSync(f));
  const bodyFiles = [join(sharedDir, 'sentiment', 'airline_en', 'train.jsonl')].filter((f) => existsSync(f));
  const questionGroups = intentFiles.flatMap((f) => [...textsByLabel(f)].filter(([label]) => label !== 'oos').map(([, texts]) => texts));
  const bodyTexts = bodyFiles.flatMap((f) => [...textsByLabel(f).values()].flat());
  if (questionGroups.length === 0 || bodyTexts.length === 0)
    throw new Error(`No distractor texts under ${sharedDir} (intent/*/train.jsonl, sentiment/airline_en/train.jsonl)`);
  return { questionGroups, bodyTexts, files: [...intentFiles, ...bodyFiles] };
}

/**
 * Grows a knowledge base to `total` items with distractor articles made of real public customer-service
 * text: each takes its title and 0–3 phrasings from the questions of one intent (as an FAQ entry and its
 * alternative phrasings), and a body of 3–8 customer messages. Real vocabulary and term statistics, so
 * that latency is measured against the postings lists of a real base of that size, and the real items
 * must still rank first among thousands of plausible articles.
 *
 * @example
 * const items = scaledBase(realItems, loadDistractorSource(dir), 10_000);
 */
export function scaledBase(real: readonly KnowledgeItem[], source: DistractorSource, total: number, seed = 7): KnowledgeItem[] {
  // Seeded: the same distractor base on every run.
  const rand = createRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const items: KnowledgeItem[] = [...real];
  for (let i = items.length; i < total; i++) {
    const group = pick(source.questionGroups);
    const [title, ...phrasings] = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(group));
    items.push({
      id: `distractor-${i}`,
      title: title ?? '',
      body: Array.from({ length: 3 + Math.floor(rand() * 6) }, () => pick(source.bodyTexts)).join('\n\n'),
      phrasings,
      language: 'en',
    });
  }
  return items;
}
