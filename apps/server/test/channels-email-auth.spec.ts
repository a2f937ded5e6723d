import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { ApiClient, startTestServer, waitFor } from './support/test-server.js';
import { startProviderSmtp } from './support/mail-servers.js';
import { verifyDkim } from './support/dkim-verify.js';

// Email authentication: replies leave DKIM-signed with the channel's key (sealed like its other
// secrets), and the SPF/DKIM/DMARC verdicts of the operator's own mail server
// (Authentication-Results with its authserv-id) are kept on each inbound mail.
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

type Msg = { id: string; providerMessageId: string | null; deliveryStatus: string; content: { blocks: Array<Record<string, unknown>> } };

describe('email authentication (DKIM signing, Authentication-Results)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let provider: Awaited<ReturnType<typeof startProviderSmtp>>;
  let admin: ApiClient;
  let channelId: string;

  beforeAll(async () => {
    provider = await startProviderSmtp();
    server = await startTestServer({ env: { PARLEY_SMTP_PORT: '0' } });
    admin = new ApiClient(server.url);
    await admin.login();
    const created = await admin.request('POST', '/api/v1/channels', {
      type: 'email',
      name: 'Support',
      config: {
        address: 'support@mail.shop.test',
        inbound: { mode: 'smtp', authservId: 'mx.shop.test' },
        outbound: { host: '127.0.0.1', port: provider.port, secure: false, user: 'parley', password: 's3cret', attachMaxBytes: 2000 },
        dkim: { domain: 'shop.test', selector: 'parley2026', privateKey: PRIVATE_PEM },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    channelId = created.body.id;
    expect(created.body.config.dkim).toEqual({ domain: 'shop.test', selector: 'parley2026' });
    expect(JSON.stringify(created.body)).not.toContain('PRIVATE KEY');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  const messagesOf = async (conversationId: string) =>
    (await admin.request('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`)).body.items as Msg[];
  async function conversationHolding(providerMessageId: string): Promise<string> {
    return waitFor(async () => {
      const list = await admin.request('GET', '/api/v1/conversations?limit=100');
      for (const c of list.body.items as Array<{ id: string }>)
        if ((await messagesOf(c.id)).some((m) => m.providerMessageId === providerMessageId)) return c.id;
      return null;
    });
  }

  async function emailIdentityOf(conversationId: string): Promise<{ value: string; verified: boolean } | undefined> {
    const customerId = (await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body.customerId;
    const customer = (await admin.request('GET', `/api/v1/customers/${customerId}`)).body as {
      identities: Array<{ kind: string; value: string; verified: boolean }>;
    };
    return customer.identities.find((i) => i.kind === 'email');
  }

  it('refuses a DKIM domain the sender address does not align with, and a key that is not a private key', async () => {
    const base = { address: 'other@shop.test', inbound: { mode: 'smtp' }, outbound: { host: '127.0.0.1', port: provider.port } };
    const misaligned = await admin.request('POST', '/api/v1/channels', {
      type: 'email',
      name: 'x',
      config: { ...base, dkim: { domain: 'elsewhere.test', selector: 's1', privateKey: PRIVATE_PEM } },
    });
    expect(misaligned.status).toBe(422);
    const badKey = await admin.request('POST', '/api/v1/channels', {
      type: 'email',
      name: 'x',
      config: { ...base, dkim: { domain: 'shop.test', selector: 's1', privateKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() } },
    });
    expect(badKey.status).toBe(422);
  });

  it('records the verdicts of our own server, not a header the sender added under it, and signs the reply with DKIM', async () => {
    const raw = [
      'Authentication-Results: mx.shop.test;',
      '\tspf=pass smtp.mailfrom=client.test;',
      '\tdkim=pass header.d=client.test header.s=sel;',
      '\tdmarc=pass (p=REJECT) header.from=client.test',
      'Received: from out.client.test by mx.shop.test',
      'Authentication-Results: mx.shop.test; spf=fail; dkim=fail; dmarc=fail',
      'From: Jeanne Martin <jeanne@client.test>',
      'To: support@mail.shop.test',
      'Subject: Facture',
      'Message-ID: <auth1@client.test>',
      'Date: Sun, 22 Nov 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Bonjour, pouvez-vous me renvoyer la facture ?',
      '',
    ].join('\r\n');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.email.smtpPort ?? 0, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'jeanne@client.test', to: ['support@mail.shop.test'] }, raw }).finally(() => transport.close());

    const conversationId = await conversationHolding('<auth1@client.test>');
    const [inbound] = await messagesOf(conversationId);
    const email = inbound!.content.blocks.find((b) => b.type === 'email');
    expect(email?.authentication).toMatchObject({ authservId: 'mx.shop.test', spf: 'pass', dkim: 'pass', dmarc: 'pass' });
    expect(String((email?.authentication as { header: string }).header)).toContain('header.d=client.test');
    // Our server's DMARC pass for client.test is what verifies Jeanne's address.
    expect(await emailIdentityOf(conversationId)).toMatchObject({ value: 'jeanne@client.test', verified: true });

    const reply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, { text: 'Bonjour Jeanne,\n\nLa voici  en pièce jointe.  ' });
    expect(reply.status).toBe(201);
    await waitFor(async () => (await messagesOf(conversationId)).find((m) => m.id === reply.body.messageId && m.deliveryStatus === 'sent'), 30_000);
    const sent = provider.accepted.at(-1)!;
    const result = verifyDkim(sent.raw, keys.publicKey);
    expect(result.tags).toMatchObject({ v: '1', a: 'rsa-sha256', c: 'relaxed/relaxed', d: 'shop.test', s: 'parley2026' });
    expect(result.tags.h?.split(':')).toEqual(expect.arrayContaining(['from', 'subject', 'date', 'message-id', 'to', 'in-reply-to', 'references']));
    expect(result).toMatchObject({ bodyHashOk: true, signatureOk: true });
    // Another key does not verify it, and neither does a changed body or subject.
    expect(verifyDkim(sent.raw, otherKeys.publicKey).signatureOk).toBe(false);
    const tamperedBody = Buffer.from(sent.raw.toString('latin1').replace('Bonjour Jeanne', 'Bonjour Jeannot'), 'latin1');
    expect(verifyDkim(tamperedBody, keys.publicKey).bodyHashOk).toBe(false);
    const tamperedSubject = Buffer.from(sent.raw.toString('latin1').replace(/^Subject: Re: /m, 'Subject: Tr: '), 'latin1');
    expect(verifyDkim(tamperedSubject, keys.publicKey).signatureOk).toBe(false);
    expect(channelId).toBeTruthy();
  });

  it("does not verify a sender on a pass written under our server's verdict, nor on an unaligned DKIM pass", async () => {
    const jeanne = (await admin.request('GET', `/api/v1/conversations/${await conversationHolding('<auth1@client.test>')}`)).body.customerId;
    const forged = (id: string, ...results: string[]) =>
      [
        ...results.map((r) => `Authentication-Results: ${r}`),
        'From: Jeanne Martin <jeanne@client.test>',
        'To: support@mail.shop.test',
        'Subject: Nouvel IBAN',
        `Message-ID: ${id}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Voici mon nouvel IBAN.',
        '',
      ].join('\r\n');
    const cases = [
      // Our server found nothing; the sender's own header below claims every pass.
      forged(
        '<forged-below@evil.test>',
        'mx.shop.test; spf=none; dkim=none; dmarc=none',
        'mx.shop.test; spf=pass smtp.mailfrom=client.test; dkim=pass header.d=client.test; dmarc=pass header.from=client.test',
      ),
      // A DKIM pass, but for the sender's own domain, not Jeanne's.
      forged('<forged-dkim@evil.test>', 'mx.shop.test; spf=fail smtp.mailfrom=evil.test; dkim=pass header.d=evil.test; dmarc=fail header.from=client.test'),
    ];
    for (const raw of cases) {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.email.smtpPort ?? 0, secure: false, ignoreTLS: true });
      await transport.sendMail({ envelope: { from: 'jeanne@client.test', to: ['support@mail.shop.test'] }, raw }).finally(() => transport.close());
    }
    for (const id of ['<forged-below@evil.test>', '<forged-dkim@evil.test>']) {
      const conversationId = await conversationHolding(id);
      expect((await admin.request('GET', `/api/v1/conversations/${conversationId}`)).body.customerId).not.toBe(jeanne);
      expect((await emailIdentityOf(conversationId))?.verified ?? false).toBe(false);
    }
  });

  it('sends stored files as MIME parts up to the channel cap, the rest as signed links, still DKIM-signed', async () => {
    const conversationId = await conversationHolding('<auth1@client.test>');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(600, 3)]);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x20)]);
    const [small, big] = await server.context.store.transaction(async (tx) => [
      await tx.files.put({ workspaceId: server.workspaceId, fileName: 'photo.png', contentType: 'image/png', data: png }),
      await tx.files.put({ workspaceId: server.workspaceId, fileName: 'catalogue.pdf', contentType: 'application/pdf', data: pdf }),
    ]);
    const before = provider.accepted.length;
    const reply = await admin.request('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Voici les documents.',
      attachmentIds: [small!.id, big!.id],
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    await waitFor(async () => (await messagesOf(conversationId)).find((m) => m.id === reply.body.messageId && m.deliveryStatus === 'sent'), 30_000);
    const sent = provider.accepted[before]!;
    // 600 bytes fit under the 2 000-byte cap; the 3 000-byte PDF does not and goes as a link.
    expect(sent.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['photo.png', 'image/png']]);
    expect(sent.parsed.attachments[0]!.content.equals(png)).toBe(true);
    expect(sent.parsed.text).toMatch(/catalogue\.pdf: http:\/\/\S+\/api\/v1\/attachments\/[0-9a-f-]{36}\/signed\?/);
    expect(sent.parsed.text).not.toContain('photo.png:');
    expect(verifyDkim(sent.raw, keys.publicKey)).toMatchObject({ bodyHashOk: true, signatureOk: true });
  });
});
