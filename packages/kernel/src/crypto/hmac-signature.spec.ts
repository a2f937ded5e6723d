import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './hmac-signature.js';

describe('signBody', () => {
  it('produces sha256=<hex> matching a plain HMAC-SHA256', () => {
    const expected = createHmac('sha256', 's3cret').update('{"a":1}').digest('hex');
    expect(signBody('s3cret', '{"a":1}')).toBe(`sha256=${expected}`);
    expect(signBody('s3cret', Buffer.from('{"a":1}'))).toBe(`sha256=${expected}`);
  });
});

describe('verifySignature', () => {
  const body = Buffer.from('{"event":"message.created"}');
  const header = signBody('s3cret', body);

  it('accepts the right signature, also with uppercase hex', () => {
    expect(verifySignature('s3cret', body, header)).toBe(true);
    expect(verifySignature('s3cret', body.toString(), `sha256=${header.slice(7).toUpperCase()}`)).toBe(true);
  });

  it('rejects a wrong secret, a changed body or a changed digest', () => {
    expect(verifySignature('other', body, header)).toBe(false);
    expect(verifySignature('s3cret', Buffer.from('{"event":"message.created" }'), header)).toBe(false);
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    expect(verifySignature('s3cret', body, flipped)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['no prefix', header.slice(7)],
    ['other algorithm', `sha1=${header.slice(7)}`],
    ['short digest', header.slice(0, -2)],
    ['long digest', `${header}00`],
    ['non-hex', `sha256=${'z'.repeat(64)}`],
  ])('rejects a %s header without throwing', (_label, value) => {
    expect(verifySignature('s3cret', body, value)).toBe(false);
  });
});
