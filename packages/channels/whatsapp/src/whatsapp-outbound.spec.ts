import { describe, expect, it } from 'vitest';
import { toWhatsappMessages } from './whatsapp-outbound.js';
import { parseWhatsappWebhook, whatsappDispatchKeys } from './whatsapp-webhook.js';

const button = (i: number) => ({ id: `b${i}`, label: `Choice ${i}` });

describe('toWhatsappMessages', () => {
  it('sends text as a text message', () => {
    expect(toWhatsappMessages({ v: 1, blocks: [{ type: 'text', text: 'Bonjour' }] }, 'Bonjour')).toEqual([
      { type: 'text', text: { body: 'Bonjour', preview_url: true } },
    ]);
  });

  it('sends a text over 4 096 characters as consecutive text messages, losing nothing', () => {
    const long = Array.from({ length: 1500 }, (_, i) => `mot${i}`).join(' ');
    const out = toWhatsappMessages({ v: 1, blocks: [{ type: 'text', text: long }] }, long);
    expect(out.length).toBeGreaterThan(1);
    const bodies = out.map((m) => (m.text as { body: string }).body);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(4096);
    expect(bodies.join(' ')).toBe(long);
  });

  it('maps up to 3 buttons to reply buttons, up to 10 to a list, more to a numbered text', () => {
    const three = toWhatsappMessages({ v: 1, blocks: [{ type: 'buttons', text: 'Pick', buttons: [1, 2, 3].map(button) }] }, '');
    expect(three[0]).toMatchObject({ type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' } } });
    const five = toWhatsappMessages(
      {
        v: 1,
        blocks: [
          { type: 'text', text: 'Pick' },
          { type: 'quick_replies', replies: [1, 2, 3, 4, 5].map(button) },
        ],
      },
      '',
    );
    expect(five).toHaveLength(1);
    expect(five[0]).toMatchObject({ type: 'interactive', interactive: { type: 'list', body: { text: 'Pick' } } });
    const many = toWhatsappMessages({ v: 1, blocks: [{ type: 'buttons', text: 'Pick', buttons: Array.from({ length: 12 }, (_, i) => button(i + 1)) }] }, '');
    expect(many[0]).toMatchObject({ type: 'text' });
    expect(JSON.stringify(many[0])).toContain('12. Choice 12');
  });

  it('sends a template alone, with its variables as body parameters', () => {
    expect(toWhatsappMessages({ v: 1, blocks: [{ type: 'template', name: 'hello', language: 'fr', variables: ['A'] }] }, '')).toEqual([
      { type: 'template', template: { name: 'hello', language: { code: 'fr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'A' }] }] } },
    ]);
  });

  it('sends a linked file with the text as caption', () => {
    const out = toWhatsappMessages(
      {
        v: 1,
        blocks: [
          { type: 'text', text: 'Voici' },
          { type: 'attachment', url: 'https://x.test/a.pdf', fileName: 'a.pdf', contentType: 'application/pdf' },
        ],
      },
      'Voici',
    );
    expect(out).toEqual([{ type: 'document', document: { link: 'https://x.test/a.pdf', caption: 'Voici', filename: 'a.pdf' } }]);
  });
});

describe('parseWhatsappWebhook', () => {
  const body = (phoneNumberId: string) =>
    Buffer.from(
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '1',
            changes: [
              {
                field: 'messages',
                value: { metadata: { phone_number_id: phoneNumberId }, messages: [{ from: '33612345678', id: 'wamid.1', type: 'text', text: { body: 'hi' } }] },
              },
            ],
          },
        ],
      }),
    );

  it('reads only the channel own number and names the numbers for app-level dispatch', () => {
    const own = parseWhatsappWebhook(body('42'), '42');
    expect(own.ok && own.events).toHaveLength(1);
    const other = parseWhatsappWebhook(body('43'), '42');
    expect(other.ok && other.events).toHaveLength(0);
    expect(whatsappDispatchKeys(body('42'))).toEqual(['42']);
  });

  it('refuses a body that is not a webhook', () => {
    expect(parseWhatsappWebhook(Buffer.from('nope'), '42').ok).toBe(false);
  });
});
