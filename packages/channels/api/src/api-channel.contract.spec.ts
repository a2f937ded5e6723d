import { signBody } from '@parley/kernel';
import { createOutboundHttp } from '@parley/http-outbound';
import { describeChannelAdapterContract } from '@parley/channel-sdk/testing';
import { createApiChannelAdapter, SIGNATURE_HEADER } from './api-channel.adapter.js';

const SECRET = 'api-contract-signing-secret-0123456789';
const CHANNEL_ID = '0190a000-0000-7000-8000-0000000000a1';

describeChannelAdapterContract('api', {
  setup: (provider) => ({
    adapter: createApiChannelAdapter({ http: createOutboundHttp({ allowHosts: ['127.0.0.1'], timeoutMs: 5_000 }), allowHosts: ['127.0.0.1'] }),
    configInput: { webhookUrl: `${provider.url}/hooks/parley` },
    channel: { id: CHANNEL_ID, workspaceId: 'ws', name: 'Site', config: { webhookUrl: `${provider.url}/hooks/parley` } },
    secrets: { signingSecret: SECRET },
    inbound: {
      url: `https://parley.example/api/v1/channels/${CHANNEL_ID}/inbound`,
      sign: (body) => ({ 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(SECRET, body) }),
      signatureHeader: SIGNATURE_HEADER,
      covers: 'raw-body',
      format: 'json',
      samples: [
        {
          name: 'a message with a customer and an attachment',
          body: JSON.stringify({
            customer: { externalId: 'cust-1', name: 'Camille', email: 'camille@example.com', phone: '+33612345678' },
            message: {
              id: 'm-1',
              text: 'Bonjour, où est ma commande ?',
              timestamp: '2026-01-15T10:00:00Z',
              attachments: [{ url: 'https://files.example/facture.pdf', fileName: 'facture.pdf', contentType: 'application/pdf', sizeBytes: 1200 }],
            },
          }),
          kinds: ['message'],
        },
        {
          name: 'a button payload',
          body: JSON.stringify({ customer: { externalId: 'cust-2' }, message: { id: 'm-2', payload: 'TRACK', timestamp: 1_768_471_200_000 } }),
          kinds: ['message'],
        },
      ],
    },
    outbound: {
      customer: { id: 'cust', externalId: 'cust-1', identities: [] },
      returnsProviderId: false,
      http: {
        // The integrator's endpoint: it checks the signature Parley puts on the body.
        accept: (request) =>
          request.headers[SIGNATURE_HEADER] === signBody(SECRET, request.body) ? { status: 200, body: {} } : { status: 401, body: { error: 'bad signature' } },
        textOf: (request) => (JSON.parse(request.body) as { message: { text: string } }).message.text,
      },
      // Any non-2xx from the integrator is "retry until 2xx" (then dead-letter): nothing is a permanent refusal.
      outcomes: ['ok', 'retryable', 'unreachable'],
    },
  }),
});
