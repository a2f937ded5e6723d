import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
// Exactly one algorithm and a full-length digest: anything else is rejected before comparing.
const HEADER_RE = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Signs a raw request body with HMAC-SHA256, in the `sha256=<hex>` form used by the
 * `X-Parley-Signature` header (and by most webhook providers).
 *
 * Sign the exact bytes that go on the wire: re-serialising parsed JSON changes the digest.
 *
 * @example
 * const header = signBody(channel.webhookSecret, JSON.stringify(payload));
 * // 'sha256=5d41402abc4b2a76b9719d911017c592...'
 */
export function signBody(secret: string | Buffer, rawBody: Buffer | string): string {
  return PREFIX + createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * Checks a `sha256=<hex>` signature header against the raw body in constant time.
 * Returns false (never throws) for a missing, malformed or wrong header.
 *
 * @example
 * if (!verifySignature(secret, request.rawBody, request.headers['x-parley-signature'])) {
 *   throw new AppError('invalid_signature', 'Signature does not match the body');
 * }
 */
export function verifySignature(secret: string | Buffer, rawBody: Buffer | string, header: string | undefined): boolean {
  if (typeof header !== 'string') return false;
  const match = HEADER_RE.exec(header.trim());
  const hex = match?.[1];
  if (hex === undefined) return false;
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  // Both are 32 bytes by construction; the length check keeps timingSafeEqual from throwing.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
