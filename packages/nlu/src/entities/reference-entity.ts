import type { Entity } from './entity.js';

/** A named pattern for business references (order, contract, ticket numbers...). */
export interface ReferencePattern {
  readonly name: string;
  readonly pattern: RegExp;
}

const KEYWORDS = String.raw`commande|order|contrat|contract|dossier|ticket|facture|invoice|reservation|booking|colis|parcel|tracking|client|customer|account|compte|police|policy|ref(?:erence)?|case|claim|sinistre`;
/** Built-in: a reference keyword, optional "n°/number/#/:", then a code containing at least one digit. */
export const DEFAULT_REFERENCE_PATTERNS: readonly ReferencePattern[] = [
  {
    name: 'reference',
    pattern: new RegExp(
      String.raw`\b(?:${KEYWORDS})\s*(?:(?:n[°o]|no\.?|num(?:ero)?|number|nr|#)\s*)?[:#]?\s*(?=[a-z0-9-]*\d)([a-z0-9][a-z0-9-]{3,24}[a-z0-9])\b`,
      'g',
    ),
  },
  // Codes such as "CMD-2024-00123" or "AB123456" stand alone too.
  { name: 'reference', pattern: /\b((?:[a-z]{2,5}-)(?:\d{2,}-?)+\d|[a-z]{2,4}\d{5,12})\b/g },
];

/**
 * Finds order/contract/ticket references by pattern; the captured group (or the whole match) is the code.
 * The normalized form is upper-case without spaces.
 *
 * @example
 * extractReferences('ma commande n° CMD-48213', scanText('ma commande n° CMD-48213'))[0].normalized // 'CMD-48213'
 */
export function extractReferences(text: string, scan: string, patterns: readonly ReferencePattern[] = DEFAULT_REFERENCE_PATTERNS): Entity[] {
  const out: Entity[] = [];
  for (const { name, pattern } of patterns) {
    const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const m of scan.matchAll(re)) {
      const group = m[1] ?? m[0];
      const start = (m.index ?? 0) + m[0].lastIndexOf(group);
      const raw = text.slice(start, start + group.length);
      const normalized = raw.toUpperCase().replace(/\s+/g, '');
      out.push({ kind: 'reference', name, text: raw, start, end: start + raw.length, value: normalized, normalized, confidence: 1 });
    }
  }
  return out;
}
