import type { Entity } from './entity.js';
import { allowedTypos, editDistance } from './fuzzy.js';

/** A canonical value and the ways people write it. */
export interface ListEntityValue {
  readonly value: string;
  readonly synonyms?: readonly string[];
}

/** A custom list entity ("product", "city"...). */
export interface ListEntityDefinition {
  readonly name: string;
  readonly values: readonly ListEntityValue[];
  /** Tolerate typos (default true). */
  readonly fuzzy?: boolean;
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function tokensOf(scan: string): Token[] {
  return [...scan.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

function phraseTokens(phrase: string, fold: (s: string) => string): string[] {
  return [...fold(phrase).matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
}

/**
 * Matches custom list entities (with synonyms) against the message, exactly or with a few typos.
 * Longer phrases win over shorter ones; confidence drops with the number of typos.
 *
 * @example
 * extractListEntities('je veux un iphnoe 15', scanText('je veux un iphnoe 15'), [
 *   { name: 'product', values: [{ value: 'iPhone 15', synonyms: ['iphone 15'] }] },
 * ], scanText)[0].value // 'iPhone 15'
 */
export function extractListEntities(text: string, scan: string, lists: readonly ListEntityDefinition[], fold: (s: string) => string): Entity[] {
  const tokens = tokensOf(scan);
  const found: Entity[] = [];
  for (const list of lists) {
    for (const item of list.values) {
      for (const phrase of [item.value, ...(item.synonyms ?? [])]) {
        const target = phraseTokens(phrase, fold);
        if (target.length === 0) continue;
        for (let i = 0; i + target.length <= tokens.length; i++) {
          let typos = 0;
          let ok = true;
          for (let k = 0; k < target.length && ok; k++) {
            const t = (tokens[i + k] as Token).text;
            const w = target[k] as string;
            if (t === w) continue;
            const budget = list.fuzzy === false || /\d/.test(w) ? 0 : allowedTypos(w.length);
            const d = budget > 0 ? editDistance(t, w, budget) : budget + 1;
            if (d > budget) ok = false;
            else typos += d;
          }
          if (!ok) continue;
          const start = (tokens[i] as Token).start;
          const end = (tokens[i + target.length - 1] as Token).end;
          const letters = target.join('').length;
          const confidence = typos === 0 ? 1 : Math.max(0.5, 1 - typos / Math.max(4, letters));
          found.push({ kind: 'list', name: list.name, text: text.slice(start, end), start, end, value: item.value, normalized: item.value, confidence });
        }
      }
    }
  }
  return found;
}
