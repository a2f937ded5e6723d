import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';

const host = z.string().trim().min(1).max(253);
const port = z.number().int().min(1).max(65535);

const imapInput = z
  .object({
    host,
    port: port.default(993),
    /** Implicit TLS (port 993); false speaks plain IMAP (STARTTLS when the server offers it). */
    secure: z.boolean().default(true),
    user: z.string().min(1).max(320),
    password: z.string().min(1).max(1000).optional(),
    mailbox: z.string().min(1).max(200).default('INBOX'),
    /** Seconds between polls when the server has no IDLE (and as a safety net when it has). */
    pollSeconds: z.number().int().min(2).max(3600).default(60),
  })
  .strict();

const outboundInput = z
  .object({
    host,
    port: port.default(587),
    /** Implicit TLS (port 465); false sends over plain SMTP, upgraded with STARTTLS when offered. */
    secure: z.boolean().default(false),
    /** Refuse to send unless STARTTLS succeeds (for relays across the Internet). */
    requireTls: z.boolean().default(false),
    user: z.string().min(1).max(320).optional(),
    password: z.string().min(1).max(1000).optional(),
    /** Sender address when it differs from `address` (a relay that rewrites nothing). */
    from: z.email().max(320).optional(),
    /** Total bytes of files sent as MIME parts (default 10 MiB, 0 = always links); files beyond it go as signed links. */
    attachMaxBytes: z
      .number()
      .int()
      .min(0)
      .max(25 * 1024 * 1024)
      .optional(),
  })
  .strict();

// A DNS name: labels of letters, digits and hyphens (a DKIM `d=` and the selector's zone).
const domainName = z
  .string()
  .trim()
  .max(253)
  .transform((d) => d.toLowerCase())
  .pipe(z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name'));

const dkimInput = z
  .object({
    /** The signing domain (`d=`): the From address's domain or a parent of it, so DMARC aligns. */
    domain: domainName,
    /** The selector (`s=`): the public key is published at `{selector}._domainkey.{domain}`. */
    selector: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}))*$/, 'must be a DNS label'),
    /** PEM RSA private key (nodemailer signs rsa-sha256). Secret: moved to the sealed secrets. */
    privateKey: z.string().max(20_000).refine(isUsableRsaKey, 'must be a PEM RSA private key of at least 1024 bits'),
  })
  .strict();

function isUsableRsaKey(pem: string): boolean {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 1024;
  } catch {
    return false;
  }
}

/**
 * True when `address`'s domain is `domain` or below it (DMARC relaxed alignment, the safe half of
 * it without a public-suffix list: a parent never aligns with its child's mail the other way round).
 * Used for the DKIM domain of replies and for the DKIM/SPF domains that verify an inbound sender.
 *
 * @example
 * isDomainAligned('camille@mail.client.test', 'client.test') // → true
 * isDomainAligned('camille@client.test', 'evil.test') // → false
 */
export function isDomainAligned(address: string, domain: string): boolean {
  const own = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const wanted = domain.trim().toLowerCase().replace(/\.$/, '');
  if (own.length === 0 || wanted.length === 0) return false;
  return own === wanted || own.endsWith(`.${wanted}`);
}

/**
 * How an inbound From address becomes a verified email identity:
 * - `authentication-results` (default): only on a pass your own mail server recorded in its
 *   `Authentication-Results` (`inbound.authservId`): DMARC for the From domain, or DKIM/SPF aligned with it;
 * - `envelope`: when the SMTP envelope sender (IMAP: `Return-Path`) equals From and the mail was
 *   addressed to the channel. Anyone can set both: choose it only when your own MTA rejects
 *   unauthenticated senders before Parley sees the mail.
 */
export const SENDER_VERIFICATIONS = ['authentication-results', 'envelope'] as const;
export type SenderVerification = (typeof SENDER_VERIFICATIONS)[number];

/**
 * What an admin posts as `config` for `type: "email"`. Passwords are accepted here and moved to
 * the channel's sealed secrets; they never reach the stored public config.
 *
 * @example
 * emailChannelInputSchema.parse({ address: 'support@shop.test', inbound: { mode: 'smtp' }, outbound: { host: 'smtp.shop.test', user: 'u', password: 'p' } });
 */
export const emailChannelInputSchema = z
  .object({
    address: z
      .email()
      .max(320)
      .transform((a) => a.toLowerCase()),
    displayName: z.string().trim().max(120).default(''),
    inbound: z
      .object({
        mode: z.enum(['smtp', 'imap']),
        imap: imapInput.optional(),
        /** The authserv-id of your own mail server: its `Authentication-Results` (SPF/DKIM/DMARC) are recorded on each mail. */
        authservId: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name')
          .optional(),
        /** How a From address is verified (see {@link SENDER_VERIFICATIONS}). */
        senderVerification: z.enum(SENDER_VERIFICATIONS).default('authentication-results'),
      })
      .strict()
      .refine((i) => i.mode !== 'imap' || i.imap !== undefined, { message: 'inbound.imap is required with mode "imap"', path: ['imap'] }),
    outbound: outboundInput,
    /** DKIM signing of replies; without it the relay may sign (or nobody does). */
    dkim: dkimInput.optional(),
  })
  .strict()
  .refine((c) => !c.dkim || isDomainAligned(c.outbound.from ?? c.address, c.dkim.domain), {
    message: 'dkim.domain must be the sender address domain or a parent of it (DMARC alignment)',
    path: ['dkim', 'domain'],
  });

/** The stored (public) configuration of an email channel: the input without passwords. */
export interface EmailChannelConfig {
  address: string;
  displayName: string;
  inbound: {
    mode: 'smtp' | 'imap';
    imap?: { host: string; port: number; secure: boolean; user: string; mailbox: string; pollSeconds: number };
    /** Only this server's Authentication-Results are trusted and recorded. */
    authservId?: string;
    /** How a From address is verified (stored configs without it: `authentication-results`). */
    senderVerification: SenderVerification;
  };
  outbound: { host: string; port: number; secure: boolean; requireTls: boolean; user?: string; from?: string; attachMaxBytes?: number };
  /** DKIM signing (the private key is in the sealed secrets). */
  dkim?: { domain: string; selector: string };
}

/** Secret names in the channel's sealed secrets. */
export const EMAIL_SECRETS = { smtpPassword: 'smtpPassword', imapPassword: 'imapPassword', dkimPrivateKey: 'dkimPrivateKey' } as const;

/**
 * Splits a validated input into the public config and the secrets to seal.
 *
 * @example
 * const { config, secrets } = splitEmailConfig(emailChannelInputSchema.parse(body.config));
 */
export function splitEmailConfig(input: z.output<typeof emailChannelInputSchema>): { config: EmailChannelConfig; secrets: Record<string, string> } {
  const secrets: Record<string, string> = {};
  const { password: smtpPassword, ...outbound } = input.outbound;
  if (smtpPassword) secrets[EMAIL_SECRETS.smtpPassword] = smtpPassword;
  let imap: EmailChannelConfig['inbound']['imap'];
  if (input.inbound.imap) {
    const { password: imapPassword, ...rest } = input.inbound.imap;
    if (imapPassword) secrets[EMAIL_SECRETS.imapPassword] = imapPassword;
    imap = rest;
  }
  let dkim: EmailChannelConfig['dkim'];
  if (input.dkim) {
    secrets[EMAIL_SECRETS.dkimPrivateKey] = input.dkim.privateKey;
    dkim = { domain: input.dkim.domain, selector: input.dkim.selector };
  }
  const config: EmailChannelConfig = {
    address: input.address,
    displayName: input.displayName,
    inbound: {
      mode: input.inbound.mode,
      ...(imap ? { imap } : {}),
      ...(input.inbound.authservId ? { authservId: input.inbound.authservId } : {}),
      senderVerification: input.inbound.senderVerification,
    },
    outbound,
    ...(dkim ? { dkim } : {}),
  };
  return { config, secrets };
}

const storedSchema = z.object({
  address: z.string(),
  displayName: z.string().default(''),
  inbound: z.object({
    mode: z.enum(['smtp', 'imap']),
    imap: z.object({ host: z.string(), port: z.number(), secure: z.boolean(), user: z.string(), mailbox: z.string(), pollSeconds: z.number() }).optional(),
    authservId: z.string().optional(),
    // Channels saved before the setting, or a hand-edited value: the safe rule.
    senderVerification: z.enum(SENDER_VERIFICATIONS).catch('authentication-results'),
  }),
  outbound: z.object({
    host: z.string(),
    port: z.number(),
    secure: z.boolean(),
    requireTls: z.boolean().default(false),
    user: z.string().optional(),
    from: z.string().optional(),
    attachMaxBytes: z.number().optional(),
  }),
  dkim: z.object({ domain: z.string(), selector: z.string() }).optional(),
});

/**
 * Reads a stored channel config (validated when it was saved); null when it is not an email
 * config (a hand-edited row), so callers skip the channel instead of crashing.
 */
export function readEmailConfig(config: Record<string, unknown>): EmailChannelConfig | null {
  const parsed = storedSchema.safeParse(config);
  return parsed.success ? (parsed.data as EmailChannelConfig) : null;
}
