import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { describeChannelAdapterContract, type ContractProvider } from '@parley/channel-sdk/testing';
import { createEmailChannelAdapter } from './email-channel.adapter.js';

// Mail arrives through the SMTP listener or IMAP, not webhooks; replies go out over real SMTP to
// a local server that answers as the contract kit plays the provider: 250, 451 (try later) or 550.
let smtp: SMTPServer | undefined;

async function startSmtp(provider: ContractProvider): Promise<number> {
  smtp = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth: (auth, _session, callback) =>
      auth.username === 'parley' && auth.password === 'smtp-contract-password' ? callback(null, { user: 'parley' }) : callback(new Error('bad login')),
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const outcome = provider.outcome();
        if (outcome === 'retryable') return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
        if (outcome !== 'ok') return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
        simpleParser(Buffer.concat(chunks)).then((mail) => {
          provider.received(mail.text ?? '');
          callback();
        }, callback);
      });
    },
  });
  const server = smtp;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.server.address() as AddressInfo).port;
}

describeChannelAdapterContract('email', {
  async setup(provider) {
    const port = await startSmtp(provider);
    const outbound = { host: '127.0.0.1', port, secure: false, requireTls: false, user: 'parley' };
    return {
      adapter: createEmailChannelAdapter({ allowHosts: ['127.0.0.1'] }),
      configInput: {
        address: 'support@shop.test',
        inbound: { mode: 'smtp' },
        outbound: { host: '127.0.0.1', port, user: 'parley', password: 'smtp-contract-password' },
      },
      channel: {
        id: '0190a000-0000-7000-8000-000000000201',
        workspaceId: 'ws',
        name: 'Support',
        config: { address: 'support@shop.test', displayName: 'Support', inbound: { mode: 'smtp' }, outbound },
      },
      secrets: { smtpPassword: 'smtp-contract-password' },
      inbound: null,
      outbound: {
        customer: { id: 'cust', externalId: null, identities: [{ kind: 'email', scope: '', value: 'camille@example.com' }] },
        // The Message-ID Parley sets is the provider id.
        returnsProviderId: true,
        outcomes: ['ok', 'retryable', 'permanent'],
      },
    };
  },
  teardown: () => new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve())),
});
