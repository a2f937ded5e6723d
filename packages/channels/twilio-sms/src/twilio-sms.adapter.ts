import type { ChannelAdapter, ConfigResult, OutboundRequestContext, ParseResult, RawInboundRequest, SendResult, WebhookReply } from '@parley/channel-sdk';
import { plainTextWithMenu, splitText } from '@parley/channel-sdk';
import { assertOutboundUrlAllowed, type OutboundHttp } from '@parley/http-outbound';
import { readTwilioConfig, TWILIO_API_BASE_URL, twilioConfigInputSchema } from './twilio-config.js';
import { parseTwilioWebhook, SMS_CONSENT_PURPOSE } from './twilio-inbound.js';
import { verifyTwilioSignature } from './twilio-signature.js';

export const TWILIO_SMS_CHANNEL_TYPE = 'twilio_sms';
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';
/** Twilio's limit for one message body; it splits it into SMS segments itself. */
export const TWILIO_MAX_TEXT = 1600;

export interface TwilioSmsDeps {
  http: OutboundHttp;
  allowHosts: readonly string[];
  /** Parley's public URL: status callbacks come back to `{publicUrl}/webhooks/twilio/{channelId}`. */
  publicUrl: string;
}

/**
 * SMS through Twilio. Inbound: Twilio's form-encoded webhooks signed with `X-Twilio-Signature`
 * (messages, MMS media, status callbacks; STOP/START become consent changes, HELP/AIDE gets the
 * configured help answer). Outbound: the Messages REST resource with HTTP Basic auth; buttons
 * become a numbered list.
 *
 * @example
 * registry.register(createTwilioSmsAdapter({ http, allowHosts: config.outboundAllowHosts, publicUrl }));
 */
export function createTwilioSmsAdapter(deps: TwilioSmsDeps): ChannelAdapter {
  return {
    manifest: {
      type: TWILIO_SMS_CHANNEL_TYPE,
      displayName: 'SMS (Twilio)',
      richMessages: false,
      attachments: true,
      templates: false,
      messageWindowHours: null,
      maxTextLength: TWILIO_MAX_TEXT,
      // Consecutive messages, split at paragraph, line or word boundaries.
      textOverflow: 'split',
      webhookProvider: 'twilio',
      // STOP on the ledger stops every later SMS to that number, replies already written included.
      consent: { purpose: SMS_CONSENT_PURPOSE, addressKind: 'phone' },
    },

    async parseConfig(config: unknown): Promise<ConfigResult> {
      const parsed = twilioConfigInputSchema.safeParse(config);
      if (!parsed.success) return { ok: false, message: 'A Twilio channel needs accountSid, authToken and fromNumber (E.164)', details: parsed.error.issues };
      const { authToken, ...publicConfig } = parsed.data;
      if (publicConfig.apiBaseUrl) await assertOutboundUrlAllowed(publicConfig.apiBaseUrl, deps.allowHosts);
      return { ok: true, config: publicConfig, secrets: { authToken } };
    },

    // Twilio issues the auth token; Parley generates nothing.
    createSecrets: () => ({}),

    verify(request: RawInboundRequest, secrets: Record<string, string>): boolean {
      const header = request.headers[TWILIO_SIGNATURE_HEADER];
      const token = secrets.authToken;
      if (!token || typeof header !== 'string') return false;
      return verifyTwilioSignature(token, request.url, new URLSearchParams(request.rawBody.toString('utf8')), header);
    },

    parseInbound(request: RawInboundRequest, channel: { id: string; config: Record<string, unknown> }): ParseResult {
      return parseTwilioWebhook(new URLSearchParams(request.rawBody.toString('utf8')), readTwilioConfig(channel.config));
    },

    // Twilio reads the answer as TwiML: an empty <Response/> means "no automatic reply from Twilio".
    acknowledge: (): WebhookReply => ({ status: 200, contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' }),

    async send(context: OutboundRequestContext): Promise<SendResult> {
      const config = readTwilioConfig(context.channel.config);
      const token = context.secrets.authToken;
      if (!config || !token) return { ok: false, retryable: false, error: 'The Twilio channel has no accountSid, fromNumber or auth token' };
      const to = context.customer.identities.find((i) => i.kind === 'phone')?.value;
      if (!to) return { ok: false, retryable: false, error: 'The customer has no phone number' };
      const media = context.message.content.blocks.flatMap((b) => (b.type === 'attachment' && b.url && /^https?:\/\//.test(b.url) ? [b.url] : [])).slice(0, 10);
      const parts = splitText(plainTextWithMenu(context.message.content, { attachments: false }), TWILIO_MAX_TEXT);
      if (parts.length === 0 && media.length === 0) return { ok: false, retryable: false, error: 'Nothing to send by SMS' };
      const url = `${(config.apiBaseUrl ?? TWILIO_API_BASE_URL).replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
      const statusCallback = `${deps.publicUrl.replace(/\/$/, '')}/webhooks/twilio/${context.channel.id}`;
      const authorization = `Basic ${Buffer.from(`${config.accountSid}:${token}`).toString('base64')}`;
      let sid: string | null = null;
      // A reply longer than one Twilio message goes as consecutive messages; the first carries the media.
      const bodies = parts.length > 0 ? parts : [''];
      for (const [index, body] of bodies.entries()) {
        const form = new URLSearchParams({ To: to, From: config.fromNumber, StatusCallback: statusCallback });
        if (body.length > 0) form.set('Body', body);
        if (index === 0) for (const m of media) form.append('MediaUrl', m);
        const response = await deps.http.request({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
          body: form.toString(),
        });
        if (!response.ok) return { ok: false, retryable: response.error !== 'blocked', error: `Twilio unreachable (${response.error}: ${response.message})` };
        if (response.status < 200 || response.status >= 300) return twilioFailure(response.status, response.bodyText);
        sid = readSid(response.bodyText) ?? sid;
      }
      return { ok: true, providerMessageId: sid };
    },
  };
}

function readSid(bodyText: string): string | null {
  try {
    const json = JSON.parse(bodyText) as { sid?: unknown };
    return typeof json.sid === 'string' ? json.sid : null;
  } catch {
    return null;
  }
}

/** Twilio answers errors as `{code, message, more_info, status}`; 429 and 5xx are worth retrying. */
function twilioFailure(status: number, bodyText: string): SendResult {
  let detail = '';
  try {
    const json = JSON.parse(bodyText) as { code?: unknown; message?: unknown };
    if (typeof json.message === 'string') detail = `: ${json.message}${json.code !== undefined ? ` (error ${String(json.code)})` : ''}`;
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  return { ok: false, retryable: status === 429 || status >= 500, error: `Twilio answered HTTP ${status}${detail}` };
}
