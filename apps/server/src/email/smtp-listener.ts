import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Channel, Store } from '@parley/domain';
import { readEmailConfig } from '@parley/channel-email';
import { ingestEmail, type EmailIngestContext } from './ingest-email.js';

export interface SmtpListenerOptions {
  host: string;
  port: number;
  maxBytes: number;
  /** PEM files for STARTTLS; without them STARTTLS is not offered. */
  tls?: { keyFile: string; certFile: string } | undefined;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

/** An error carrying the SMTP reply code smtp-server sends. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The built-in SMTP listener: receives mail for email channels in `smtp` mode. Recipients are
 * routed by address to their channel; any other recipient is refused with 550 (no relaying).
 * The 250 after DATA is sent only once every recipient channel has committed the message, so an
 * acknowledged mail is durable; a failure answers 451 and the sending server retries (the
 * Message-ID dedupe makes that safe).
 *
 * @example
 * const listener = await startSmtpListener(ctx, store, { host: '127.0.0.1', port: 2525, maxBytes: 25e6 });
 */
export async function startSmtpListener(ctx: EmailIngestContext, store: Store, options: SmtpListenerOptions): Promise<SmtpListener> {
  const recipients = new Map<string, Channel[]>();
  const tls = options.tls ? { key: readFileSync(options.tls.keyFile), cert: readFileSync(options.tls.certFile) } : null;

  async function channelFor(address: string): Promise<Channel | null> {
    const channel = await store.read.channels.findForInboundByConfig('email', 'address', address.toLowerCase());
    if (!channel || !channel.enabled) return null;
    return readEmailConfig(channel.config)?.inbound.mode === 'smtp' ? channel : null;
  }

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw smtpError(552, `5.3.4 Message too big (limit ${options.maxBytes} bytes)`);
    const raw = Buffer.concat(chunks);
    const channels = recipients.get(session.id) ?? [];
    const mailFrom = session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address || null;
    const rcptTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    for (const channel of channels) await ingestEmail(ctx, channel, raw, { mailFrom, rcptTo });
  }

  const server = new SMTPServer({
    name: 'parley',
    banner: 'Parley',
    size: options.maxBytes,
    authOptional: true,
    // An MX takes no logins; STARTTLS only when a certificate is configured.
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    logger: false,
    onConnect(session, callback) {
      recipients.set(session.id, []);
      callback();
    },
    onMailFrom(_address, session, callback) {
      // A new transaction on the same connection (RSET, or a second mail): forget the last recipients.
      recipients.set(session.id, []);
      callback();
    },
    onRcptTo(address, session, callback) {
      channelFor(address.address).then(
        (channel) => {
          if (!channel) return callback(smtpError(550, '5.7.1 Relaying denied: no such mailbox here'));
          const list = recipients.get(session.id) ?? [];
          if (!list.some((c) => c.id === channel.id)) list.push(channel);
          recipients.set(session.id, list);
          callback();
        },
        (err: unknown) => {
          ctx.logger.error({ err }, 'SMTP recipient lookup failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (err: unknown) => {
          // Drain what is left so the client reads our reply, not a reset connection.
          stream.resume();
          if (err instanceof Error && 'responseCode' in err) return callback(err);
          ctx.logger.error({ err }, 'storing an inbound email failed; answering 451 so the sender retries');
          callback(smtpError(451, '4.3.0 Temporary failure storing the message, try again later'));
        },
      );
    },
    onClose(session) {
      recipients.delete(session.id);
    },
  });
  server.on('error', (err) => ctx.logger.warn({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
