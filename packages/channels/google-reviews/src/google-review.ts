import { z } from 'zod';
import type { IdentityClaim } from '@parley/domain';
import type { InboundEvent } from '@parley/channel-sdk';

const STARS = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 } as const;

// The Business Profile API's Review resource (v4 accounts.locations.reviews), the fields Parley reads.
export const googleReviewSchema = z.object({
  reviewId: z.string().min(1).max(256),
  reviewer: z.object({ displayName: z.string().optional(), isAnonymous: z.boolean().optional(), profilePhotoUrl: z.string().optional() }).optional(),
  starRating: z.enum(['STAR_RATING_UNSPECIFIED', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE']).optional(),
  comment: z.string().optional(),
  createTime: z.string(),
  updateTime: z.string(),
  reviewReply: z.object({ comment: z.string(), updateTime: z.string().optional() }).optional(),
});

export const googleReviewsPageSchema = z.object({
  reviews: z.array(googleReviewSchema).optional(),
  nextPageToken: z.string().optional(),
  averageRating: z.number().optional(),
  totalReviewCount: z.number().optional(),
});

export type GoogleReview = z.infer<typeof googleReviewSchema>;

/** The identity scope of a location's reviewers. */
export const reviewsScope = (locationId: string): string => `google:${locationId}`;

/** The star rating as a number (null when Google gives none). */
export function starsOf(review: GoogleReview): number | null {
  const rating = review.starRating;
  return rating && rating !== 'STAR_RATING_UNSPECIFIED' ? STARS[rating] : null;
}

/**
 * One review as an inbound message. Google lets a user leave one review per location, so the
 * review id is the reviewer's identity there (scoped to the location); the display name is the
 * customer's name. The provider id is `reviewId:updateTime`, so an edited review arrives as a
 * new message in the same story and an unchanged one is a duplicate.
 *
 * @example
 * reviewToEvent(review, '456')
 */
export function reviewToEvent(review: GoogleReview, locationId: string): InboundEvent {
  const stars = starsOf(review);
  const rating = stars === null ? '' : `${'★'.repeat(stars)}${'☆'.repeat(5 - stars)} ${stars}/5`;
  const comment = review.comment?.trim() ?? '';
  const text = [rating, comment].filter((s) => s.length > 0).join('\n') || '(review without a comment)';
  const identity: IdentityClaim = { kind: 'external_id', raw: review.reviewId, scope: reviewsScope(locationId), verified: true, provenance: 'channel' };
  const anonymous = review.reviewer?.isAnonymous === true || !review.reviewer?.displayName;
  return {
    kind: 'message',
    providerMessageId: `${review.reviewId}:${review.updateTime}`,
    identities: [identity],
    displayName: anonymous ? 'Google user' : (review.reviewer?.displayName ?? null),
    // The rating also travels as a payload (`review:stars=4`) that bots and reports can read.
    content: { v: 1, blocks: [{ type: 'text', text }, ...(stars === null ? [] : [{ type: 'payload' as const, payload: `review:stars=${stars}` }])] },
    text,
    sentAt: Number.isNaN(Date.parse(review.updateTime)) ? null : new Date(review.updateTime),
  };
}
