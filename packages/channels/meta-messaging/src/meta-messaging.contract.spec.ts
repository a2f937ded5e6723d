import { signBody } from '@parley/kernel';
import { createOutboundHttp } from '@parley/http-outbound';
import { describeChannelAdapterContract, type ContractHttpProvider } from '@parley/channel-sdk/testing';
import { createInstagramChannelAdapter, createMessengerChannelAdapter } from './meta-messaging.adapter.js';

const APP_SECRET = 'meta-contract-app-secret';
const TOKEN = 'EAAG-meta-contract-token';
const VERIFY_TOKEN = 'meta-contract-verify-token';
const PAGE_ID = '1122334455';
const IG_ACCOUNT_ID = '17841400000000001';
const CUSTOMER = '6660002';

// Documented Messenger / Instagram webhook payloads (entry[].messaging[]).
const envelope = (object: 'page' | 'instagram', accountId: string, messaging: unknown[]) =>
  JSON.stringify({ object, entry: [{ id: accountId, time: 1_768_471_200_000, messaging }] });
const from = (accountId: string) => ({ sender: { id: CUSTOMER }, recipient: { id: accountId }, timestamp: 1_768_471_200_000 });

const samples = (object: 'page' | 'instagram', accountId: string) => [
  { name: 'text', body: envelope(object, accountId, [{ ...from(accountId), message: { mid: 'm.text1', text: 'Salut' } }]), kinds: ['message' as const] },
  {
    name: 'quick reply',
    body: envelope(object, accountId, [{ ...from(accountId), message: { mid: 'm.qr1', text: 'Oui', quick_reply: { payload: 'YES' } } }]),
    kinds: ['message' as const],
  },
  {
    name: 'attachment and location',
    body: envelope(object, accountId, [
      {
        ...from(accountId),
        message: {
          mid: 'm.att1',
          attachments: [
            { type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/photo%20one.jpg?oh=1' } },
            { type: 'location', payload: { title: 'Louvre', coordinates: { lat: 48.8606, long: 2.3376 } } },
          ],
        },
      },
    ]),
    kinds: ['message' as const],
  },
  {
    name: 'postback',
    body: envelope(object, accountId, [{ ...from(accountId), postback: { mid: 'm.pb1', title: 'Commencer', payload: 'GET_STARTED' } }]),
    kinds: ['message' as const],
  },
  {
    name: 'delivery and read',
    body: envelope(object, accountId, [
      { ...from(accountId), delivery: { mids: ['m.out1', 'm.out2'], watermark: 1_768_471_200_000 } },
      { ...from(accountId), read: { mid: 'm.out2', watermark: 1_768_471_200_000 } },
    ]),
    kinds: ['delivery_status' as const, 'delivery_status' as const, 'delivery_status' as const],
  },
];

let sends = 0;
const sendApi: ContractHttpProvider = {
  accept: (request) => {
    const body = JSON.parse(request.body) as { recipient?: { id?: unknown }; message?: unknown };
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { error: { message: 'Invalid OAuth access token', code: 190 } } };
    if (request.path !== '/v21.0/me/messages' || body.recipient?.id !== CUSTOMER || typeof body.message !== 'object')
      return { status: 400, body: { error: { message: '(#100) The parameter recipient is required', code: 100 } } };
    return { status: 200, body: { recipient_id: CUSTOMER, message_id: `m_out${++sends}` } };
  },
  textOf: (request) => (JSON.parse(request.body) as { message: { text?: string } }).message.text ?? null,
  failure: (_request, status) => ({
    status,
    body: { error: { message: status === 400 ? '(#100) Invalid parameter' : 'Service temporarily unavailable', code: status === 400 ? 100 : 2 } },
  }),
};
const secrets = { accessToken: TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN };
const inboundFor = (provider: string, channelId: string, object: 'page' | 'instagram', accountId: string) => ({
  url: `https://parley.example/webhooks/${provider}/${channelId}`,
  sign: (body: Buffer) => ({ 'content-type': 'application/json', 'x-hub-signature-256': signBody(APP_SECRET, body) }),
  signatureHeader: 'x-hub-signature-256',
  covers: 'raw-body' as const,
  format: 'json' as const,
  samples: samples(object, accountId),
});
const http = () => createOutboundHttp({ allowHosts: ['127.0.0.1'], timeoutMs: 5_000 });

describeChannelAdapterContract('messenger', {
  setup: (provider) => ({
    adapter: createMessengerChannelAdapter({ http: http(), allowHosts: ['127.0.0.1'] }),
    configInput: { pageId: PAGE_ID, ...secrets, apiBaseUrl: provider.url },
    channel: { id: '0190a000-0000-7000-8000-0000000000c1', workspaceId: 'ws', name: 'Page', config: { pageId: PAGE_ID, apiBaseUrl: provider.url } },
    secrets,
    inbound: inboundFor('messenger', '0190a000-0000-7000-8000-0000000000c1', 'page', PAGE_ID),
    outbound: {
      customer: { id: 'cust', externalId: null, identities: [{ kind: 'messenger_psid', scope: PAGE_ID, value: CUSTOMER }] },
      returnsProviderId: true,
      http: sendApi,
    },
  }),
});

describeChannelAdapterContract('instagram', {
  setup: (provider) => ({
    adapter: createInstagramChannelAdapter({ http: http(), allowHosts: ['127.0.0.1'] }),
    configInput: { instagramAccountId: IG_ACCOUNT_ID, ...secrets, apiBaseUrl: provider.url },
    channel: {
      id: '0190a000-0000-7000-8000-0000000000c2',
      workspaceId: 'ws',
      name: 'IG',
      config: { instagramAccountId: IG_ACCOUNT_ID, apiBaseUrl: provider.url },
    },
    secrets,
    inbound: inboundFor('instagram', '0190a000-0000-7000-8000-0000000000c2', 'instagram', IG_ACCOUNT_ID),
    outbound: {
      customer: { id: 'cust', externalId: null, identities: [{ kind: 'instagram_id', scope: IG_ACCOUNT_ID, value: CUSTOMER }] },
      returnsProviderId: true,
      http: sendApi,
    },
  }),
});
