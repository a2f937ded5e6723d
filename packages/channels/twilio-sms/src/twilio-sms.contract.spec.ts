import { createOutboundHttp } from '@parley/http-outbound';
import { describeChannelAdapterContract } from '@parley/channel-sdk/testing';
import { createTwilioSmsAdapter, TWILIO_SIGNATURE_HEADER } from './twilio-sms.adapter.js';
import { twilioSignature } from './twilio-signature.js';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'twilio-contract-auth-token';
const FROM_NUMBER = '+33757000001';
const CHANNEL_ID = '0190a000-0000-7000-8000-0000000000d1';

// Twilio's documented messaging webhook parameters (form-encoded).
const incoming = (sid: string, body: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    ToCountry: 'FR',
    SmsMessageSid: sid,
    NumMedia: '0',
    SmsSid: sid,
    SmsStatus: 'received',
    Body: body,
    FromCountry: 'FR',
    To: FROM_NUMBER,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: '+33612345678',
    ApiVersion: '2010-04-01',
    ...extra,
  }).toString();
const status = (sid: string, messageStatus: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    MessageSid: sid,
    SmsSid: sid,
    MessageStatus: messageStatus,
    SmsStatus: messageStatus,
    AccountSid: ACCOUNT_SID,
    From: FROM_NUMBER,
    To: '+33612345678',
    ApiVersion: '2010-04-01',
    ...extra,
  }).toString();

let sends = 0;

describeChannelAdapterContract('twilio_sms', {
  setup: (provider) => ({
    adapter: createTwilioSmsAdapter({
      http: createOutboundHttp({ allowHosts: ['127.0.0.1'], timeoutMs: 5_000 }),
      allowHosts: ['127.0.0.1'],
      publicUrl: 'https://parley.example',
    }),
    configInput: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: FROM_NUMBER, apiBaseUrl: provider.url },
    channel: { id: CHANNEL_ID, workspaceId: 'ws', name: 'SMS', config: { accountSid: ACCOUNT_SID, fromNumber: FROM_NUMBER, apiBaseUrl: provider.url } },
    secrets: { authToken: AUTH_TOKEN },
    inbound: {
      url: `https://parley.example/webhooks/twilio/${CHANNEL_ID}`,
      sign: (body, url) => ({
        'content-type': 'application/x-www-form-urlencoded',
        [TWILIO_SIGNATURE_HEADER]: twilioSignature(AUTH_TOKEN, url, new URLSearchParams(body.toString('utf8'))),
      }),
      signatureHeader: TWILIO_SIGNATURE_HEADER,
      covers: 'form-params',
      coversUrl: true,
      format: 'form',
      samples: [
        { name: 'an SMS', body: incoming('SM00000000000000000000000000000001', 'Bonjour, ma commande ?'), kinds: ['message'] },
        {
          name: 'an MMS',
          body: incoming('MM00000000000000000000000000000002', 'Photo', {
            NumMedia: '1',
            MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages/MM2/Media/ME1',
            MediaContentType0: 'image/jpeg',
          }),
          kinds: ['message'],
        },
        { name: 'STOP', body: incoming('SM00000000000000000000000000000003', 'STOP'), kinds: ['message', 'consent'] },
        { name: 'a delivered callback', body: status('SM00000000000000000000000000000004', 'delivered'), kinds: ['delivery_status'] },
        {
          name: 'an undelivered callback',
          body: status('SM00000000000000000000000000000005', 'undelivered', { ErrorCode: '30003' }),
          kinds: ['delivery_status'],
        },
      ],
    },
    outbound: {
      customer: { id: 'cust', externalId: null, identities: [{ kind: 'phone', scope: '', value: '+33612345678' }] },
      returnsProviderId: true,
      http: {
        accept: (request) => {
          const form = new URLSearchParams(request.body);
          if (request.headers.authorization !== `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`)
            return { status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } };
          if (request.path !== `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json` || form.get('To') !== '+33612345678' || form.get('From') !== FROM_NUMBER)
            return { status: 400, body: { code: 21211, message: "The 'To' number is not valid.", status: 400 } };
          const sid = `SM${String(++sends).padStart(32, '0')}`;
          return { status: 201, body: { sid, account_sid: ACCOUNT_SID, to: form.get('To'), from: form.get('From'), body: form.get('Body'), status: 'queued' } };
        },
        textOf: (request) => new URLSearchParams(request.body).get('Body'),
        failure: (_request, code) => ({
          status: code,
          body: { code: code === 400 ? 21211 : 20500, message: code === 400 ? "The 'To' number is not valid." : 'Internal error', status: code },
        }),
      },
    },
  }),
});
