import { randomBytes } from 'node:crypto';
import { twilioSignature } from '@parley/channel-twilio-sms';
import { startEmulatorServer } from './emulator-http.js';

/** A message Parley sent through the emulated Messages resource. */
export interface EmulatedSms {
  sid: string;
  to: string;
  from: string;
  body: string;
  mediaUrls: string[];
  statusCallback: string | null;
}

/**
 * Twilio's Programmable Messaging API as documented, on loopback: `POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json` (form-encoded, HTTP Basic auth with the
 * account SID and auth token) answering the Message resource JSON, status callbacks posted back
 * signed with `X-Twilio-Signature`, and signed incoming-message webhooks. Test code only.
 *
 * @example
 * const twilio = await startTwilioEmulator({ accountSid, authToken, route: reroute(publicUrl, server.url) });
 */
export async function startTwilioEmulator(options: { accountSid: string; authToken: string; route: (url: string) => string }) {
  const sent: EmulatedSms[] = [];
  let failures: Array<{ status: number; code: number; message: string }> = [];
  const http = await startEmulatorServer((req) => {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.path);
    if (!match || req.method !== 'POST') return { status: 404, body: { code: 20404, message: 'The requested resource was not found', status: 404 } };
    const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || match[1] !== options.accountSid)
      return { status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } };
    const failure = failures.shift();
    if (failure) return { status: failure.status, body: { code: failure.code, message: failure.message, status: failure.status } };
    const form = new URLSearchParams(req.rawBody);
    const to = form.get('To');
    const from = form.get('From');
    if (!to || !from || (!form.get('Body') && !form.get('MediaUrl')))
      return { status: 400, body: { code: 21602, message: 'Message body is required.', status: 400 } };
    const sid = `SM${randomBytes(16).toString('hex')}`;
    sent.push({ sid, to, from, body: form.get('Body') ?? '', mediaUrls: form.getAll('MediaUrl'), statusCallback: form.get('StatusCallback') });
    const now = new Date().toUTCString();
    return {
      status: 201,
      body: {
        sid,
        account_sid: options.accountSid,
        to,
        from,
        body: form.get('Body') ?? '',
        status: 'queued',
        num_segments: '1',
        num_media: String(form.getAll('MediaUrl').length),
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: now,
        date_updated: now,
        date_sent: null,
        error_code: null,
        error_message: null,
        uri: `/2010-04-01/Accounts/${options.accountSid}/Messages/${sid}.json`,
      },
    };
  });

  /** Posts form params to Parley as Twilio would: signed over the public URL it calls. */
  async function post(
    publicUrl: string,
    params: Record<string, string>,
    signature?: string,
  ): Promise<{ status: number; body: string; contentType: string | null }> {
    const form = new URLSearchParams(params);
    const res = await fetch(options.route(publicUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature ?? twilioSignature(options.authToken, publicUrl, form) },
      body: form.toString(),
    });
    return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
  }

  return {
    url: http.url,
    sent,
    /** The next `times` sends answer this HTTP status (503: a Twilio outage). */
    failNext(times: number, status = 503, code = 20500, message = 'Service Unavailable') {
      failures = Array.from({ length: times }, () => ({ status, code, message }));
    },
    /** An incoming SMS to `to`, as Twilio's messaging webhook posts it. */
    inbound(
      webhookUrl: string,
      sms: { from: string; to: string; body: string; messageSid?: string; media?: Array<{ url: string; contentType: string }> },
      signature?: string,
    ) {
      const params: Record<string, string> = {
        ToCountry: 'FR',
        ToState: '',
        SmsMessageSid: sms.messageSid ?? `SM${randomBytes(16).toString('hex')}`,
        NumMedia: String(sms.media?.length ?? 0),
        ToCity: '',
        FromZip: '',
        SmsSid: '',
        FromState: '',
        SmsStatus: 'received',
        FromCity: '',
        Body: sms.body,
        FromCountry: 'FR',
        To: sms.to,
        ToZip: '',
        NumSegments: '1',
        MessageSid: '',
        AccountSid: options.accountSid,
        From: sms.from,
        ApiVersion: '2010-04-01',
      };
      params.MessageSid = params.SmsMessageSid ?? '';
      params.SmsSid = params.SmsMessageSid ?? '';
      (sms.media ?? []).forEach((m, i) => {
        params[`MediaUrl${i}`] = m.url;
        params[`MediaContentType${i}`] = m.contentType;
      });
      return post(webhookUrl, params, signature);
    },
    /** A status callback for a sent message, posted to the StatusCallback it was sent with. */
    status(sid: string, status: 'sent' | 'delivered' | 'undelivered' | 'failed' | 'read', error?: { code: string; message?: string }) {
      const sms = sent.find((s) => s.sid === sid);
      if (!sms?.statusCallback) throw new Error(`no status callback for ${sid}`);
      return post(sms.statusCallback, {
        MessageSid: sid,
        SmsSid: sid,
        MessageStatus: status,
        SmsStatus: status,
        AccountSid: options.accountSid,
        From: sms.from,
        To: sms.to,
        ApiVersion: '2010-04-01',
        ...(error ? { ErrorCode: error.code, ...(error.message ? { ErrorMessage: error.message } : {}) } : {}),
      });
    },
    close: http.close,
  };
}
