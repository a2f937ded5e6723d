/** Kinds of entities the engine extracts. Custom lists and regexes keep their own `name`. */
export type EntityKind = 'datetime' | 'number' | 'amount' | 'email' | 'phone' | 'reference' | 'list' | 'regex';

/** One entity found in a message. Offsets are UTF-16 indices into the input text (`text.slice(start, end)`). */
export interface Entity {
  readonly kind: EntityKind;
  /** Entity name: the kind for built-ins, the definition name for custom entities. */
  readonly name: string;
  /** The matched text as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Structured value (number, {amount, currency}, {iso, grain, ...}, canonical list value...). */
  readonly value: unknown;
  /** Canonical string form: ISO 8601 date, E.164 phone, "12.50 EUR", lower-cased email... */
  readonly normalized: string;
  /** 1 for exact matches, lower for fuzzy ones. */
  readonly confidence: number;
}

/**
 * Prepares text for pattern matching while keeping every character at the same offset:
 * lower-case, accents removed, apostrophes unified, control characters blanked.
 *
 * @example
 * scanText("Demain À 14h") // "demain a 14h"
 */
export function scanText(text: string): string {
  let out = '';
  for (const ch of text) {
    let c = ch.toLowerCase();
    if (c.length !== ch.length) c = ch;
    const folded = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (folded.length === c.length) c = folded;
    if (/[\u2018\u2019\u02bc`´]/.test(c)) c = "'";
    else if (/[\u0000-\u001f\u007f-\u009f]/.test(c)) c = ' '.repeat(c.length);
    out += c;
  }
  return out;
}
