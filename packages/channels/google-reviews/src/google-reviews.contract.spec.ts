import { createOutboundHttp } from '@parley/http-outbound';
import { describeChannelAdapterContract } from '@parley/channel-sdk/testing';
import { createGoogleReviewsAdapter } from './google-reviews.adapter.js';

const TOKEN = 'ya29.google-contract-token';
const LOCATION = '4567';
const REVIEW = 'AbFvOqlReview1';

// Google does not push reviews: the channel takes no webhooks, and replies are PUT on the review.
describeChannelAdapterContract('google_reviews', {
  setup: (provider) => ({
    adapter: createGoogleReviewsAdapter({ http: createOutboundHttp({ allowHosts: ['127.0.0.1'], timeoutMs: 5_000 }), allowHosts: ['127.0.0.1'] }),
    configInput: { accountId: '123', locationId: LOCATION, accessToken: TOKEN, apiBaseUrl: provider.url },
    channel: {
      id: '0190a000-0000-7000-8000-0000000000f1',
      workspaceId: 'ws',
      name: 'Avis',
      config: { accountId: '123', locationId: LOCATION, apiBaseUrl: provider.url, requireApproval: false, pollMinutes: 15 },
    },
    secrets: { accessToken: TOKEN },
    inbound: null,
    outbound: {
      customer: { id: 'cust', externalId: null, identities: [{ kind: 'external_id', scope: `google:${LOCATION}`, value: REVIEW }] },
      // Google answers the ReviewReply resource, which has no id of its own.
      returnsProviderId: false,
      http: {
        accept: (request) => {
          if (request.headers.authorization !== `Bearer ${TOKEN}`)
            return { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.' } } };
          if (request.method !== 'PUT' || request.path !== `/v4/accounts/123/locations/${LOCATION}/reviews/${REVIEW}/reply`)
            return { status: 404, body: { error: { code: 404, message: 'Requested entity was not found.' } } };
          const { comment } = JSON.parse(request.body) as { comment: string };
          return { status: 200, body: { comment, updateTime: '2026-01-15T10:00:00Z' } };
        },
        textOf: (request) => (JSON.parse(request.body) as { comment?: string }).comment ?? null,
        failure: (_request, status) => ({
          status,
          body: { error: { code: status, message: status === 400 ? 'Request contains an invalid argument.' : 'The service is currently unavailable.' } },
        }),
      },
    },
  }),
});
