import { signBody } from '@parley/kernel';
import { createOutboundHttp } from '@parley/http-outbound';
import { describeChannelAdapterContract } from '@parley/channel-sdk/testing';
import { createWhatsappChannelAdapter } from './whatsapp.adapter.js';

const APP_SECRET = 'whatsapp-contract-app-secret';
const TOKEN = 'EAAG-whatsapp-contract-token';
const PHONE_NUMBER_ID = '106540352242922';

// Documented webhook payloads (WhatsApp Cloud API, "messages" field).
const envelope = (value: Record<string, unknown>) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID }, ...value },
          },
        ],
      },
    ],
  });
const message = (m: Record<string, unknown>) =>
  envelope({ contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '33612345678' }], messages: [{ from: '33612345678', timestamp: '1768471200', ...m }] });

let sends = 0;

describeChannelAdapterContract('whatsapp', {
  setup: (provider) => ({
    adapter: createWhatsappChannelAdapter({ http: createOutboundHttp({ allowHosts: ['127.0.0.1'], timeoutMs: 5_000 }), allowHosts: ['127.0.0.1'] }),
    configInput: { phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, appSecret: APP_SECRET, verifyToken: 'whatsapp-verify-token', apiBaseUrl: provider.url },
    channel: {
      id: '0190a000-0000-7000-8000-0000000000b1',
      workspaceId: 'ws',
      name: 'WhatsApp',
      config: { phoneNumberId: PHONE_NUMBER_ID, apiBaseUrl: provider.url },
    },
    secrets: { accessToken: TOKEN, appSecret: APP_SECRET, verifyToken: 'whatsapp-verify-token' },
    inbound: {
      url: 'https://parley.example/webhooks/whatsapp/0190a000-0000-7000-8000-0000000000b1',
      sign: (body) => ({ 'content-type': 'application/json', 'x-hub-signature-256': signBody(APP_SECRET, body) }),
      signatureHeader: 'x-hub-signature-256',
      covers: 'raw-body',
      format: 'json',
      samples: [
        { name: 'text', body: message({ id: 'wamid.text1', type: 'text', text: { body: 'Bonjour, ma commande ?' } }), kinds: ['message'] },
        {
          name: 'button reply',
          body: message({ id: 'wamid.btn1', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'track', title: 'Suivre' } } }),
          kinds: ['message'],
        },
        {
          name: 'image with caption',
          body: message({ id: 'wamid.img1', type: 'image', image: { id: 'media-123', mime_type: 'image/jpeg', sha256: 'abc', caption: 'voici' } }),
          kinds: ['message'],
        },
        {
          name: 'location',
          body: message({ id: 'wamid.loc1', type: 'location', location: { latitude: 48.8606, longitude: 2.3376, name: 'Louvre', address: 'Rue de Rivoli' } }),
          kinds: ['message'],
        },
        {
          name: 'delivered and failed statuses',
          body: envelope({
            statuses: [
              { id: 'wamid.out1', status: 'delivered', timestamp: '1768471200', recipient_id: '33612345678' },
              {
                id: 'wamid.out2',
                status: 'failed',
                timestamp: '1768471200',
                recipient_id: '33612345678',
                errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: 'More than 24 hours' } }],
              },
            ],
          }),
          kinds: ['delivery_status', 'delivery_status'],
        },
      ],
    },
    outbound: {
      customer: { id: 'cust', externalId: null, identities: [{ kind: 'whatsapp', scope: '', value: '+33612345678' }] },
      returnsProviderId: true,
      http: {
        accept: (request) => {
          const body = JSON.parse(request.body) as { messaging_product?: unknown; to?: unknown; type?: unknown };
          if (request.headers.authorization !== `Bearer ${TOKEN}`)
            return { status: 401, body: { error: { message: 'Invalid OAuth access token', code: 190 } } };
          if (request.path !== `/v21.0/${PHONE_NUMBER_ID}/messages` || body.messaging_product !== 'whatsapp' || body.to !== '33612345678')
            return { status: 400, body: { error: { message: '(#100) Invalid parameter', code: 100 } } };
          return {
            status: 200,
            body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.out${++sends}` }] },
          };
        },
        textOf: (request) => {
          const body = JSON.parse(request.body) as { type?: string; text?: { body?: string } };
          return body.type === 'text' ? (body.text?.body ?? null) : null;
        },
        failure: (_request, status) => ({
          status,
          body: { error: { message: status === 400 ? '(#100) Invalid parameter' : 'Service temporarily unavailable', code: status === 400 ? 100 : 2 } },
        }),
      },
    },
  }),
});
