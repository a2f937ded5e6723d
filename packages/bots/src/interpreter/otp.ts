import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

/** What the bot keeps of a one-time code: never the code itself, only a salted slow hash. */
export interface OtpChallenge {
  id: string;
  hash: string;
  salt: string;
  expiresAt: string;
}

// scrypt rather than a plain digest: a 6-digit code has a million values, so a leaked state must
// cost more to brute-force than the code's lifetime. N = 2^12 keeps one check to a few ms.
const SCRYPT = { N: 4096, r: 8, p: 1 } as const;

function hashCode(code: string, salt: string): Buffer {
  return scryptSync(code, Buffer.from(salt, 'base64url'), 32, SCRYPT);
}

/**
 * A new numeric code (crypto-random, uniform, leading zeros kept) and the challenge to store.
 *
 * @example
 * const { code, challenge } = createOtpChallenge({ digits: 6, ttlSeconds: 300, now });
 * // send `code` out of band; keep only `challenge`
 */
export function createOtpChallenge(input: { digits: number; ttlSeconds: number; now: Date }): { code: string; challenge: OtpChallenge } {
  return challengeOf(String(randomInt(0, 10 ** input.digits)).padStart(input.digits, '0'), input.ttlSeconds, input.now);
}

/**
 * The code the builder's test console accepts, since it sends none: the first `digits` digits of
 * 12345678 ("123456" for six digits).
 *
 * @example
 * consoleOtpCode(6) // '123456'
 */
export function consoleOtpCode(digits: number): string {
  return '12345678'.slice(0, Math.min(8, Math.max(1, digits)));
}

/**
 * A challenge for {@link consoleOtpCode}: the test console runs an `otp` step without sending
 * anything, and the author types the documented test code.
 *
 * @example
 * const challenge = createConsoleOtpChallenge({ digits: 6, ttlSeconds: 300, now }); // accepts '123456'
 */
export function createConsoleOtpChallenge(input: { digits: number; ttlSeconds: number; now: Date }): OtpChallenge {
  return challengeOf(consoleOtpCode(input.digits), input.ttlSeconds, input.now).challenge;
}

function challengeOf(code: string, ttlSeconds: number, now: Date): { code: string; challenge: OtpChallenge } {
  const salt = randomBytes(16).toString('base64url');
  return {
    code,
    challenge: {
      id: randomBytes(12).toString('base64url'),
      hash: hashCode(code, salt).toString('base64url'),
      salt,
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
    },
  };
}

/**
 * Checks a typed code against a challenge, in constant time; false once it expired.
 *
 * @example
 * verifyOtpCode(challenge, '042917', now) // true or false
 */
export function verifyOtpCode(challenge: OtpChallenge, code: string, now: Date): boolean {
  if (isOtpExpired(challenge, now)) return false;
  const expected = Buffer.from(challenge.hash, 'base64url');
  const actual = hashCode(code, challenge.salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * True when the challenge's code can no longer be used.
 *
 * @example
 * isOtpExpired(challenge, new Date()) // false within ttlSeconds
 */
export function isOtpExpired(challenge: Pick<OtpChallenge, 'expiresAt'>, now: Date): boolean {
  return now.getTime() >= new Date(challenge.expiresAt).getTime();
}

/**
 * The code a customer typed: the digits of the message when it holds exactly `digits` of them
 * ("123 456", "code: 123456"), else null.
 *
 * @example
 * extractOtpCode('mon code est 123 456', 6) // '123456'
 */
export function extractOtpCode(text: string, digits: number): string | null {
  const only = text.replace(/[\s.\-–]/g, '').match(/\d+/g);
  if (!only || only.length !== 1 || only[0]?.length !== digits) return null;
  return only[0];
}

/**
 * An address the bot may show: the last two digits of a phone, the first letter and domain of an
 * email.
 *
 * @example
 * maskAddress('+33612345678', 'sms') // '•• •• •• •• 78'
 * maskAddress('marie@example.com', 'email') // 'm•••@example.com'
 */
export function maskAddress(address: string, via: 'sms' | 'email'): string {
  if (via === 'email') {
    const at = address.indexOf('@');
    return at > 0 ? `${address[0]}•••${address.slice(at)}` : '•••';
  }
  return `•• •• •• •• ${address.replace(/\D/g, '').slice(-2)}`;
}

/**
 * Replaces any run of 4 to 8 digits by bullets: what the bot remembers of a message that answered
 * a code, so a handoff summary never shows it.
 *
 * @example
 * redactOtp('voici 123456') // 'voici ••••••'
 */
export function redactOtp(text: string): string {
  return text.replace(/\d[\d\s.-]{2,14}\d/g, (m) => (m.replace(/\D/g, '').length >= 4 ? '••••••' : m));
}
