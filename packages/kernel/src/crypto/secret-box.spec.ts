import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { SecretBox, SecretBoxError, generateKeyringEntry, isSealedSecret, parseKeyring, type SealedSecret } from './secret-box.js';

const keyA = generateKeyringEntry('a');
const keyB = generateKeyringEntry('b');

function failure(fn: () => unknown): SecretBoxError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretBoxError) return error;
    throw error;
  }
  throw new Error('expected a SecretBoxError');
}

describe('parseKeyring', () => {
  it('makes the first key active and keeps the others', () => {
    const ring = parseKeyring(` ${keyB} , ${keyA} `);
    expect(ring.activeKid).toBe('b');
    expect([...ring.keys.keys()]).toEqual(['b', 'a']);
    expect(ring.keys.get('a')).toHaveLength(32);
  });

  it.each([
    ['an empty string', ''],
    ['a key without kid', Buffer.alloc(32).toString('base64')],
    ['a 16-byte key', `k1:${Buffer.alloc(16).toString('base64')}`],
    ['a 33-byte key', `k1:${Buffer.alloc(33).toString('base64')}`],
    ['non-base64', 'k1:not*base64!'],
    ['a duplicate kid', `${keyA},${keyA}`],
    ['a bad kid', `a b:${Buffer.alloc(32).toString('base64')}`],
  ])('rejects %s with a ConfigError', (_label, spec) => {
    expect(() => parseKeyring(spec)).toThrow(ConfigError);
  });

  it('does not echo key material in errors', () => {
    const key = Buffer.alloc(16, 7).toString('base64');
    expect(() => parseKeyring(`k1:${key}`)).toThrow(/exactly 32 bytes \(16 bytes\)/);
    try {
      parseKeyring(`k1:${key}`);
    } catch (error) {
      expect(String(error)).not.toContain(key);
    }
  });
});

describe('SecretBox', () => {
  const box = new SecretBox(parseKeyring(keyA));

  it('round-trips strings and objects, and is JSON-serialisable', () => {
    const sealed = box.seal('xoxb-token');
    expect(sealed).toMatchObject({ v: 1, kid: 'a' });
    expect(JSON.stringify(sealed)).not.toContain('xoxb-token');
    const stored = JSON.parse(JSON.stringify(sealed)) as unknown;
    expect(isSealedSecret(stored)).toBe(true);
    expect(box.open(stored as SealedSecret)).toBe('xoxb-token');

    const obj = box.seal({ accessToken: 'EAAG', appSecret: 'shh' });
    expect(box.openJson(obj)).toEqual({ accessToken: 'EAAG', appSecret: 'shh' });
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('héllo ✓'))).toBe('héllo ✓');
  });

  it('uses a fresh data key and iv every time', () => {
    const one = box.seal('same');
    const two = box.seal('same');
    expect(one.dek).not.toBe(two.dek);
    expect(one.iv).not.toBe(two.iv);
    expect(one.ct).not.toBe(two.ct);
  });

  it('detects tampering with every field', () => {
    const sealed = box.seal('secret value');
    const flip = (b64: string): string => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] = (buf[0] ?? 0) ^ 1;
      return buf.toString('base64');
    };
    for (const field of ['dek', 'iv', 'tag', 'ct'] as const) {
      const error = failure(() => box.open({ ...sealed, [field]: flip(sealed[field]) }));
      expect(error.reason).toBe('tampered');
    }
    // Fields from another record do not fit either: the data keys differ.
    const other = box.seal('other value');
    expect(failure(() => box.open({ ...sealed, ct: other.ct })).reason).toBe('tampered');
  });

  it('rejects malformed input', () => {
    const sealed = box.seal('x');
    expect(failure(() => box.open({ ...sealed, iv: 'AAAA' })).reason).toBe('malformed');
    expect(failure(() => box.open({ ...sealed, v: 2 } as unknown as SealedSecret)).reason).toBe('malformed');
    expect(failure(() => box.openJson(box.seal('not json'))).reason).toBe('malformed');
  });

  it('throws a clear error for an unknown kid', () => {
    const sealed = new SecretBox(parseKeyring(keyB)).seal('x');
    const error = failure(() => box.open(sealed));
    expect(error.reason).toBe('unknown_kid');
    expect(error.message).toContain('"b"');
  });

  it('rotates from an old key to the active one', () => {
    const oldBox = new SecretBox(parseKeyring(keyA));
    const sealed = oldBox.seal({ token: 't-1' });
    const rotating = new SecretBox(parseKeyring(`${keyB},${keyA}`));

    expect(rotating.needsRotation(sealed)).toBe(true);
    expect(rotating.openJson(sealed)).toEqual({ token: 't-1' });

    const rotated = rotating.rotate(sealed);
    expect(rotated.kid).toBe('b');
    expect(rotated.ct).toBe(sealed.ct);
    expect(rotating.needsRotation(rotated)).toBe(false);
    expect(rotating.rotate(rotated)).toBe(rotated);
    expect(rotating.openJson(rotated)).toEqual({ token: 't-1' });

    // Once the old key is retired only rotated records still open.
    const retired = new SecretBox(parseKeyring(keyB));
    expect(retired.openJson(rotated)).toEqual({ token: 't-1' });
    expect(failure(() => retired.open(sealed)).reason).toBe('unknown_kid');
  });

  it('binds the wrapped data key to its kid', () => {
    // Same key bytes under two names: relabelling a record must still fail.
    const material = keyA.slice(keyA.indexOf(':') + 1);
    const twin = new SecretBox(parseKeyring(`a:${material},z:${material}`));
    const sealed = twin.seal('x');
    expect(failure(() => twin.open({ ...sealed, kid: 'z' })).reason).toBe('tampered');
  });
});
