import { startEmulatorServer } from './emulator-http.js';

/** A review as the Business Profile API returns it. */
export interface EmulatedReview {
  reviewId: string;
  reviewer: { displayName: string; profilePhotoUrl?: string; isAnonymous?: boolean };
  starRating: 'ONE' | 'TWO' | 'THREE' | 'FOUR' | 'FIVE';
  comment?: string;
  createTime: string;
  updateTime: string;
  reviewReply?: { comment: string; updateTime: string };
  name: string;
}

/**
 * The Business Profile API's reviews on loopback: `GET /v4/accounts/{a}/locations/{l}/reviews`
 * (Bearer token, pageSize/pageToken paging, newest first) and `PUT …/reviews/{id}/reply`
 * `{comment}`. Test code only.
 *
 * @example
 * const google = await startGoogleReviewsEmulator({ accountId: '1', locationId: '2', accessToken });
 */
export async function startGoogleReviewsEmulator(options: { accountId: string; locationId: string; accessToken: string }) {
  const reviews: EmulatedReview[] = [];
  const replies: Array<{ reviewId: string; comment: string }> = [];
  let listCalls = 0;
  const prefix = `/v4/accounts/${options.accountId}/locations/${options.locationId}/reviews`;
  const http = await startEmulatorServer((req) => {
    if (req.headers.authorization !== `Bearer ${options.accessToken}`)
      return { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } } };
    if (req.method === 'GET' && req.path === prefix) {
      listCalls++;
      const pageSize = Math.min(50, Number(req.query.get('pageSize') ?? '50') || 50);
      const start = Number(req.query.get('pageToken') ?? '0');
      const sorted = [...reviews].sort((a, b) => b.updateTime.localeCompare(a.updateTime));
      const page = sorted.slice(start, start + pageSize);
      const next = start + pageSize < sorted.length ? String(start + pageSize) : undefined;
      return { status: 200, body: { reviews: page, averageRating: 4.2, totalReviewCount: reviews.length, ...(next ? { nextPageToken: next } : {}) } };
    }
    const reply = new RegExp(`^${prefix}/([^/]+)/reply$`).exec(req.path);
    if (req.method === 'PUT' && reply) {
      const review = reviews.find((r) => r.reviewId === decodeURIComponent(reply[1] ?? ''));
      if (!review) return { status: 404, body: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } } };
      const { comment } = JSON.parse(req.rawBody) as { comment: string };
      const updateTime = new Date().toISOString();
      review.reviewReply = { comment, updateTime };
      replies.push({ reviewId: review.reviewId, comment });
      return { status: 200, body: { comment, updateTime } };
    }
    return { status: 404, body: { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } } };
  });

  return {
    url: http.url,
    reviews,
    replies,
    get listCalls() {
      return listCalls;
    },
    add(review: { reviewId: string; displayName: string; stars: EmulatedReview['starRating']; comment?: string; at?: string }) {
      const at = review.at ?? new Date().toISOString();
      reviews.push({
        reviewId: review.reviewId,
        reviewer: { displayName: review.displayName },
        starRating: review.stars,
        ...(review.comment !== undefined ? { comment: review.comment } : {}),
        createTime: at,
        updateTime: at,
        name: `accounts/${options.accountId}/locations/${options.locationId}/reviews/${review.reviewId}`,
      });
    },
    /** The reviewer edits their review: new comment/rating and a new updateTime. */
    edit(reviewId: string, change: { stars?: EmulatedReview['starRating']; comment?: string; at?: string }) {
      const review = reviews.find((r) => r.reviewId === reviewId);
      if (!review) throw new Error(`no review ${reviewId}`);
      if (change.stars) review.starRating = change.stars;
      if (change.comment !== undefined) review.comment = change.comment;
      review.updateTime = change.at ?? new Date().toISOString();
    },
    close: http.close,
  };
}
