import type { Entity } from './entity.js';

const EMAIL =
  /(?<![\w.+-])[a-z0-9](?:[a-z0-9._%+-]{0,63})@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*\.[a-z]{2,24}(?![\w-])/g;

/**
 * Finds e-mail addresses; the normalized form is lower-case.
 *
 * @example
 * extractEmails('write to Jane.Doe@Example.com', 'write to jane.doe@example.com')[0].normalized // 'jane.doe@example.com'
 */
export function extractEmails(text: string, scan: string): Entity[] {
  const out: Entity[] = [];
  for (const m of scan.matchAll(EMAIL)) {
    const start = m.index ?? 0;
    const raw = text.slice(start, start + m[0].length);
    out.push({
      kind: 'email',
      name: 'email',
      text: raw,
      start,
      end: start + raw.length,
      value: raw.toLowerCase(),
      normalized: raw.toLowerCase(),
      confidence: 1,
    });
  }
  return out;
}
