/**
 * A parsed subscription pattern. `*` matches every event, `message.*` every event whose name
 * starts with `message.` (any depth), anything else one exact name.
 */
export type EventPattern = { kind: 'all' } | { kind: 'prefix'; prefix: string } | { kind: 'exact'; name: string };

/**
 * Parses and validates a subscription pattern; throws a `TypeError` for anything other than
 * `*`, `prefix.*` or a name without wildcards (a typo must fail loudly, not subscribe to nothing).
 *
 * @example
 * parseEventPattern('message.*'); // { kind: 'prefix', prefix: 'message.' }
 */
export function parseEventPattern(pattern: string): EventPattern {
  if (pattern === '*') return { kind: 'all' };
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    if (prefix.length > 1 && !prefix.includes('*')) return { kind: 'prefix', prefix };
  } else if (pattern.length > 0 && !pattern.includes('*')) {
    return { kind: 'exact', name: pattern };
  }
  throw new TypeError(`Invalid event pattern "${pattern}": use an exact name, "*" or a prefix glob like "message.*"`);
}

/**
 * True when an event named `name` is delivered to a subscription on `pattern`.
 *
 * @example
 * matchesEventPattern(parseEventPattern('message.*'), 'message.received'); // true
 */
export function matchesEventPattern(pattern: EventPattern, name: string): boolean {
  switch (pattern.kind) {
    case 'all':
      return true;
    case 'prefix':
      return name.startsWith(pattern.prefix);
    case 'exact':
      return name === pattern.name;
  }
}

/**
 * Checks an event name before publishing: wildcards in a name would make patterns ambiguous.
 *
 * @example
 * assertEventName('message.received');
 */
export function assertEventName(name: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.includes('*')) {
    throw new TypeError(`Invalid event name "${String(name)}": a non-empty name without "*" is required`);
  }
}
