import { describe, expect, it } from 'vitest';
import { signIdentity, verifyIdentitySignature } from './identity-signature.js';

describe('identity signature with a phone', () => {
  it('covers the phone when one is given, and keeps the two-field format without it', () => {
    const sig = signIdentity('secret', 'cust-42', 'camille@example.fr', '+33612345678');
    expect(verifyIdentitySignature('secret', 'cust-42', 'camille@example.fr', sig, '+33612345678')).toBe(true);
    expect(verifyIdentitySignature('secret', 'cust-42', 'camille@example.fr', sig, '+33699999999')).toBe(false);
    expect(verifyIdentitySignature('secret', 'cust-42', 'camille@example.fr', sig)).toBe(false);
    const legacy = signIdentity('secret', 'cust-42', 'camille@example.fr');
    expect(verifyIdentitySignature('secret', 'cust-42', 'camille@example.fr', legacy)).toBe(true);
  });
});
