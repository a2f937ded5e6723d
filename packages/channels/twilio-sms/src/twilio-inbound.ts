import { z } from 'zod';
import type { ContentBlock, IdentityClaim } from '@parley/domain';
import type { InboundEvent, InboundMessageEvent, ParseResult } from '@parley/channel-sdk';
import { DEFAULT_HELP_TEXT, type TwilioConfig } from './twilio-config.js';
import { smsKeyword } from './twilio-keywords.js';

/** Consent purpose of SMS keywords on the ledger. */
export const SMS_CONSENT_PURPOSE = 'sms';

const MAX_MEDIA = 10;
// Twilio SIDs are two letters and 32 hex digits; anything else is not from Twilio (and a huge one would not fit the unique index).
const SID = /^[A-Za-z0-9]{1,64}$/;
const mediaUrl = z.url({ protocol: /^https?$/ }).max(2048);
const MIME_TYPE = /^[\w.+-]{1,100}\/[\w.+-]{1,100}$/;
// A Twilio message body is at most 1 600 characters; the domain stores 20 000 per text block.
const MAX_BODY = 20_000;

/**
 * Turns one Twilio webhook (form-encoded) into events: an incoming SMS/MMS is a message (plus a
 * consent change for STOP/START, a help answer for HELP/AIDE, a menu choice for a bare number);
 * a status callback is a delivery status. Statuses before `sent` (queued, sending) carry no news.
 *
 * @example
 * parseTwilioWebhook(new URLSearchParams(rawBody.toString()), config)
 */
export function parseTwilioWebhook(params: URLSearchParams, config: TwilioConfig | null): ParseResult {
  const sid = params.get('MessageSid') ?? params.get('SmsSid');
  if (!sid || !SID.test(sid)) return { ok: false, code: 'validation_failed', message: 'A Twilio webhook carries a MessageSid' };
  const status = params.get('MessageStatus');
  if (status !== null) return { ok: true, events: statusEvents(sid, status, params) };

  const from = params.get('From');
  if (!from) return { ok: false, code: 'validation_failed', message: 'An incoming Twilio message carries From' };
  const body = params.get('Body') ?? '';
  if (body.length > MAX_BODY) return { ok: false, code: 'validation_failed', message: 'The Body is longer than any SMS' };
  const blocks: ContentBlock[] = [];
  if (body.trim().length > 0) blocks.push({ type: 'text', text: body });
  const numMedia = Math.min(MAX_MEDIA, Number.parseInt(params.get('NumMedia') ?? '0', 10) || 0);
  for (let i = 0; i < numMedia; i++) {
    const url = params.get(`MediaUrl${i}`);
    if (!url || !mediaUrl.safeParse(url).success) continue;
    const declared = params.get(`MediaContentType${i}`) ?? '';
    const contentType = MIME_TYPE.test(declared) ? declared : 'application/octet-stream';
    blocks.push({ type: 'attachment', url, fileName: `media-${i + 1}${extensionOf(contentType)}`, contentType });
  }
  if (blocks.length === 0) return { ok: false, code: 'validation_failed', message: 'The message has neither a body nor media' };

  // Twilio proves the sender's number (the carrier delivered it): a verified phone identity.
  const identity: IdentityClaim = { kind: 'phone', raw: from, scope: '', verified: true, provenance: 'channel' };
  const message: InboundMessageEvent = {
    kind: 'message',
    providerMessageId: sid,
    identities: [identity],
    displayName: null,
    content: { v: 1, blocks },
    text: body,
    sentAt: null,
  };
  const events: InboundEvent[] = [message];
  const keyword = smsKeyword(body);
  if (keyword) {
    // Keywords are the carrier-level protocol, not a question: nobody (bot or advisor) handles them.
    message.skipRouting = true;
    if (keyword.kind === 'help') {
      const help = { ...DEFAULT_HELP_TEXT, ...(config?.helpText ?? {}) };
      message.autoReply = keyword.keyword === 'AIDE' ? help.fr : help.en;
    } else {
      events.push({
        kind: 'consent',
        identity,
        status: keyword.kind === 'stop' ? 'revoked' : 'granted',
        purpose: SMS_CONSENT_PURPOSE,
        keyword: keyword.keyword,
      });
    }
  } else {
    // Menus are numbered from 1: a lone 0 is ordinary text.
    const choice = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(body);
    if (choice?.[1] && Number(choice[1]) > 0) message.menuChoice = Number(choice[1]);
  }
  return { ok: true, events };
}

function statusEvents(sid: string, status: string, params: URLSearchParams): InboundEvent[] {
  switch (status) {
    case 'sent':
    case 'delivered':
    case 'read':
      return [{ kind: 'delivery_status', providerMessageId: sid, status }];
    case 'failed':
    case 'undelivered': {
      const code = params.get('ErrorCode');
      const detail = params.get('ErrorMessage') ?? describeTwilioError(code);
      const error = `Twilio ${status}${code ? ` (error ${code})` : ''}${detail ? `: ${detail}` : ''}`;
      return [{ kind: 'delivery_status', providerMessageId: sid, status: 'failed', error }];
    }
    default:
      return [];
  }
}

// The codes a status callback most often carries (it sends the code only, without text).
const ERRORS: Record<string, string> = {
  '21610': 'the recipient has replied STOP to this number',
  '21614': 'the number is not a mobile number',
  '30003': 'the handset is unreachable',
  '30004': 'the message is blocked',
  '30005': 'unknown destination handset',
  '30006': 'landline or unreachable carrier',
  '30007': 'filtered by the carrier',
  '30008': 'unknown error',
};

/** A readable reason for a Twilio error code (null when unknown). */
export function describeTwilioError(code: string | null): string | null {
  return code ? (ERRORS[code] ?? null) : null;
}

function extensionOf(contentType: string): string {
  const map: Record<string, string> = {
    'image/jpeg': '.jpg',
    'image/png': '.png',
    'image/gif': '.gif',
    'application/pdf': '.pdf',
    'video/mp4': '.mp4',
    'audio/mpeg': '.mp3',
  };
  return map[contentType.toLowerCase()] ?? '';
}
