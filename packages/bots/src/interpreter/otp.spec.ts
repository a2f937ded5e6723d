import { describe, expect, it } from 'vitest';
import { createOtpChallenge, extractOtpCode, isOtpExpired, maskAddress, redactOtp, verifyOtpCode } from './otp.js';

const now = new Date('2025-06-10T09:00:00Z');

describe('one-time codes', () => {
  it('makes numeric codes of the asked length, keeps leading zeros, and varies', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const { code } = createOtpChallenge({ digits: 6, ttlSeconds: 300, now });
      expect(code).toMatch(/^\d{6}$/);
      codes.add(code);
    }
    // 40 draws from a million values: a constant or repeat-heavy generator would fail this.
    expect(codes.size).toBeGreaterThan(37);
    expect(createOtpChallenge({ digits: 4, ttlSeconds: 60, now }).code).toMatch(/^\d{4}$/);
  });

  it('stores a salted hash, never the code', () => {
    const { code, challenge } = createOtpChallenge({ digits: 6, ttlSeconds: 300, now });
    expect(JSON.stringify(challenge)).not.toContain(code);
    const again = createOtpChallenge({ digits: 6, ttlSeconds: 300, now });
    expect(again.challenge.salt).not.toBe(challenge.salt);
    expect(verifyOtpCode(challenge, code, now)).toBe(true);
    // Same code, other salt: another hash.
    expect(verifyOtpCode({ ...challenge, salt: again.challenge.salt }, code, now)).toBe(false);
  });

  it('rejects a wrong code and any code once expired', () => {
    const { code, challenge } = createOtpChallenge({ digits: 6, ttlSeconds: 300, now });
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyOtpCode(challenge, wrong, now)).toBe(false);
    expect(challenge.expiresAt).toBe('2025-06-10T09:05:00.000Z');
    const justBefore = new Date(now.getTime() + 299_000);
    const atExpiry = new Date(now.getTime() + 300_000);
    expect(isOtpExpired(challenge, justBefore)).toBe(false);
    expect(verifyOtpCode(challenge, code, justBefore)).toBe(true);
    expect(isOtpExpired(challenge, atExpiry)).toBe(true);
    expect(verifyOtpCode(challenge, code, atExpiry)).toBe(false);
  });

  it('reads the code a customer typed, spaced or in a sentence, and nothing else', () => {
    expect(extractOtpCode('123456', 6)).toBe('123456');
    expect(extractOtpCode('mon code est 123 456', 6)).toBe('123456');
    expect(extractOtpCode('012-345', 6)).toBe('012345');
    expect(extractOtpCode('12345', 6)).toBeNull();
    expect(extractOtpCode('1234567', 6)).toBeNull();
    expect(extractOtpCode('je ne l’ai pas reçu', 6)).toBeNull();
    expect(extractOtpCode('commande 12 code 3456', 6)).toBeNull();
  });

  it('masks addresses and redacts codes from remembered text', () => {
    expect(maskAddress('+33612345678', 'sms')).toBe('•• •• •• •• 78');
    expect(maskAddress('marie@example.com', 'email')).toBe('m•••@example.com');
    expect(redactOtp('voici le code 123 456 merci')).toBe('voici le code •••••• merci');
    expect(redactOtp('j’ai 2 lampes')).toBe('j’ai 2 lampes');
  });
});
