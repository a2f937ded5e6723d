import { describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { parseEmail } from './parse-email.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2c2a3f60000000049454e44ae426082',
  'hex',
);

function raw(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

const base = { channelAddress: 'support@shop.test', channelId: '0190aaaa-0000-7000-8000-000000000001', maxAttachmentBytes: 1_000_000 };

describe('parseEmail', () => {
  it('normalizes a reply: threading ids, token, stripped text, original kept, sanitized HTML, attachments checked', async () => {
    const mail = await raw({
      from: 'Jeanne Martin <Jeanne@Client.test>',
      to: 'support@shop.test',
      subject: 'Re: Commande 42 [#0123456789]',
      messageId: '<r1@client.test>',
      inReplyTo: '<o1@shop.test>',
      references: ['<m0@client.test>', '<o1@shop.test>'],
      text: 'Oui, merci !\n\nLe lun. 3 janv. 2026, Maison <support@shop.test> a écrit :\n> Votre colis est parti.',
      html: '<p>Oui, merci !</p><script>alert(1)</script><blockquote>Votre colis est parti.</blockquote>',
      attachments: [
        { filename: 'photo.png', content: PNG, contentType: 'image/png' },
        { filename: 'virus.exe', content: Buffer.from('MZ...'), contentType: 'application/octet-stream' },
      ],
    });
    const email = await parseEmail(mail, { ...base, envelope: { mailFrom: 'jeanne@client.test', rcptTo: ['support@shop.test'] } });
    expect(email).toMatchObject({
      kind: 'message',
      providerMessageId: '<r1@client.test>',
      from: { address: 'jeanne@client.test', name: 'Jeanne Martin' },
      senderVerified: true,
      identities: [{ kind: 'email', raw: 'jeanne@client.test', verified: true, provenance: 'channel' }],
      subject: 'Re: Commande 42 [#0123456789]',
      text: 'Oui, merci !',
      thread: { providerMessageIds: ['<m0@client.test>', '<o1@shop.test>'], conversationToken: '0123456789' },
      refused: [{ fileName: 'virus.exe' }],
      bounce: null,
    });
    expect(email.attachments.map((a) => [a.fileName, a.contentType])).toEqual([['photo.png', 'image/png']]);
    const block = email.content.blocks.find((b) => b.type === 'email');
    expect(block?.type === 'email' && block.original).toContain('Votre colis est parti.');
    expect(block?.type === 'email' && block.html).not.toContain('script');
  });

  it('does not vouch for a From that the envelope contradicts: a scoped id instead, the address unverified', async () => {
    const mail = await raw({ from: 'boss@bank.test', to: 'support@shop.test', subject: 'Urgent', text: 'Pay now', messageId: '<f@x>' });
    const email = await parseEmail(mail, { ...base, envelope: { mailFrom: 'attacker@evil.test', rcptTo: ['support@shop.test'] } });
    expect(email.senderVerified).toBe(false);
    expect(email.identities).toEqual([
      { kind: 'external_id', raw: 'email:boss@bank.test', scope: base.channelId, verified: true, provenance: 'channel' },
      { kind: 'email', raw: 'boss@bank.test', scope: '', verified: false, provenance: 'channel' },
    ]);
  });

  it('reads the envelope from Return-Path and Delivered-To for IMAP', async () => {
    const mail = await raw({
      from: 'a@client.test',
      to: 'support@shop.test',
      subject: 'x',
      text: 'y',
      headers: { 'Return-Path': '<a@client.test>', 'Delivered-To': 'support@shop.test' },
    });
    expect((await parseEmail(mail, { ...base, envelope: 'return-path' })).senderVerified).toBe(true);
  });

  it('derives a stable id for mail without a Message-ID, so a replay still dedupes', async () => {
    const mail = Buffer.from('From: a@client.test\r\nTo: support@shop.test\r\nSubject: x\r\n\r\nbody\r\n');
    const one = await parseEmail(mail, { ...base, envelope: 'return-path' });
    const two = await parseEmail(mail, { ...base, envelope: 'return-path' });
    expect(one.providerMessageId).toBe(two.providerMessageId);
    expect(one.providerMessageId).toMatch(/^<[0-9a-f]{40}@parley\.missing-message-id>$/);
  });

  it('recognises a DSN bounce with its reason and the bounced Message-ID', async () => {
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.client.test>',
      'To: support@shop.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn1@mx.client.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain',
      '',
      'I could not deliver your message.',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.client.test',
      '',
      'Final-Recipient: rfc822; nobody@client.test',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <nobody@client.test>: Recipient address rejected',
      '--B',
      'Content-Type: text/rfc822-headers',
      '',
      'From: Maison <support@shop.test>',
      'Message-ID: <out1@shop.test>',
      'Subject: Re: Commande',
      '--B--',
      '',
    ].join('\r\n');
    const email = await parseEmail(Buffer.from(dsn), { ...base, envelope: { mailFrom: null, rcptTo: ['support@shop.test'] } });
    expect(email.kind).toBe('bounce');
    expect(email.bounce).toEqual({ reason: '550 5.1.1 <nobody@client.test>: Recipient address rejected', originalMessageIds: ['<out1@shop.test>'] });
    expect(email.attachments).toEqual([]);
  });

  it('treats mail from the channel itself as automatic (a loop), never as a customer', async () => {
    const mail = await raw({ from: 'support@shop.test', to: 'support@shop.test', subject: 'x', text: 'y' });
    expect((await parseEmail(mail, { ...base, envelope: 'return-path' })).kind).toBe('auto_reply');
  });
});
