import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMAIL_SECRETS, emailChannelInputSchema, readEmailConfig, splitEmailConfig } from './email-config.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const base = { address: 'Support@Shop.test', inbound: { mode: 'smtp' }, outbound: { host: 'smtp.shop.test', user: 'u', password: 'p' } };

describe('email channel config: DKIM', () => {
  it('moves the DKIM private key to the secrets and keeps domain and selector public', () => {
    const parsed = emailChannelInputSchema.parse({ ...base, dkim: { domain: 'Shop.test', selector: 'parley2026', privateKey: rsa } });
    const { config, secrets } = splitEmailConfig(parsed);
    expect(config.dkim).toEqual({ domain: 'shop.test', selector: 'parley2026' });
    expect(secrets[EMAIL_SECRETS.dkimPrivateKey]).toBe(rsa);
    expect(JSON.stringify(config)).not.toContain('PRIVATE KEY');
    expect(readEmailConfig(config as unknown as Record<string, unknown>)?.dkim).toEqual({ domain: 'shop.test', selector: 'parley2026' });
  });

  it('accepts a parent domain of the sender (relaxed alignment) and refuses another domain, a bad selector or a key that is not RSA', () => {
    const sub = { ...base, address: 'support@mail.shop.test' };
    expect(emailChannelInputSchema.safeParse({ ...sub, dkim: { domain: 'shop.test', selector: 's1', privateKey: rsa } }).success).toBe(true);
    expect(emailChannelInputSchema.safeParse({ ...base, dkim: { domain: 'attacker.test', selector: 's1', privateKey: rsa } }).success).toBe(false);
    expect(emailChannelInputSchema.safeParse({ ...base, dkim: { domain: 'notshop.test', selector: 's1', privateKey: rsa } }).success).toBe(false);
    expect(emailChannelInputSchema.safeParse({ ...base, dkim: { domain: 'shop.test', selector: 'a b', privateKey: rsa } }).success).toBe(false);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(emailChannelInputSchema.safeParse({ ...base, dkim: { domain: 'shop.test', selector: 's1', privateKey: ed } }).success).toBe(false);
    expect(emailChannelInputSchema.safeParse({ ...base, dkim: { domain: 'shop.test', selector: 's1', privateKey: 'not a key' } }).success).toBe(false);
  });
});

describe('email channel config: sender verification', () => {
  it("defaults to 'authentication-results', accepts the 'envelope' opt-in, refuses anything else", () => {
    expect(splitEmailConfig(emailChannelInputSchema.parse(base)).config.inbound).toEqual({ mode: 'smtp', senderVerification: 'authentication-results' });
    const optIn = emailChannelInputSchema.parse({ ...base, inbound: { mode: 'smtp', authservId: 'mx.shop.test', senderVerification: 'envelope' } });
    expect(splitEmailConfig(optIn).config.inbound).toEqual({ mode: 'smtp', authservId: 'mx.shop.test', senderVerification: 'envelope' });
    expect(emailChannelInputSchema.safeParse({ ...base, inbound: { mode: 'smtp', senderVerification: 'none' } }).success).toBe(false);
  });

  it('reads a channel saved before the setting, or a hand-edited value, with the safe default', () => {
    const stored = { address: 'support@shop.test', inbound: { mode: 'smtp' }, outbound: { host: 'smtp.shop.test', port: 587, secure: false } };
    expect(readEmailConfig(stored)?.inbound.senderVerification).toBe('authentication-results');
    expect(readEmailConfig({ ...stored, inbound: { mode: 'smtp', senderVerification: 'anything' } })?.inbound.senderVerification).toBe(
      'authentication-results',
    );
    expect(readEmailConfig({ ...stored, inbound: { mode: 'imap', senderVerification: 'envelope' } })?.inbound.senderVerification).toBe('envelope');
  });
});
