import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { checkAttachment, safeFileName, type ContentBlock, type IdentityClaim, type MessageContent } from '@parley/domain';
import { classifyEmail, type EmailKind } from './automatic-mail.js';
import { readAuthenticationResults, type AuthenticationResults } from './authentication-results.js';
import { isDomainAligned, type SenderVerification } from './email-config.js';
import { extractConversationToken, normalizeMessageId, parseMessageIdList } from './message-ids.js';
import { stripQuotedReply } from './reply-stripper.js';
import { sanitizeEmailHtml } from './sanitize-email-html.js';

/** What the SMTP transaction said, as opposed to what the headers claim. */
export interface EmailEnvelope {
  /** MAIL FROM (null for the empty reverse path `<>` of bounces). */
  mailFrom: string | null;
  rcptTo: string[];
}

export interface ParseEmailOptions {
  /** The channel's own address (lower case). */
  channelAddress: string;
  channelId: string;
  /**
   * The envelope: the built-in SMTP listener passes the SMTP one; the IMAP poller passes
   * `'return-path'` (the envelope as the final mail server recorded it in `Return-Path` and
   * `Delivered-To`/`X-Original-To`). Only the `envelope` sender verification reads it.
   */
  envelope: EmailEnvelope | 'return-path';
  maxAttachmentBytes: number;
  maxAttachments?: number;
  /**
   * The channel's `inbound.authservId`: that server's Authentication-Results are kept on the email
   * block and, with `authentication-results` verification, are the only thing that verifies a sender.
   */
  authservId?: string | null;
  /** The channel's `inbound.senderVerification` (default `authentication-results`). */
  senderVerification?: SenderVerification;
}

/** An email turned into what Parley stores. */
export interface ParsedEmail {
  kind: EmailKind;
  /** The Message-ID (or, when the mail has none, one derived from its bytes, so replays still dedupe). */
  providerMessageId: string;
  from: { address: string; name: string | null } | null;
  /** True when the From address passed the channel's checks (see {@link isSenderVerified}). */
  senderVerified: boolean;
  identities: IdentityClaim[];
  displayName: string | null;
  subject: string;
  /** Displayed text: the reply without the quoted history and the signature. */
  text: string;
  /** A text block with `text` and an `email` block keeping the original and the sanitized HTML. */
  content: MessageContent;
  /** Ids this mail refers to (References then In-Reply-To; the latest last) and the subject token. */
  thread: { providerMessageIds: string[]; conversationToken: string | null };
  attachments: Array<{ fileName: string; contentType: string; data: Buffer }>;
  refused: Array<{ fileName: string; reason: string }>;
  /** Bounces: why delivery failed and the Message-IDs of the bounced mail. */
  bounce: { reason: string; originalMessageIds: string[] } | null;
  sentAt: Date | null;
}

const MAX_TEXT = 20_000;
const MAX_ORIGINAL = 200_000;
const MAX_HTML = 500_000;

/**
 * Parses a raw RFC 5322 message (mailparser) into Parley's normalized form. Never throws on
 * odd mail: missing headers, bad encodings and huge bodies are degraded, not refused.
 *
 * @example
 * const email = await parseEmail(raw, { channelAddress: 'support@shop.test', channelId, envelope: { mailFrom, rcptTo }, maxAttachmentBytes: 10e6 });
 */
export async function parseEmail(raw: Buffer, options: ParseEmailOptions): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, maxHtmlLengthToParse: MAX_HTML * 2 });
  const header = (name: string): string | undefined => headerText(mail, name);
  const from = firstAddress(mail.from);
  const subject = (mail.subject ?? '').slice(0, 998);
  const providerMessageId = normalizeMessageId(mail.messageId) ?? `<${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@parley.missing-message-id>`;
  let kind = classifyEmail(header, subject, from?.address ?? null);
  // Our own address writing to us is a loop (a forward rule, an echo): never answer it.
  if (kind === 'message' && from?.address === options.channelAddress) kind = 'auto_reply';

  const authentication = options.authservId ? readAuthenticationResults(raw, options.authservId) : null;
  // Two From headers, or a From with two addresses: which one a DMARC check covered is anyone's guess.
  const singleFrom = mail.headerLines.filter((h) => h.key === 'from').length === 1 && addressCount(mail.from) === 1;
  const senderVerified =
    from !== null &&
    singleFrom &&
    isSenderVerified(from.address, {
      mode: options.senderVerification ?? 'authentication-results',
      authentication,
      envelope: options.envelope === 'return-path' ? envelopeFromHeaders(header) : options.envelope,
      channelAddress: options.channelAddress,
    });
  const identities = identitiesOf(from, senderVerified, options.channelId);

  const original = (mail.text ?? htmlToText(mail.html || '')).slice(0, MAX_ORIGINAL);
  const stripped = stripQuotedReply(original);
  const text = stripped.visible.slice(0, MAX_TEXT);
  const html = mail.html ? sanitizeEmailHtml(mail.html).slice(0, MAX_HTML) : undefined;

  const maxAttachments = options.maxAttachments ?? 10;
  const attachments: ParsedEmail['attachments'] = [];
  const refused: ParsedEmail['refused'] = [];
  for (const a of mail.attachments) {
    // Inline parts of a report (delivery-status, the returned headers) are not files for the agent.
    if (kind === 'bounce') break;
    const fileName = safeFileName(a.filename ?? 'attachment');
    if (attachments.length >= maxAttachments) {
      refused.push({ fileName, reason: `more than ${maxAttachments} attachments` });
      continue;
    }
    const checked = checkAttachment(a.content, a.contentType, options.maxAttachmentBytes);
    if (checked.ok) attachments.push({ fileName, contentType: checked.contentType, data: a.content });
    else refused.push({ fileName, reason: checked.reason });
  }

  const blocks: ContentBlock[] = [];
  if (text.length > 0) blocks.push({ type: 'text', text });
  blocks.push({
    type: 'email',
    subject,
    original,
    ...(html ? { html } : {}),
    ...(refused.length > 0 ? { refused: refused.slice(0, 50) } : {}),
    ...(authentication ? { authentication: storedVerdicts(authentication) } : {}),
  });

  const references = parseMessageIdList(headerText(mail, 'references'));
  const inReplyTo = parseMessageIdList(mail.inReplyTo);
  const providerMessageIds = [...new Set([...references, ...inReplyTo])].filter((id) => id !== providerMessageId);

  return {
    kind,
    providerMessageId,
    from,
    senderVerified,
    identities,
    displayName: from?.name ?? null,
    subject,
    text: text.length > 0 ? text : subject,
    content: { v: 1, blocks },
    thread: { providerMessageIds, conversationToken: extractConversationToken(subject) },
    attachments,
    refused,
    bounce: kind === 'bounce' ? bounceDetails(raw, mail, providerMessageId) : null,
    sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
  };
}

/** What {@link isSenderVerified} weighs. */
export interface SenderEvidence {
  /** The channel's `inbound.senderVerification`. */
  mode: SenderVerification;
  /** The topmost `Authentication-Results` of the channel's trusted authserv-id (null without one). */
  authentication: AuthenticationResults | null;
  /** The SMTP envelope (or, for IMAP, `Return-Path` and `Delivered-To`); read only in `envelope` mode. */
  envelope: EmailEnvelope;
  /** The channel's own address (lower case). */
  channelAddress: string;
}

/**
 * Whether the From address is proven, so that the mail may join the address owner's story.
 *
 * - `authentication-results` (the default): only what the channel's trusted receiving server
 *   (its configured authserv-id, topmost header: one the sender wrote below it never counts)
 *   recorded: `dmarc=pass` with `header.from` the From domain; or `dkim=pass` with a `header.d`
 *   (or `header.i`) domain the From domain aligns with (the same or a parent); or `spf=pass` with an
 *   aligned `smtp.mailfrom`. Without a trusted header, or without such a pass, the sender is
 *   unverified. Parley checks no signature itself (that needs DNS); it trusts your MX's verdicts,
 *   so the MX must strip incoming headers bearing its own authserv-id (RFC 8601 §5) and be the
 *   only way mail reaches the channel.
 * - `envelope` (opt-in): the envelope sender equals the From address and the mail was addressed
 *   to the channel. Anyone reaching an MX can set both, so this proves nothing unless your own MTA
 *   rejects unauthenticated senders before Parley sees the mail.
 *
 * @example
 * isSenderVerified('camille@client.test', { mode: 'authentication-results', authentication: readAuthenticationResults(raw, 'mx.shop.test'), envelope, channelAddress: 'support@shop.test' })
 */
export function isSenderVerified(fromAddress: string, evidence: SenderEvidence): boolean {
  const from = fromAddress.toLowerCase();
  if (evidence.mode === 'envelope') {
    const sender = evidence.envelope.mailFrom?.toLowerCase() ?? null;
    return sender !== null && sender === from && evidence.envelope.rcptTo.some((r) => r.toLowerCase() === evidence.channelAddress);
  }
  const fromDomain = domainOf(from);
  if (!evidence.authentication || fromDomain.length === 0) return false;
  return evidence.authentication.entries.some((entry) => {
    if (entry.result !== 'pass') return false;
    const p = entry.properties;
    switch (entry.method) {
      // DMARC evaluates exactly the From domain (alignment is its own business): it must be ours.
      case 'dmarc':
        return p['header.from'] !== undefined && domainOf(p['header.from']) === fromDomain;
      case 'dkim':
        return [p['header.d'], p['header.i']].some((d) => d !== undefined && isDomainAligned(from, domainOf(d)));
      case 'spf':
        return p['smtp.mailfrom'] !== undefined && isDomainAligned(from, domainOf(p['smtp.mailfrom']));
    }
    return false;
  });
}

/** `camille@Client.test` or `Client.test.` → `client.test`. */
function domainOf(value: string): string {
  return value
    .slice(value.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
}

/** The verdicts kept on the message (the per-result details only serve the check above). */
function storedVerdicts(a: AuthenticationResults): NonNullable<Extract<ContentBlock, { type: 'email' }>['authentication']> {
  return {
    authservId: a.authservId,
    ...(a.spf !== undefined ? { spf: a.spf } : {}),
    ...(a.dkim !== undefined ? { dkim: a.dkim } : {}),
    ...(a.dmarc !== undefined ? { dmarc: a.dmarc } : {}),
    header: a.header,
  };
}

function addressCount(value: AddressObject | AddressObject[] | undefined): number {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.reduce((n, group) => n + group.value.reduce((m, a) => m + (a.group ? a.group.length : 1), 0), 0);
}

function identitiesOf(from: ParsedEmail['from'], verified: boolean, channelId: string): IdentityClaim[] {
  if (!from) return [{ kind: 'external_id', raw: 'email:unknown-sender', scope: channelId, verified: true, provenance: 'channel' }];
  if (verified) return [{ kind: 'email', raw: from.address, scope: '', verified: true, provenance: 'channel' }];
  // Unproven sender: the channel vouches only that this From came through it. A scoped id keeps
  // that sender's mails together without claiming the address, so a forged From never lands in
  // the real owner's profile; the address is attached (unverified) when nobody owns it.
  return [
    { kind: 'external_id', raw: `email:${from.address}`, scope: channelId, verified: true, provenance: 'channel' },
    { kind: 'email', raw: from.address, scope: '', verified: false, provenance: 'channel' },
  ];
}

function envelopeFromHeaders(header: (name: string) => string | undefined): EmailEnvelope {
  const returnPath = parseMessageIdList(header('return-path'))[0]?.slice(1, -1) ?? null;
  const rcpt = [header('delivered-to'), header('x-original-to')].filter((v): v is string => v !== undefined).flatMap((v) => v.split(/[\s,]+/));
  return { mailFrom: returnPath, rcptTo: rcpt.map((r) => r.replace(/^<|>$/g, '').trim()).filter((r) => r.length > 0) };
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): ParsedEmail['from'] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const a of group.value) {
      if (a.address && a.address.includes('@'))
        return { address: a.address.toLowerCase(), name: a.name && a.name.trim().length > 0 ? a.name.trim().slice(0, 200) : null };
    }
  }
  return null;
}

/** A header as text, whatever mailparser made of it (address objects, dates, structured values). */
function headerText(mail: ParsedMail, name: string): string | undefined {
  const value: unknown = mail.headers.get(name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { value?: unknown; text?: unknown; params?: Record<string, string> };
    if (typeof v.text === 'string') return v.text;
    if (typeof v.value === 'string') {
      const params = v.params
        ? Object.entries(v.params)
            .map(([k, p]) => `; ${k}=${p}`)
            .join('')
        : '';
      return v.value + params;
    }
  }
  return String(value);
}

function htmlToText(html: string): string {
  return sanitizeEmailHtml(html)
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A bounce's reason (the DSN's Diagnostic-Code or Status, else the human part's first line) and
 * the Message-IDs of the returned message (its attached headers, Original-Message-ID, the
 * report's own In-Reply-To/References).
 */
function bounceDetails(raw: Buffer, mail: ParsedMail, ownId: string): { reason: string; originalMessageIds: string[] } {
  const source = raw.toString('utf8').slice(0, 2_000_000);
  const bodyStart = source.search(/\r?\n\r?\n/);
  const body = bodyStart >= 0 ? source.slice(bodyStart) : '';
  const ids = new Set<string>();
  for (const m of body.matchAll(/^(?:Message-ID|Original-Message-ID|X-Parley-Message-Id)\s*:\s*(<[^>\s]+>)/gim)) if (m[1]) ids.add(m[1]);
  for (const a of mail.attachments) {
    const text = a.content.toString('utf8').slice(0, 200_000);
    for (const m of text.matchAll(/^(?:Message-ID|Original-Message-ID)\s*:\s*(<[^>\s]+>)/gim)) if (m[1]) ids.add(m[1]);
  }
  for (const id of parseMessageIdList(mail.inReplyTo)) ids.add(id);
  for (const id of parseMessageIdList(headerText(mail, 'references'))) ids.add(id);
  ids.delete(ownId);
  const diagnostic = /^Diagnostic-Code\s*:\s*(?:smtp\s*;\s*)?(.+(?:\r?\n[ \t].+)*)/im.exec(body)?.[1];
  const status = /^Status\s*:\s*(\d\.\d{1,3}\.\d{1,3})/im.exec(body)?.[1];
  const human = (mail.text ?? '').split('\n').find((l) => l.trim().length > 0);
  const reason = (diagnostic ?? (status ? `status ${status}` : human) ?? 'bounced').replace(/\s+/g, ' ').trim().slice(0, 500);
  return { reason, originalMessageIds: [...ids] };
}
