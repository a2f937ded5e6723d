import { describe, expect, it } from 'vitest';
import { signBody } from '@parley/kernel';
import { metaHandshake, verifyMetaSignature } from '@parley/meta-graph';
import { toMetaMessages } from './meta-outbound.js';

describe('Meta webhook signature and handshake', () => {
  const raw = Buffer.from('{"object":"page","entry":[]}');
  const request = (signature?: string) => ({
    headers: signature ? { 'x-hub-signature-256': signature } : {},
    rawBody: raw,
    url: 'http://x/webhooks/messenger',
  });

  it('accepts the app secret HMAC of the raw body only', () => {
    expect(verifyMetaSignature(request(signBody('secret', raw)), 'secret')).toBe(true);
    expect(verifyMetaSignature(request(signBody('other', raw)), 'secret')).toBe(false);
    expect(verifyMetaSignature(request(), 'secret')).toBe(false);
    expect(verifyMetaSignature(request(signBody('secret', raw)), undefined)).toBe(false);
  });

  it('echoes the challenge only for the right verify token', () => {
    expect(metaHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'tok', 'hub.challenge': '123' }, 'tok')).toMatchObject({ status: 200, body: '123' });
    expect(metaHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'bad', 'hub.challenge': '123' }, 'tok')).toBeNull();
    expect(metaHandshake({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'tok', 'hub.challenge': '123' }, 'tok')).toBeNull();
  });
});

describe('toMetaMessages', () => {
  it('maps quick replies, a button template and a generic template', () => {
    const replies = toMetaMessages({ v: 1, blocks: [{ type: 'quick_replies', text: 'Oui ?', replies: [{ id: 'y', label: 'Oui' }] }] }, '');
    expect(replies).toEqual([{ text: 'Oui ?', quick_replies: [{ content_type: 'text', title: 'Oui', payload: 'y' }] }]);
    const buttons = toMetaMessages({ v: 1, blocks: [{ type: 'buttons', text: 'Go', buttons: [{ id: 'a', label: 'Site', url: 'https://x.test' }] }] }, '');
    expect(buttons[0]).toMatchObject({
      attachment: { type: 'template', payload: { template_type: 'button', buttons: [{ type: 'web_url', url: 'https://x.test' }] } },
    });
    const cards = toMetaMessages({ v: 1, blocks: [{ type: 'cards', cards: [{ title: 'T', subtitle: 'S' }] }] }, '');
    expect(cards[0]).toMatchObject({ attachment: { payload: { template_type: 'generic', elements: [{ title: 'T', subtitle: 'S' }] } } });
  });

  it('splits a text over the channel limit (Instagram 1 000) into consecutive messages', () => {
    const long = Array.from({ length: 400 }, (_, i) => `mot${i}`).join(' ');
    const parts = toMetaMessages({ v: 1, blocks: [{ type: 'text', text: long }] }, long, 1000).map((m) => String(m.text));
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(1000);
    expect(parts.join(' ')).toBe(long);
  });
});
