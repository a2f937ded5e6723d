import { describe, expect, it } from 'vitest';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from './password-hash.js';

describe('hashPassword / verifyPassword', () => {
  it('round-trips with argon2id and rejects a wrong password', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse')).toBe(true);
    expect(await verifyPassword(stored, 'wrong horse')).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('pw-12345')).not.toBe(await hashPassword('pw-12345'));
  });

  it.each(['', 'plain-text', '$argon2id$garbage', '$2b$10$abcdefghijklmnopqrstuv'])(
    'returns false for the malformed hash %j',
    async (bad) => {
      await expect(verifyPassword(bad, 'whatever')).resolves.toBe(false);
    },
  );
});

describe('randomToken', () => {
  it('is base64url of the requested length and unique', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(48)).toHaveLength(64);
    expect(randomToken()).not.toBe(a);
  });

  it('refuses too few bytes', () => {
    expect(() => randomToken(8)).toThrow(RangeError);
  });
});

describe('sha256Hex', () => {
  it('matches the known digest', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
