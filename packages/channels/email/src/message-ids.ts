import { randomUUID } from 'node:crypto';

const ANGLE = /<([^<>\s]{1,900})>/g;

/**
 * The Message-IDs in a header value (`References`, `In-Reply-To`), in order, each as
 * `<id@host>`. Tolerates the missing brackets some clients send; never throws.
 *
 * @example
 * parseMessageIdList('<a@x> <b@y>') // → ['<a@x>', '<b@y>']
 */
export function parseMessageIdList(value: string | readonly string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const out: string[] = [];
  for (const match of text.matchAll(ANGLE)) if (match[1]) out.push(`<${match[1]}>`);
  if (out.length === 0) {
    for (const token of text.split(/[\s,]+/)) if (/^[^<>\s]+@[^<>\s]+$/.test(token) && token.length <= 900) out.push(`<${token}>`);
  }
  return [...new Set(out)];
}

/** One Message-ID normalised to `<id@host>`, or null when the value holds none. */
export function normalizeMessageId(value: string | undefined | null): string | null {
  return parseMessageIdList(value)[0] ?? null;
}

/**
 * A new Message-ID for a message Parley sends. Derived from the message id, so every retry of
 * one delivery carries the same Message-ID and receiving servers can drop the duplicates.
 *
 * @example
 * outboundMessageId('0190…', 'support@shop.test') // → '<0190…@shop.test>'
 */
export function outboundMessageId(messageId: string | null, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'parley.invalid';
  return `<${messageId ?? randomUUID()}@${domain}>`;
}

const TOKEN = /\[#([0-9a-f]{10})\]/i;

/** The conversation token in a subject (`[#3f9c0a71b2]`), lower-cased, or null. */
export function extractConversationToken(subject: string): string | null {
  return TOKEN.exec(subject)?.[1]?.toLowerCase() ?? null;
}

// Reply and forward prefixes in the languages our customers write in (Re, Réf, TR, Fwd, AW, WG…).
const PREFIX = /^\s*((re|ré|réf|ref|tr|fw|fwd|aw|wg|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i;

/**
 * The subject without reply/forward prefixes and conversation tokens. A stray `[#` left in the
 * customer's text becomes `[`, so that the subject of a reply holds exactly one token marker.
 */
export function baseSubject(subject: string): string {
  return subject.replace(new RegExp(TOKEN.source, 'gi'), '').replace(/\[#+/g, '[').replace(PREFIX, '').replace(/\s+/g, ' ').trim();
}

/**
 * The subject of a reply: `Re: <original> [#token]`, whatever prefixes and tokens the original
 * carried; `fallback` when there was no subject.
 *
 * @example
 * replySubject('RE: TR: Commande 42 [#0123456789]', '0123456789', 'Votre demande') // → 'Re: Commande 42 [#0123456789]'
 */
export function replySubject(subject: string | null | undefined, token: string, fallback: string): string {
  const base = baseSubject(subject ?? '') || fallback;
  return `Re: ${base} [#${token}]`;
}
