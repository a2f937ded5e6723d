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
  })
  .strict();

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
      .object({ mode: z.enum(['smtp', 'imap']), imap: imapInput.optional() })
      .strict()
      .refine((i) => i.mode !== 'imap' || i.imap !== undefined, { message: 'inbound.imap is required with mode "imap"', path: ['imap'] }),
    outbound: outboundInput,
  })
  .strict();

/** The stored (public) configuration of an email channel: the input without passwords. */
export interface EmailChannelConfig {
  address: string;
  displayName: string;
  inbound: { mode: 'smtp' | 'imap'; imap?: { host: string; port: number; secure: boolean; user: string; mailbox: string; pollSeconds: number } };
  outbound: { host: string; port: number; secure: boolean; requireTls: boolean; user?: string; from?: string };
}

/** Secret names in the channel's sealed secrets. */
export const EMAIL_SECRETS = { smtpPassword: 'smtpPassword', imapPassword: 'imapPassword' } as const;

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
  const config: EmailChannelConfig = {
    address: input.address,
    displayName: input.displayName,
    inbound: { mode: input.inbound.mode, ...(imap ? { imap } : {}) },
    outbound,
  };
  return { config, secrets };
}

const storedSchema = z.object({
  address: z.string(),
  displayName: z.string().default(''),
  inbound: z.object({
    mode: z.enum(['smtp', 'imap']),
    imap: z.object({ host: z.string(), port: z.number(), secure: z.boolean(), user: z.string(), mailbox: z.string(), pollSeconds: z.number() }).optional(),
  }),
  outbound: z.object({
    host: z.string(),
    port: z.number(),
    secure: z.boolean(),
    requireTls: z.boolean().default(false),
    user: z.string().optional(),
    from: z.string().optional(),
  }),
});

/**
 * Reads a stored channel config (validated when it was saved); null when it is not an email
 * config (a hand-edited row), so callers skip the channel instead of crashing.
 */
export function readEmailConfig(config: Record<string, unknown>): EmailChannelConfig | null {
  const parsed = storedSchema.safeParse(config);
  return parsed.success ? (parsed.data as EmailChannelConfig) : null;
}
