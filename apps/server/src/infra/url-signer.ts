import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '@parley/kernel';

/**
 * Signs short-lived download links (attachments handed to channels and webhook receivers).
 * The key is derived from the active master key, so no extra secret needs configuring.
 */
export class UrlSigner {
  private readonly key: Buffer;

  constructor(keyring: Keyring, purpose = 'parley:download-url:v1') {
    const master = keyring.keys.get(keyring.activeKid);
    if (!master) throw new Error('The keyring has no active key');
    this.key = createHmac('sha256', master).update(purpose).digest();
  }

  sign(path: string, expiresAt: number): string {
    return createHmac('sha256', this.key).update(`${path}\n${expiresAt}`).digest('base64url');
  }

  verify(path: string, expiresAt: number, signature: string, now = Date.now()): boolean {
    if (!Number.isFinite(expiresAt) || expiresAt < now) return false;
    const expected = Buffer.from(this.sign(path, expiresAt));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
