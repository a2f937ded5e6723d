import { describe, expect, it } from 'vitest';
import { createWebchatChannelAdapter, type WebchatDelivery } from './webchat-channel.adapter.js';
import { signIdentity, verifyIdentitySignature } from './identity-signature.js';
import { isOriginAllowed, readWebchatConfig } from './webchat-config.js';

describe('web chat channel adapter', () => {
  const delivered: WebchatDelivery[] = [];
  const adapter = createWebchatChannelAdapter({ gateway: { deliver: (d) => delivered.push(d) } });

  it('fills defaults and validates the configuration', async () => {
    const ok = await adapter.parseConfig({
      brandName: 'Maison Lumière',
      primaryColor: '#aa5500',
      allowedOrigins: ['https://Shop.example.com'],
      rules: { urlPattern: '^/panier' },
    });
    expect(ok).toMatchObject({
      ok: true,
      config: { brandName: 'Maison Lumière', defaultLocale: 'fr', allowedOrigins: ['https://shop.example.com'], prechat: { enabled: false } },
    });
    expect((await adapter.parseConfig({ primaryColor: 'red' })).ok).toBe(false);
    expect((await adapter.parseConfig({ rules: { urlPattern: '(' } })).ok).toBe(false);
    expect((await adapter.parseConfig({ rules: { urlPattern: 'a'.repeat(301) } })).ok).toBe(false);
    expect((await adapter.parseConfig({ allowedOrigins: ['https://x.example.com/path'] })).ok).toBe(false);
    expect((await adapter.parseConfig({ unknown: 1 })).ok).toBe(false);
  });

  it('checks origins only when a list is configured', () => {
    const open = readWebchatConfig({});
    const closed = readWebchatConfig({ allowedOrigins: ['https://shop.example.com'] });
    expect(isOriginAllowed(open, 'https://evil.example')).toBe(true);
    expect(isOriginAllowed(closed, 'https://shop.example.com')).toBe(true);
    expect(isOriginAllowed(closed, 'https://evil.example')).toBe(false);
    expect(isOriginAllowed(closed, undefined)).toBe(true);
  });

  it('makes an identity secret and refuses webhooks', () => {
    expect(adapter.createSecrets().identitySecret).toMatch(/^[\w-]{40,}$/);
    const raw = { headers: {}, rawBody: Buffer.from('{}'), url: 'http://x' };
    expect(adapter.verify(raw, {})).toBe(false);
    expect(adapter.parseInbound(raw, { id: 'c', config: {} }).ok).toBe(false);
  });

  it('hands replies to the gateway and reports them sent', async () => {
    const result = await adapter.send({
      channel: { id: 'ch', workspaceId: 'ws', name: 'Chat', config: {} },
      secrets: {},
      conversationId: 'conv',
      customer: { id: 'cust', externalId: null, identities: [] },
      message: { id: 'm1', content: { v: 1, blocks: [{ type: 'text', text: 'Bonjour' }] }, text: 'Bonjour', author: { kind: 'agent', name: 'Léa' }, seq: 2 },
      deliveryId: 'job-1',
    });
    expect(result).toEqual({ ok: true, providerMessageId: null });
    expect(delivered).toEqual([
      expect.objectContaining({
        workspaceId: 'ws',
        channelId: 'ch',
        conversationId: 'conv',
        customerId: 'cust',
        deliveryId: 'job-1',
        message: expect.objectContaining({ id: 'm1', seq: 2 }),
      }),
    ]);
  });

  it('verifies identity signatures in constant time and rejects forgeries', () => {
    const secret = 's3cret';
    const signature = signIdentity(secret, 'cust-42', 'camille@example.com');
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyIdentitySignature(secret, 'cust-42', 'camille@example.com', signature)).toBe(true);
    expect(verifyIdentitySignature(secret, 'cust-42', 'camille@example.com', signature.toUpperCase())).toBe(true);
    expect(verifyIdentitySignature(secret, 'cust-43', 'camille@example.com', signature)).toBe(false);
    expect(verifyIdentitySignature(secret, 'cust-42', undefined, signature)).toBe(false);
    expect(verifyIdentitySignature(secret, 'cust-42', undefined, signIdentity(secret, 'cust-42'))).toBe(true);
    expect(verifyIdentitySignature('other', 'cust-42', 'camille@example.com', signature)).toBe(false);
    expect(verifyIdentitySignature(secret, 'cust-42', 'camille@example.com', 'abc')).toBe(false);
    expect(verifyIdentitySignature(undefined, 'cust-42', 'camille@example.com', signature)).toBe(false);
  });
});
