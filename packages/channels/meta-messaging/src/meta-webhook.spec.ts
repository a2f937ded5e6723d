import { describe, expect, it } from 'vitest';
import { parseMetaWebhook } from './meta-webhook.js';

const body = (messaging: unknown[]) => Buffer.from(JSON.stringify({ object: 'page', entry: [{ id: '1122334455', messaging }] }));
const channel = { kind: 'messenger' as const, accountId: '1122334455' };
const sender = { sender: { id: '6660002' }, recipient: { id: '1122334455' } };

describe('parseMetaWebhook on odd but signed bodies', () => {
  it('keeps an attachment whose URL has broken percent-escapes instead of throwing', () => {
    const result = parseMetaWebhook(
      body([{ ...sender, message: { mid: 'm.1', attachments: [{ type: 'file', payload: { url: 'https://cdn.example/%E0%A4%A' } }] } }]),
      channel,
    );
    expect(result.ok && result.events[0]).toMatchObject({ content: { blocks: [{ type: 'attachment', fileName: '%E0%A4%A' }] } });
  });

  it('gives an unknown attachment type the generic content type, even "constructor"', () => {
    const result = parseMetaWebhook(
      body([{ ...sender, message: { mid: 'm.2', attachments: [{ type: 'constructor', payload: { url: 'https://cdn.example/a.bin' } }] } }]),
      channel,
    );
    expect(result.ok && result.events[0]).toMatchObject({ content: { blocks: [{ type: 'attachment', contentType: 'application/octet-stream' }] } });
  });

  it('leaves sentAt null for a timestamp no Date can hold, and skips empty provider ids', () => {
    const result = parseMetaWebhook(
      body([
        { ...sender, timestamp: 1e20, message: { mid: 'm.3', text: 'Bonjour' } },
        { ...sender, timestamp: 1, postback: { mid: '', title: 'Go', payload: 'GO' } },
        { ...sender, delivery: { mids: ['', 'm.out1'] } },
      ]),
      channel,
    );
    expect(result.ok && result.events.map((e) => ('sentAt' in e ? e.sentAt : null))).toEqual([null, new Date(1), null]);
    expect(result.ok && result.events.map((e) => ('providerMessageId' in e ? e.providerMessageId : ''))).toEqual(['m.3', 'postback:6660002:1:GO', 'm.out1']);
  });

  it('keeps at most the 20 content blocks a message holds', () => {
    const attachments = Array.from({ length: 20 }, (_, i) => ({ type: 'image', payload: { url: `https://cdn.example/${i}.jpg` } }));
    const result = parseMetaWebhook(body([{ ...sender, message: { mid: 'm.4', text: 'Photos', attachments } }]), channel);
    expect(result.ok && result.events[0]?.kind === 'message' && result.events[0].content.blocks).toHaveLength(20);
  });
});
