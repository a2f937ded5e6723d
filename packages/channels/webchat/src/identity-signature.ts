import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX64 = /^[0-9a-f]{64}$/i;

// Without a phone the payload stays `${externalId}|${email}` (the original format); a phone, when
// the host site vouches for one, is appended so that it is covered by the same signature.
function payloadOf(externalId: string, email: string | null | undefined, phone?: string | null): string {
  return phone ? `${externalId}|${email ?? ''}|${phone}` : `${externalId}|${email ?? ''}`;
}

/**
 * The signature a host site's server computes for `Parley.identify()`: hex HMAC-SHA256 of
 * `${externalId}|${email ?? ''}` with the channel's identity secret.
 *
 * @example
 * signIdentity(identitySecret, 'cust-42', 'camille@example.com') // → '9f2c…' (64 hex digits)
 */
export function signIdentity(secret: string, externalId: string, email?: string | null, phone?: string | null): string {
  return createHmac('sha256', secret).update(payloadOf(externalId, email, phone)).digest('hex');
}

/**
 * Checks an identity signature in constant time. Never throws: a missing, malformed or wrong
 * signature is simply `false`, and the identity then stays unverified.
 *
 * @example
 * if (verifyIdentitySignature(secret, input.externalId, input.email, input.signature)) { ...verified... }
 */
export function verifyIdentitySignature(
  secret: string | undefined,
  externalId: string | undefined,
  email: string | null | undefined,
  signature: string | undefined,
  phone?: string | null,
): boolean {
  if (!secret || !externalId || typeof signature !== 'string' || !HEX64.test(signature)) return false;
  const given = Buffer.from(signature, 'hex');
  const expected = createHmac('sha256', secret).update(payloadOf(externalId, email, phone)).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
