import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { ImapFlow } from 'imapflow';
import { ApiClient, startTestServer, waitFor } from './support/test-server.js';
import { deliverToListener, dovecotBinary, mxPass, startDovecot, startProviderSmtp } from './support/mail-servers.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2c2a3f60000000049454e44ae426082',
  'hex',
);

// The brand's MX: it checks SPF/DKIM/DMARC and records the verdicts (Authentication-Results) that
// verify a sender; the channel trusts that authserv-id only.
const MX = 'mx.shop.test';

interface Msg {
  id: string;
  text: string;
  direction: string;
  providerMessageId: string | null;
  deliveryStatus: string;
  deliveryError: string | null;
  content: { blocks: Array<Record<string, unknown>> };
}

describe('email channel over real SMTP', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let provider: Awaited<ReturnType<typeof startProviderSmtp>>;
  let admin: ApiClient;
  // The provider answers 451 to the first two attempts for the first reply, 550 for bounce@.
  let temporaryFailures = 2;

  beforeAll(async () => {
    provider = await startProviderSmtp((rcptTo) => {
      if (rcptTo.includes('refused@client.test')) return 550;
      if (temporaryFailures > 0) {
        temporaryFailures--;
        return 451;
      }
      return 250;
    });
    server = await startTestServer({ env: { PARLEY_SMTP_PORT: '0' } });
    admin = new ApiClient(server.url);
    await admin.login();
    const created = await admin.request('POST', '/api/v1/channels', {
      type: 'email',
      name: 'Support',
      config: {
        address: 'Support@Shop.test',
        displayName: 'Maison Lumière',
        inbound: { mode: 'smtp', authservId: MX },
        outbound: { host: '127.0.0.1', port: provider.port, secure: false, user: 'parley', password: 's3cret' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.config).toMatchObject({ address: 'support@shop.test', outbound: { user: 'parley' } });
    expect(JSON.stringify(created.body)).not.toContain('s3cret');
  });
  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  /** A mail relayed by the brand's MX, which found DMARC and DKIM passing for client.test (raw mail: sent as is). */
  function send(
    mail: Mail.Options & { envelope?: { from: string; to: string[] } },
    authenticationResults: string | null = mxPass(MX, 'client.test'),
  ): Promise<unknown> {
    if (mail.raw === undefined) return deliverToListener(server.email.smtpPort ?? 0, mail, authenticationResults, mail.envelope);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.email.smtpPort ?? 0, secure: false, ignoreTLS: true });
    return transport.sendMail(mail).finally(() => transport.close());
  }

  async function customerOf(conversationId: string): Promise<{ id: string; identities: Array<{ kind: string; value: string; verified: boolean }> }> {
    const conversation = await admin.request('GET', `/api/v1/conversations/${conversationId}`);
    return (await admin.request('GET', `/api/v1/customers/${conversation.body.customerId}`)).body;
  }

  async function conversationOf(providerMessageId: string): Promise<{ conversationId: string; messages: Msg[] }> {
    const list = await admin.request('GET', '/api/v1/conversations?limit=200');
    for (const c of list.body.items as Array<{ id: string }>) {
      const messages = (await admin.request('GET', `/api/v1/conversations/${c.id}/messages?limit=200`)).body.items as Msg[];
      if (messages.some((m) => m.providerMessageId === providerMessageId)) return { conversationId: c.id, messages };
    }
    throw new Error(`no conversation holds ${providerMessageId}`);
  }

  async function messages(conversationId: string): Promise<Msg[]> {
    return (await admin.request('GET', `/api/v1/conversations/${conversationId}/messages?limit=200`)).body.items as Msg[];
  }

  async function timelineTypes(conversationId: string): Promise<Array<{ type?: string; payload?: Record<string, unknown> }>> {
    const conversation = await admin.request('GET', `/api/v1/conversations/${conversationId}`);
    return (await admin.request('GET', `/api/v1/customers/${conversation.body.customerId}/timeline?limit=200`)).body.items;
  }

  let firstConversation = '';
  let outboundMessageId = '';

  it('stores a customer email once committed: quotes and signature stripped, HTML sanitized, attachments checked, From verified', async () => {
    await send({
      from: 'Jeanne Martin <jeanne@client.test>',
      to: 'support@shop.test',
      subject: 'Commande 42',
      messageId: '<m1@client.test>',
      text: 'Bonjour, où est ma commande 42 ?\n\n-- \nJeanne Martin\n06 12 34 56 78',
      html: '<p>Bonjour, où est ma commande 42 ?</p><script>alert("pwn")</script><img src="https://track.test/p.gif" onerror="x()">',
      attachments: [
        { filename: 'photo.png', content: PNG, contentType: 'image/png' },
        { filename: 'setup.exe', content: Buffer.from('MZ\x90\x00'), contentType: 'application/octet-stream' },
      ],
    });
    // sendMail resolved: the listener answered 250, so the message is already committed.
    const { conversationId, messages: stored } = await conversationOf('<m1@client.test>');
    firstConversation = conversationId;
    expect(stored).toHaveLength(1);
    const [message] = stored as [Msg];
    expect(message.text).toBe('Bonjour, où est ma commande 42 ?');
    const email = message.content.blocks.find((b) => b.type === 'email') as { html: string; original: string; refused: Array<{ fileName: string }> };
    expect(email.original).toContain('06 12 34 56 78');
    expect(email.html).toContain('<p>Bonjour, où est ma commande 42 ?</p>');
    expect(email.html).not.toMatch(/script|onerror|<img/i);
    expect(email.refused.map((r) => r.fileName)).toEqual(['setup.exe']);
    const attachment = message.content.blocks.find((b) => b.type === 'attachment') as { attachmentId: string; fileName: string };
    expect(attachment).toMatchObject({ fileName: 'photo.png', contentType: 'image/png', sizeBytes: PNG.length });
    const customer = await admin.request('GET', `/api/v1/customers/${(await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body.customerId}`);
    expect(JSON.stringify(customer.body)).toContain('jeanne@client.test');
    expect(customer.body.identities.find((i: { kind: string }) => i.kind === 'email')).toMatchObject({ value: 'jeanne@client.test', verified: true });
  });

  it('sends the reply in the thread through SMTP: 451 twice, then delivered once, statuses on the timeline', async () => {
    const reply = await admin.request('POST', `/api/v1/conversations/${firstConversation}/messages`, { text: 'Bonjour Jeanne,\n\nElle part demain.' });
    expect(reply.status).toBe(201);
    const sent = await waitFor(
      async () => (await messages(firstConversation)).find((m) => m.id === reply.body.messageId && m.deliveryStatus === 'sent'),
      30_000,
    );
    expect(provider.attempts).toBe(3);
    expect(provider.accepted).toHaveLength(1);
    const mail = provider.accepted[0]!;
    expect(mail.rcptTo).toEqual(['jeanne@client.test']);
    expect(mail.parsed.inReplyTo).toBe('<m1@client.test>');
    expect(mail.parsed.references).toEqual('<m1@client.test>');
    expect(mail.parsed.subject).toMatch(/^Re: Commande 42 \[#[0-9a-f]{10}\]$/);
    expect(mail.parsed.messageId).toBe(sent.providerMessageId);
    expect(mail.parsed.text?.trim()).toBe('Bonjour Jeanne,\n\nElle part demain.');
    expect(mail.parsed.html).toContain('<p>Bonjour Jeanne,</p>');
    outboundMessageId = sent.providerMessageId ?? '';
    const updates = (await timelineTypes(firstConversation)).filter((e) => e.type === 'message.delivery_updated').map((e) => e.payload?.status);
    expect(updates).toEqual(['pending', 'pending', 'sent']);
  });

  it('threads the customer answer by In-Reply-To into the same conversation, and by subject token as a fallback', async () => {
    await send({
      from: 'jeanne@client.test',
      to: 'support@shop.test',
      subject: 'Re: Commande 42',
      messageId: '<m2@client.test>',
      inReplyTo: outboundMessageId,
      references: ['<m1@client.test>', outboundMessageId],
      text: 'Merci beaucoup !\n\nLe lun. 3 janv. 2026, Maison Lumière <support@shop.test> a écrit :\n> Bonjour Jeanne,\n> Elle part demain.',
    });
    expect((await conversationOf('<m2@client.test>')).conversationId).toBe(firstConversation);
    expect((await messages(firstConversation)).at(-1)?.text).toBe('Merci beaucoup !');

    // A new subject without references is a new conversation…
    await send({
      from: 'jeanne@client.test',
      to: 'support@shop.test',
      subject: 'Autre question',
      messageId: '<m3@client.test>',
      text: 'Livrez-vous en Belgique ?',
    });
    const other = (await conversationOf('<m3@client.test>')).conversationId;
    expect(other).not.toBe(firstConversation);
    // …and a mail whose client dropped the headers finds its conversation by the token.
    const token = /\[#([0-9a-f]{10})\]/.exec(provider.accepted[0]!.parsed.subject ?? '')?.[1];
    await send({
      from: 'jeanne@client.test',
      to: 'support@shop.test',
      subject: `TR: Re: Commande 42 [#${token}]`,
      messageId: '<m4@client.test>',
      text: 'Encore moi.',
    });
    expect((await conversationOf('<m4@client.test>')).conversationId).toBe(firstConversation);
  });

  it('never duplicates a replayed Message-ID', async () => {
    const before = (await messages(firstConversation)).length;
    for (let i = 0; i < 2; i++)
      await send({
        from: 'jeanne@client.test',
        to: 'support@shop.test',
        subject: 'Re: Commande 42',
        messageId: '<m4@client.test>',
        inReplyTo: outboundMessageId,
        text: 'Encore moi.',
      });
    expect((await messages(firstConversation)).length).toBe(before);
  });

  it('records auto-replies and bounces on the timeline, never as messages and never answered', async () => {
    const before = (await messages(firstConversation)).length;
    const acceptedBefore = provider.accepted.length;
    await send({
      from: 'jeanne@client.test',
      to: 'support@shop.test',
      subject: 'Réponse automatique : absente',
      messageId: '<auto1@client.test>',
      inReplyTo: outboundMessageId,
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'Je suis absente jusqu’au 10.',
    });
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
      'Final-Recipient: rfc822; jeanne@client.test',
      'Action: failed',
      'Status: 5.2.2',
      'Diagnostic-Code: smtp; 552 5.2.2 Mailbox full',
      '--B',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${outboundMessageId}`,
      '--B--',
      '',
    ].join('\r\n');
    await send({ envelope: { from: '', to: ['support@shop.test'] }, raw: dsn });
    const after = await messages(firstConversation);
    expect(after.length).toBe(before);
    const bounced = after.find((m) => m.providerMessageId === outboundMessageId);
    expect(bounced).toMatchObject({ deliveryStatus: 'failed', deliveryError: '552 5.2.2 Mailbox full' });
    const types = (await timelineTypes(firstConversation)).map((e) => e.type);
    expect(types).toContain('email.auto_reply_received');
    expect(types).toContain('email.bounce_received');
    await new Promise((r) => setTimeout(r, 500));
    expect(provider.accepted.length).toBe(acceptedBefore);
  });

  it('keeps a forged mail (envelope = From, but no pass from the MX) out of the customer and her thread', async () => {
    const jeanne = await customerOf(firstConversation);
    const before = (await messages(firstConversation)).length;
    const forged = {
      from: 'Jeanne Martin <jeanne@client.test>',
      to: 'support@shop.test',
      subject: 'Re: Commande 42',
      inReplyTo: outboundMessageId,
      references: ['<m1@client.test>', outboundMessageId],
    };
    // Straight to the listener with no Authentication-Results; then one the sender wrote under another
    // authserv-id; then a DKIM pass for a domain that is not hers.
    await send({ ...forged, messageId: '<forged1@evil.test>', text: 'Nouvel IBAN : FR76 0000 1111' }, null);
    await send({ ...forged, messageId: '<forged2@evil.test>', text: 'Nouvel IBAN : FR76 0000 2222' }, 'mx.evil.test; dmarc=pass header.from=client.test');
    await send(
      { ...forged, messageId: '<forged3@evil.test>', text: 'Nouvel IBAN : FR76 0000 3333' },
      `${MX}; dkim=pass header.d=evil.test; dmarc=fail header.from=client.test`,
    );
    for (const id of ['<forged1@evil.test>', '<forged2@evil.test>', '<forged3@evil.test>']) {
      const { conversationId } = await conversationOf(id);
      expect(conversationId).not.toBe(firstConversation);
      const impostor = await customerOf(conversationId);
      expect(impostor.id).not.toBe(jeanne.id);
      expect(impostor.identities.some((i) => i.kind === 'email' && i.verified)).toBe(false);
    }
    expect((await messages(firstConversation)).length).toBe(before);
  });

  it("verifies by the envelope on a channel that opted in ('envelope': the operator's MTA enforces it)", async () => {
    const optIn = await admin.request('POST', '/api/v1/channels', {
      type: 'email',
      name: 'Support (MTA enforcing)',
      config: {
        address: 'enforced@shop.test',
        inbound: { mode: 'smtp', senderVerification: 'envelope' },
        outbound: { host: '127.0.0.1', port: provider.port, secure: false, user: 'parley', password: 's3cret' },
      },
    });
    expect(optIn.status, JSON.stringify(optIn.body)).toBe(201);
    expect(optIn.body.config.inbound).toEqual({ mode: 'smtp', senderVerification: 'envelope' });
    await send({ from: 'marc@client.test', to: 'enforced@shop.test', subject: 'Bonjour', messageId: '<env1@client.test>', text: 'Question' }, null);
    const matching = await customerOf((await conversationOf('<env1@client.test>')).conversationId);
    expect(matching.identities.find((i) => i.kind === 'email')).toMatchObject({ value: 'marc@client.test', verified: true });
    // An envelope sender other than From proves nothing there either.
    await send(
      {
        from: 'lucie@client.test',
        to: 'enforced@shop.test',
        subject: 'Bonjour',
        messageId: '<env2@client.test>',
        text: 'Question',
        envelope: { from: 'bounce@evil.test', to: ['enforced@shop.test'] },
      },
      null,
    );
    const contradicted = await customerOf((await conversationOf('<env2@client.test>')).conversationId);
    expect(contradicted.identities.some((i) => i.kind === 'email' && i.verified)).toBe(false);
  });

  it('refuses to relay for an unknown recipient (550)', async () => {
    await expect(send({ from: 'jeanne@client.test', to: 'someone@elsewhere.test', subject: 'x', text: 'y' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('marks a reply failed with the server reason when the provider answers 550', async () => {
    await send({ from: 'refused@client.test', to: 'support@shop.test', subject: 'Bonjour', messageId: '<r1@client.test>', text: 'Question' });
    const { conversationId } = await conversationOf('<r1@client.test>');
    const reply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Réponse' });
    const failed = await waitFor(
      async () => (await messages(conversationId)).find((m) => m.id === reply.body.messageId && m.deliveryStatus === 'failed'),
      30_000,
    );
    expect(failed.deliveryError).toMatch(/^SMTP 550: 550 5\.1\.1 Mailbox unavailable/);
    const updates = (await timelineTypes(conversationId))
      .filter((e) => e.type === 'message.delivery_updated')
      .map((e) => [e.payload?.status, e.payload?.error]);
    expect(updates).toEqual([['failed', failed.deliveryError]]);
  });
});

const dovecot = dovecotBinary();
if (!dovecot && !process.env.CI)
  console.warn('channels-email.spec: IMAP test skipped: dovecot is not installed (apt-get install dovecot-imapd); it always runs in CI');

describe.skipIf(!dovecot && !process.env.CI)('email channel over IMAP (Dovecot)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let imapServer: Awaited<ReturnType<typeof startDovecot>>;
  let admin: ApiClient;

  beforeAll(async () => {
    if (!dovecot) throw new Error('CI is set but dovecot is not installed: add dovecot-imapd (see .ci/run)');
    imapServer = await startDovecot(dovecot);
    server = await startTestServer();
    admin = new ApiClient(server.url);
    await admin.login();
  });
  afterAll(async () => {
    await server?.close();
    imapServer?.stop();
  });

  it('ingests an appended message once, marks it \\Seen after the commit, and ignores a copy with the same Message-ID', async () => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: imapServer.port,
      secure: false,
      auth: { user: imapServer.user, pass: imapServer.password },
      logger: false,
    });
    await client.connect();
    // Already read before the channel exists: history, not new mail.
    await client.append('INBOX', 'From: old@client.test\r\nTo: support@shop.test\r\nSubject: old\r\nMessage-ID: <old@client.test>\r\n\r\nold\r\n', ['\\Seen']);
    const created = await admin.request('POST', '/api/v1/channels', {
      type: 'email',
      name: 'Boîte IMAP',
      config: {
        address: 'support@shop.test',
        inbound: {
          mode: 'imap',
          imap: { host: '127.0.0.1', port: imapServer.port, secure: false, user: imapServer.user, password: imapServer.password, pollSeconds: 2 },
          authservId: MX,
        },
        outbound: { host: '127.0.0.1', port: 2525 },
      },
    });
    expect(created.status).toBe(201);
    // As delivered to the mailbox: the final server's Return-Path and Delivered-To over the MX's verdicts.
    const mail = (id: string) =>
      `Return-Path: <paul@client.test>\r\nDelivered-To: support@shop.test\r\nAuthentication-Results: ${mxPass(MX, 'client.test')}\r\nFrom: Paul <paul@client.test>\r\nTo: support@shop.test\r\nSubject: Retour\r\nMessage-ID: ${id}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJe voudrais retourner ma lampe.\r\n\r\nSent from my iPhone\r\n`;
    const appended = await client.append('INBOX', mail('<imap1@client.test>'));
    await server.email.refreshImap();

    const found = await waitFor(async () => {
      const list = await admin.request('GET', '/api/v1/conversations?limit=200');
      for (const c of list.body.items as Array<{ id: string }>) {
        const items = (await admin.request('GET', `/api/v1/conversations/${c.id}/messages`)).body.items as Msg[];
        if (items.some((m) => m.providerMessageId === '<imap1@client.test>')) return { id: c.id, items };
      }
      return null;
    }, 30_000);
    expect(found.items).toHaveLength(1);
    expect(found.items[0]?.text).toBe('Je voudrais retourner ma lampe.');
    const customer = await admin.request('GET', `/api/v1/customers/${(await admin.request('GET', `/api/v1/conversations/${found.id}`)).body.customerId}`);
    expect(customer.body.identities.find((i: { kind: string }) => i.kind === 'email')).toMatchObject({ value: 'paul@client.test', verified: true });

    const lock = await client.getMailboxLock('INBOX');
    try {
      const uid = appended && typeof appended === 'object' ? appended.uid : undefined;
      await waitFor(async () => {
        const message = await client.fetchOne(String(uid), { flags: true }, { uid: true });
        return message && message.flags?.has('\\Seen');
      }, 10_000);
    } finally {
      lock.release();
    }

    // The same Message-ID again (a re-delivery): stored once.
    await client.append('INBOX', mail('<imap1@client.test>'));
    await client.append('INBOX', mail('<imap2@client.test>'));
    // UIDs are taken in order: once the later mail is in, the copy before it was handled.
    const stored = async () => {
      const ids: string[] = [];
      const all = await admin.request('GET', '/api/v1/conversations?limit=200');
      for (const c of all.body.items as Array<{ id: string }>) {
        for (const m of (await admin.request('GET', `/api/v1/conversations/${c.id}/messages`)).body.items as Msg[]) ids.push(m.providerMessageId ?? '');
      }
      return ids;
    };
    const ids = await waitFor(async () => {
      const now = await stored();
      return now.includes('<imap2@client.test>') ? now : null;
    }, 30_000);
    expect(ids.filter((id) => id === '<imap1@client.test>')).toHaveLength(1);
    expect(ids).not.toContain('<old@client.test>');
    await client.logout();
  });
});
