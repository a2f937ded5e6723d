import { describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { readAuthenticationResults } from './authentication-results.js';
import { isSenderVerified, parseEmail } from './parse-email.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2c2a3f60000000049454e44ae426082',
  'hex',
);

function raw(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

const base = { channelAddress: 'support@shop.test', channelId: '0190aaaa-0000-7000-8000-000000000001', maxAttachmentBytes: 1_000_000 };
const MX = 'mx.shop.test';
const envelope = { mailFrom: 'jeanne@client.test', rcptTo: ['support@shop.test'] };

/** The mail as the brand's MX hands it on: its Authentication-Results prepended on top. */
function viaMx(mail: Buffer, ...results: string[]): Buffer {
  return Buffer.concat([Buffer.from(results.map((r) => `Authentication-Results: ${r}\r\n`).join('')), mail]);
}

/** The sender check alone, on one trusted header value. */
function verifiedBy(from: string, header: string | null): boolean {
  const authentication = header === null ? null : readAuthenticationResults(viaMx(Buffer.from('Subject: x\r\n\r\n'), header), MX);
  return isSenderVerified(from, { mode: 'authentication-results', authentication, envelope, channelAddress: 'support@shop.test' });
}

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
    const email = await parseEmail(
      viaMx(mail, `${MX}; spf=pass smtp.mailfrom=client.test; dkim=pass header.d=client.test; dmarc=pass header.from=client.test`),
      {
        ...base,
        envelope,
        authservId: MX,
      },
    );
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

  it('does not vouch for a forged From whose envelope matches it: no trusted pass, a scoped id instead, the address unverified', async () => {
    const mail = await raw({ from: 'boss@bank.test', to: 'support@shop.test', subject: 'Urgent', text: 'Pay now', messageId: '<f@x>' });
    const forged = { mailFrom: 'boss@bank.test', rcptTo: ['support@shop.test'] };
    const unverified = [
      { kind: 'external_id', raw: 'email:boss@bank.test', scope: base.channelId, verified: true, provenance: 'channel' },
      { kind: 'email', raw: 'boss@bank.test', scope: '', verified: false, provenance: 'channel' },
    ];
    // Without an authserv-id nothing can prove the sender, whatever the envelope says.
    for (const email of [await parseEmail(mail, { ...base, envelope: forged }), await parseEmail(mail, { ...base, envelope: forged, authservId: MX })]) {
      expect(email.senderVerified).toBe(false);
      expect(email.identities).toEqual(unverified);
    }
    // The trusted server found no pass.
    const failed = await parseEmail(viaMx(mail, `${MX}; spf=fail smtp.mailfrom=bank.test; dkim=none; dmarc=fail header.from=bank.test`), {
      ...base,
      envelope: forged,
      authservId: MX,
    });
    expect(failed.senderVerified).toBe(false);
    expect(failed.identities).toEqual(unverified);
  });

  it('ignores a pass the sender wrote: below the trusted header, or under another authserv-id', async () => {
    const mail = await raw({
      from: 'jeanne@client.test',
      to: 'support@shop.test',
      subject: 'x',
      text: 'y',
      headers: { 'Authentication-Results': `${MX}; dkim=pass header.d=client.test; dmarc=pass header.from=client.test` },
    });
    const below = viaMx(mail, `${MX}; spf=softfail smtp.mailfrom=client.test; dkim=none; dmarc=fail header.from=client.test`);
    expect((await parseEmail(below, { ...base, envelope, authservId: MX })).senderVerified).toBe(false);
    const plain = await raw({ from: 'jeanne@client.test', to: 'support@shop.test', subject: 'x', text: 'y' });
    const otherServer = viaMx(plain, 'mx.evil.test; dkim=pass header.d=client.test; dmarc=pass header.from=client.test');
    expect((await parseEmail(otherServer, { ...base, envelope, authservId: MX })).senderVerified).toBe(false);
    expect(readAuthenticationResults(below, MX)?.dmarc).toBe('fail');
  });

  it('verifies on DMARC for the From domain, or DKIM/SPF aligned with it, nothing else', () => {
    const from = 'camille@mail.client.test';
    expect(verifiedBy(from, `${MX}; dmarc=pass (p=reject) header.from=mail.client.test`)).toBe(true);
    expect(verifiedBy(from, `${MX}; dmarc=pass header.from=client.test`)).toBe(false);
    expect(verifiedBy(from, `${MX}; dmarc=pass`)).toBe(false);
    expect(verifiedBy(from, `${MX}; dmarc=fail header.from=mail.client.test`)).toBe(false);
    // DKIM: the signing domain is the From domain or a parent of it.
    expect(verifiedBy(from, `${MX}; dkim=pass header.d=client.test header.s=s1`)).toBe(true);
    expect(verifiedBy(from, `${MX}; dkim=pass header.d=Mail.Client.test.`)).toBe(true);
    expect(verifiedBy(from, `${MX}; dkim=pass header.i=@mail.client.test`)).toBe(true);
    expect(verifiedBy(from, `${MX}; dkim=pass header.d=evil.test; dmarc=fail header.from=mail.client.test`)).toBe(false);
    expect(verifiedBy(from, `${MX}; dkim=pass header.d=other.mail.client.test`)).toBe(false);
    expect(verifiedBy(from, `${MX}; dkim=pass header.d=notclient.test`)).toBe(false);
    expect(verifiedBy(from, `${MX}; dkim=fail header.d=client.test; dkim=pass header.d=evil.test`)).toBe(false);
    expect(verifiedBy(from, `${MX}; dkim=pass`)).toBe(false);
    // SPF: the envelope domain the server checked is aligned with From.
    expect(verifiedBy(from, `${MX}; spf=pass smtp.mailfrom=bounces@client.test`)).toBe(true);
    expect(verifiedBy(from, `${MX}; spf=pass smtp.mailfrom=camille@evil.test`)).toBe(false);
    expect(verifiedBy(from, `${MX}; spf=softfail smtp.mailfrom=client.test`)).toBe(false);
    expect(verifiedBy(from, `${MX}; spf=pass smtp.helo=mail.client.test`)).toBe(false);
    expect(verifiedBy(from, null)).toBe(false);
  });

  it('refuses to verify a mail with two From addresses or two From headers', async () => {
    const trusted = `${MX}; dkim=pass header.d=client.test; dmarc=pass header.from=client.test`;
    const two = Buffer.from('From: jeanne@client.test\r\nFrom: boss@bank.test\r\nTo: support@shop.test\r\nSubject: x\r\n\r\ny\r\n');
    expect((await parseEmail(viaMx(two, trusted), { ...base, envelope, authservId: MX })).senderVerified).toBe(false);
    const list = Buffer.from('From: jeanne@client.test, boss@bank.test\r\nTo: support@shop.test\r\nSubject: x\r\n\r\ny\r\n');
    expect((await parseEmail(viaMx(list, trusted), { ...base, envelope, authservId: MX })).senderVerified).toBe(false);
    const one = Buffer.from('From: jeanne@client.test\r\nTo: support@shop.test\r\nSubject: x\r\n\r\ny\r\n');
    expect((await parseEmail(viaMx(one, trusted), { ...base, envelope, authservId: MX })).senderVerified).toBe(true);
  });

  it("keeps the envelope rule as the 'envelope' opt-in, reading Return-Path and Delivered-To for IMAP", async () => {
    const mail = await raw({
      from: 'a@client.test',
      to: 'support@shop.test',
      subject: 'x',
      text: 'y',
      headers: { 'Return-Path': '<a@client.test>', 'Delivered-To': 'support@shop.test' },
    });
    expect((await parseEmail(mail, { ...base, envelope: 'return-path', senderVerification: 'envelope' })).senderVerified).toBe(true);
    expect((await parseEmail(mail, { ...base, envelope: 'return-path' })).senderVerified).toBe(false);
    const smtp = { mailFrom: 'a@client.test', rcptTo: ['support@shop.test'] };
    expect((await parseEmail(mail, { ...base, envelope: smtp, senderVerification: 'envelope' })).senderVerified).toBe(true);
    const contradicted = { mailFrom: 'attacker@evil.test', rcptTo: ['support@shop.test'] };
    expect((await parseEmail(mail, { ...base, envelope: contradicted, senderVerification: 'envelope' })).senderVerified).toBe(false);
    const elsewhere = { mailFrom: 'a@client.test', rcptTo: ['other@shop.test'] };
    expect((await parseEmail(mail, { ...base, envelope: elsewhere, senderVerification: 'envelope' })).senderVerified).toBe(false);
  });

  it('keeps only the summary of the trusted verdicts on the email block', async () => {
    const mail = await raw({ from: 'a@client.test', to: 'support@shop.test', subject: 'x', text: 'y' });
    const email = await parseEmail(viaMx(mail, `${MX}; dkim=pass header.d=client.test`), { ...base, envelope, authservId: MX });
    const block = email.content.blocks.find((b) => b.type === 'email');
    expect(block?.type === 'email' && block.authentication).toEqual({ authservId: MX, dkim: 'pass', header: `${MX}; dkim=pass header.d=client.test` });
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
