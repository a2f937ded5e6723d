import nodemailer from 'nodemailer';
import type { SendResult } from '@parley/channel-sdk';
import type { EmailChannelConfig } from './email-config.js';

/** One outgoing email, already built. */
export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** Files carried as MIME parts (the others are links in the text). */
  attachments?: Array<{ fileName: string; contentType: string; data: Buffer }>;
}

/** DKIM signing of one mail (RFC 6376, rsa-sha256, relaxed/relaxed as nodemailer signs). */
export interface DkimSigning {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** Sends through an SMTP server; tests and other transports plug in here. */
export type EmailSender = (
  config: EmailChannelConfig['outbound'],
  password: string | null,
  mail: OutgoingEmail,
  dkim?: DkimSigning | null,
) => Promise<SendResult>;

const TIMEOUT_MS = 20_000;

/**
 * Sends one email over SMTP with nodemailer and maps the outcome for the delivery job: a 4xx
 * or a network failure is worth retrying, a 5xx is not (the server's reason is kept). The
 * Message-ID is set by Parley and returned as the provider id.
 *
 * @example
 * const result = await smtpSender(config.outbound, secrets.smtpPassword ?? null, mail);
 */
export const smtpSender: EmailSender = async (config, password, mail, dkim) => {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    ...(config.user ? { auth: { user: config.user, pass: password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(dkim ? { dkim } : {}),
  });
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references.length > 0 ? { references: mail.references } : {}),
      headers: { 'Auto-Submitted': 'no' },
      ...(mail.attachments && mail.attachments.length > 0
        ? { attachments: mail.attachments.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: a.data })) }
        : {}),
    });
    return { ok: true, providerMessageId: mail.messageId };
  } catch (error) {
    return smtpFailure(error);
  } finally {
    transport.close();
  }
};

/**
 * An SMTP error as a delivery outcome. 5xx: permanent (a refused recipient, a policy). 4xx,
 * timeouts and connection failures: temporary, retried with backoff by the job.
 */
export function smtpFailure(error: unknown): SendResult {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const detail = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : 'unknown SMTP error';
  if (code !== null) return { ok: false, retryable: code < 500, error: `SMTP ${code}: ${detail}`.slice(0, 1000) };
  // No SMTP reply: the connection, DNS or a timeout. A config problem with no reply (no recipient) cannot get better.
  const permanent = e.code === 'EENVELOPE' || e.code === 'EMESSAGE';
  return { ok: false, retryable: !permanent, error: `${typeof e.code === 'string' ? e.code : 'SMTP'}: ${detail}`.slice(0, 1000) };
}
