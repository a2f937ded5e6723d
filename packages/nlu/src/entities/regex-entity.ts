import type { Entity } from './entity.js';

/** A custom entity defined by a regular expression (matched on the original text). */
export interface RegexEntityDefinition {
  readonly name: string;
  readonly pattern: RegExp | string;
  /** Flags used when `pattern` is a string (default "i"). */
  readonly flags?: string;
}

/**
 * Matches regex entities; a first capture group, when present, is the value.
 *
 * @example
 * extractRegexEntities('IBAN FR7630006000011234567890189', [{ name: 'iban', pattern: /FR\d{25}/ }])[0].normalized
 * // 'FR7630006000011234567890189'
 */
export function extractRegexEntities(text: string, definitions: readonly RegexEntityDefinition[]): Entity[] {
  const out: Entity[] = [];
  for (const def of definitions) {
    const source = typeof def.pattern === 'string' ? def.pattern : def.pattern.source;
    const baseFlags = typeof def.pattern === 'string' ? (def.flags ?? 'i') : def.pattern.flags;
    let re: RegExp;
    try {
      re = new RegExp(source, baseFlags.includes('g') ? baseFlags : `${baseFlags}g`);
    } catch (error) {
      throw new Error(`Invalid regex for entity "${def.name}": ${(error as Error).message}`);
    }
    for (const m of text.matchAll(re)) {
      if (m[0].length === 0) continue;
      const group = m[1] ?? m[0];
      const start = (m.index ?? 0) + Math.max(0, m[0].indexOf(group));
      out.push({ kind: 'regex', name: def.name, text: group, start, end: start + group.length, value: group, normalized: group, confidence: 1 });
    }
  }
  return out;
}
