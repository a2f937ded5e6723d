import { createHash, randomBytes } from 'node:crypto';
import { argon2id, hash, verify } from 'argon2';

/**
 * Hashes a password with argon2id (library defaults: 64 MiB, 3 passes, 4 lanes). The
 * result is a self-describing PHC string (`$argon2id$v=19$m=…`) that carries its own salt
 * and parameters, so it can be stored as is.
 *
 * @example
 * const passwordHash = await hashPassword('correct horse battery staple');
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, { type: argon2id });
}

/**
 * Checks a password against a stored hash. Resolves to false (never rejects) when the
 * hash is malformed, so a corrupt row cannot turn a login into a 500.
 *
 * @example
 * if (!(await verifyPassword(user.passwordHash, body.password))) {
 *   throw new AppError('invalid_credentials', 'Wrong email or password');
 * }
 */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (typeof storedHash !== 'string' || !storedHash.startsWith('$argon2')) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * A random, URL-safe token (base64url, no padding) for API tokens, session ids and
 * webhook secrets. 32 bytes give 256 bits of entropy.
 *
 * @example
 * const token = randomToken(); // 43 characters
 */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) {
    throw new RangeError(`randomToken needs an integer of at least 16 bytes, got ${bytes}`);
  }
  return randomBytes(bytes).toString('base64url');
}

/**
 * Lowercase hex SHA-256 of a UTF-8 string. Tokens are high-entropy, so a fast hash is
 * enough to store them: the database only ever holds `sha256Hex(token)`.
 *
 * @example
 * const tokenHash = sha256Hex(presentedToken);
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
