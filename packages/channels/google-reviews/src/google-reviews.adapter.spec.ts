import { describe, expect, it } from 'vitest';
import type { OutboundHttp, OutboundRequest } from '@parley/http-outbound';
import { createGoogleReviewsAdapter, reviewToEvent } from './index.js';

describe('Google reviews adapter', () => {
  it('turns a review into a message keyed on its id and update time, with the rating', () => {
    const event = reviewToEvent(
      {
        reviewId: 'r1',
        reviewer: { displayName: 'Jean' },
        starRating: 'FOUR',
        comment: 'Bien',
        createTime: '2026-01-01T00:00:00Z',
        updateTime: '2026-01-02T00:00:00Z',
      },
      'loc',
    );
    expect(event).toMatchObject({
      kind: 'message',
      providerMessageId: 'r1:2026-01-02T00:00:00Z',
      displayName: 'Jean',
      text: '★★★★☆ 4/5\nBien',
      identities: [{ kind: 'external_id', raw: 'r1', scope: 'google:loc', verified: true }],
      content: {
        blocks: [
          { type: 'text', text: '★★★★☆ 4/5\nBien' },
          { type: 'payload', payload: 'review:stars=4' },
        ],
      },
    });
  });

  it('pages through the reviews with the bearer token, oldest first, and publishes replies with PUT', async () => {
    const requests: OutboundRequest[] = [];
    const pages = [
      { reviews: [{ reviewId: 'r2', starRating: 'FIVE', createTime: 't2', updateTime: '2026-01-02T00:00:00Z' }], nextPageToken: 'p2' },
      { reviews: [{ reviewId: 'r1', starRating: 'ONE', createTime: 't1', updateTime: '2026-01-01T00:00:00Z' }] },
      { comment: 'Merci', updateTime: 'now' },
    ];
    const http: OutboundHttp = {
      request: async (r) => {
        requests.push(r);
        return { ok: true, status: 200, headers: {}, bodyText: JSON.stringify(pages.shift()), url: String(r.url) };
      },
    };
    const adapter = createGoogleReviewsAdapter({ http, allowHosts: [] });
    const config = { accountId: 'a', locationId: 'l', requireApproval: false, pollMinutes: 15 };
    const polled = await adapter.poll({ channel: { id: 'c', workspaceId: 'w', config }, secrets: { accessToken: 'tok' } });
    expect(polled.ok && polled.events.map((e) => (e.kind === 'message' ? e.providerMessageId : ''))).toEqual([
      'r1:2026-01-01T00:00:00Z',
      'r2:2026-01-02T00:00:00Z',
    ]);
    expect(String(requests[1]?.url)).toBe('https://mybusiness.googleapis.com/v4/accounts/a/locations/l/reviews?pageSize=50&pageToken=p2');
    expect(requests[0]?.headers?.authorization).toBe('Bearer tok');
    expect(adapter.pollIntervalMs(config)).toBe(900_000);

    const sent = await adapter.send({
      channel: { id: 'c', workspaceId: 'w', name: 'G', config },
      secrets: { accessToken: 'tok' },
      conversationId: 'conv',
      customer: { id: 'cu', externalId: null, identities: [{ kind: 'external_id', scope: 'google:l', value: 'r1' }] },
      message: { id: 'm', text: 'Merci', author: { kind: 'agent', name: 'A' }, content: { v: 1, blocks: [{ type: 'text', text: 'Merci' }] } },
      deliveryId: 'd',
    });
    expect(sent).toEqual({ ok: true, providerMessageId: null });
    expect(requests[2]).toMatchObject({
      method: 'PUT',
      url: 'https://mybusiness.googleapis.com/v4/accounts/a/locations/l/reviews/r1/reply',
      body: JSON.stringify({ comment: 'Merci' }),
    });
  });

  it('explains an expired token', async () => {
    const http: OutboundHttp = {
      request: async (r) => ({
        ok: true,
        status: 401,
        headers: {},
        bodyText: '{"error":{"message":"Request had invalid authentication credentials."}}',
        url: String(r.url),
      }),
    };
    const adapter = createGoogleReviewsAdapter({ http, allowHosts: [] });
    const polled = await adapter.poll({
      channel: { id: 'c', workspaceId: 'w', config: { accountId: 'a', locationId: 'l', requireApproval: false, pollMinutes: 15 } },
      secrets: { accessToken: 'tok' },
    });
    expect(polled).toMatchObject({ ok: false, retryable: false });
    expect(!polled.ok && polled.error).toContain('expired');
  });
});
