import type { ChannelAdapter, ConfigResult, OutboundRequestContext, ParseResult, SendResult } from '@parley/channel-sdk';
import { assertOutboundUrlAllowed } from '@parley/http-outbound';
import { EMAIL_SECRETS, emailChannelInputSchema, readEmailConfig, splitEmailConfig } from './email-config.js';
import { buildReply, filesToAttach } from './build-reply.js';
import { smtpSender, type EmailSender } from './smtp-sender.js';

/** The longest reply text; a longer one fails (permanent) rather than being cut or split into several mails. */
export const EMAIL_MAX_TEXT = 100_000;

/** Files up to this total travel as MIME parts by default; most servers accept 25 MB once base64 grows them by a third. */
const DEFAULT_ATTACH_MAX_BYTES = 10 * 1024 * 1024;

export interface EmailChannelDeps {
  /** Hosts allowed although they resolve to private addresses (`PARLEY_OUTBOUND_ALLOW_HOSTS`). */
  allowHosts: readonly string[];
  /** Defaults to SMTP through nodemailer. */
  sender?: EmailSender;
}

/**
 * The email channel. Mail comes in through the built-in SMTP listener or IMAP polling (both in
 * the server, using {@link parseEmail}); this adapter validates the config (moving passwords to
 * the sealed secrets) and sends replies over SMTP in the customer's thread.
 *
 * @example
 * registry.register(createEmailChannelAdapter({ allowHosts: config.outboundAllowHosts }));
 */
export function createEmailChannelAdapter(deps: EmailChannelDeps): ChannelAdapter {
  const send = deps.sender ?? smtpSender;
  return {
    manifest: {
      type: 'email',
      displayName: 'Email',
      richMessages: false,
      attachments: true,
      templates: false,
      messageWindowHours: null,
      maxTextLength: EMAIL_MAX_TEXT,
      textOverflow: 'reject',
      threaded: true,
    },

    async parseConfig(config: unknown): Promise<ConfigResult> {
      const parsed = emailChannelInputSchema.safeParse(config);
      if (!parsed.success) return { ok: false, message: 'Invalid email channel config', details: parsed.error.issues };
      // Same rule as webhooks: no private or loopback servers unless an admin allowed the host.
      await assertOutboundUrlAllowed(`http://${hostForUrl(parsed.data.outbound.host)}:${parsed.data.outbound.port}/`, deps.allowHosts);
      const imap = parsed.data.inbound.imap;
      if (parsed.data.inbound.mode === 'imap' && imap) await assertOutboundUrlAllowed(`http://${hostForUrl(imap.host)}:${imap.port}/`, deps.allowHosts);
      const { config: publicConfig, secrets } = splitEmailConfig(parsed.data);
      return { ok: true, config: { ...publicConfig }, secrets };
    },

    createSecrets: () => ({}),

    // Email does not arrive over HTTP webhooks: nothing posted to a webhook URL is ever accepted.
    verify: () => false,

    parseInbound(): ParseResult {
      return { ok: false, code: 'validation_failed', message: 'Email arrives through the SMTP listener or IMAP polling, not webhooks' };
    },

    async send(context: OutboundRequestContext): Promise<SendResult> {
      const config = readEmailConfig(context.channel.config);
      if (!config) return { ok: false, retryable: false, error: 'the channel has no valid email config' };
      if (context.message.text.length > EMAIL_MAX_TEXT)
        return {
          ok: false,
          retryable: false,
          error: `the text is ${context.message.text.length} characters long; an email reply carries at most ${EMAIL_MAX_TEXT}`,
        };
      const password = context.secrets[EMAIL_SECRETS.smtpPassword] ?? null;
      // Without the password a login can only fail, however often it is retried.
      if (config.outbound.user && !password) return { ok: false, retryable: false, error: 'the channel has an SMTP user but no SMTP password' };
      const mail = buildReply(context, config, await filesToAttach(context, config.outbound.attachMaxBytes ?? DEFAULT_ATTACH_MAX_BYTES));
      if ('error' in mail) return { ok: false, retryable: false, error: mail.error };
      const privateKey = context.secrets[EMAIL_SECRETS.dkimPrivateKey];
      // A channel configured to sign never sends unsigned: receivers enforcing DMARC would drop it.
      if (config.dkim && !privateKey) return { ok: false, retryable: false, error: 'DKIM is configured but the channel has no DKIM private key' };
      const dkim = config.dkim && privateKey ? { domainName: config.dkim.domain, keySelector: config.dkim.selector, privateKey } : null;
      return send(config.outbound, password, mail, dkim);
    },
  };
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
