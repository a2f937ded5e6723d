import type {
  ChannelAdapter,
  ConfigResult,
  InboundEvent,
  OutboundRequestContext,
  ParseResult,
  PollContext,
  PollingAdapter,
  PollResult,
  SendResult,
} from '@parley/channel-sdk';
import { plainTextWithMenu } from '@parley/channel-sdk';
import { assertOutboundUrlAllowed, type OutboundHttp } from '@parley/http-outbound';
import { GOOGLE_BUSINESS_API_BASE_URL, googleReviewsConfigInputSchema, readGoogleReviewsConfig, type GoogleReviewsConfig } from './google-reviews-config.js';
import { googleReviewsPageSchema, reviewsScope, reviewToEvent } from './google-review.js';

export const GOOGLE_REVIEWS_CHANNEL_TYPE = 'google_reviews';
/** Google's limit for a reply's comment. */
const MAX_REPLY = 4096;
/** One import reads at most this many pages (50 reviews each), newest first. */
const MAX_PAGES = 20;

export interface GoogleReviewsDeps {
  http: OutboundHttp;
  allowHosts: readonly string[];
}

/**
 * Public reviews of a Google Business Profile location. No webhooks: a durable job polls the
 * reviews list (`poll`) and each review becomes a conversation; an advisor's reply is published
 * as the location's public answer (PUT …/reviews/{id}/reply). With `requireApproval`, the core
 * holds replies until a supervisor approves them.
 *
 * @example
 * registry.register(createGoogleReviewsAdapter({ http, allowHosts: config.outboundAllowHosts }));
 */
export function createGoogleReviewsAdapter(deps: GoogleReviewsDeps): ChannelAdapter & PollingAdapter {
  const base = (config: GoogleReviewsConfig) =>
    `${(config.apiBaseUrl ?? GOOGLE_BUSINESS_API_BASE_URL).replace(/\/$/, '')}/v4/accounts/${encodeURIComponent(config.accountId)}/locations/${encodeURIComponent(config.locationId)}`;

  return {
    manifest: {
      type: GOOGLE_REVIEWS_CHANNEL_TYPE,
      displayName: 'Google reviews',
      richMessages: false,
      attachments: false,
      templates: false,
      messageWindowHours: null,
      maxTextLength: MAX_REPLY,
      // A public answer is one text: the advisor shortens it rather than Parley cutting it.
      textOverflow: 'reject',
      webhookProvider: 'google',
    },

    async parseConfig(config: unknown): Promise<ConfigResult> {
      const parsed = googleReviewsConfigInputSchema.safeParse(config);
      if (!parsed.success) return { ok: false, message: 'A Google reviews channel needs accountId, locationId and accessToken', details: parsed.error.issues };
      const { accessToken, ...publicConfig } = parsed.data;
      if (publicConfig.apiBaseUrl) await assertOutboundUrlAllowed(publicConfig.apiBaseUrl, deps.allowHosts);
      return { ok: true, config: publicConfig, secrets: { accessToken } };
    },

    createSecrets: () => ({}),

    // Google does not push reviews: nothing may come in through a webhook.
    verify: () => false,
    parseInbound: (): ParseResult => ({ ok: false, code: 'validation_failed', message: 'Google reviews are imported by polling, not received by webhook' }),

    pollIntervalMs: (config) => (readGoogleReviewsConfig(config)?.pollMinutes ?? 15) * 60_000,

    async poll(context: PollContext): Promise<PollResult> {
      const config = readGoogleReviewsConfig(context.channel.config);
      const token = context.secrets.accessToken;
      if (!config || !token) return { ok: false, retryable: false, error: 'The reviews channel has no location or access token' };
      const events: InboundEvent[] = [];
      let pageToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const url = new URL(`${base(config)}/reviews`);
        url.searchParams.set('pageSize', '50');
        if (pageToken) url.searchParams.set('pageToken', pageToken);
        const response = await deps.http.request({ url, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
        if (!response.ok) return { ok: false, retryable: response.error !== 'blocked', error: `Google unreachable (${response.error}: ${response.message})` };
        if (response.status !== 200) return googleFailure(response.status, response.bodyText);
        let json: unknown;
        try {
          json = JSON.parse(response.bodyText);
        } catch {
          return { ok: false, retryable: true, error: 'Google answered something that is not JSON' };
        }
        const parsed = googleReviewsPageSchema.safeParse(json);
        if (!parsed.success) return { ok: false, retryable: false, error: 'Google answered a reviews page of an unknown shape' };
        for (const review of parsed.data.reviews ?? []) events.push(reviewToEvent(review, config.locationId));
        pageToken = parsed.data.nextPageToken;
        if (!pageToken) break;
      }
      // Oldest first, so a story reads forward and an edit comes after its original.
      events.reverse();
      return { ok: true, events };
    },

    async send(context: OutboundRequestContext): Promise<SendResult> {
      const config = readGoogleReviewsConfig(context.channel.config);
      const token = context.secrets.accessToken;
      if (!config || !token) return { ok: false, retryable: false, error: 'The reviews channel has no location or access token' };
      const reviewId = context.customer.identities.find((i) => i.kind === 'external_id' && i.scope === reviewsScope(config.locationId))?.value;
      if (!reviewId) return { ok: false, retryable: false, error: 'This conversation is not about a review of this location' };
      const comment = plainTextWithMenu(context.message.content, { attachments: false });
      if (comment.length === 0) return { ok: false, retryable: false, error: 'A public reply needs text' };
      if (comment.length > MAX_REPLY) return { ok: false, retryable: false, error: `A public reply is limited to ${MAX_REPLY} characters` };
      const response = await deps.http.request({
        method: 'PUT',
        url: `${base(config)}/reviews/${encodeURIComponent(reviewId)}/reply`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ comment }),
      });
      if (!response.ok) return { ok: false, retryable: response.error !== 'blocked', error: `Google unreachable (${response.error}: ${response.message})` };
      if (response.status >= 200 && response.status < 300) return { ok: true, providerMessageId: null };
      const failure = googleFailure(response.status, response.bodyText);
      return failure;
    },
  };
}

/** Google's errors are `{error: {code, message, status}}`; 401 means the token expired (no refresh). */
function googleFailure(status: number, bodyText: string): { ok: false; retryable: boolean; error: string } {
  let detail = '';
  try {
    const json = JSON.parse(bodyText) as { error?: { message?: unknown } };
    if (typeof json.error?.message === 'string') detail = `: ${json.error.message}`;
  } catch {
    // Not JSON: the status says enough.
  }
  const hint = status === 401 ? ' (the access token is invalid or expired; update the channel with a new one)' : '';
  return { ok: false, retryable: status === 429 || status >= 500, error: `Google answered HTTP ${status}${detail}${hint}` };
}
