import { z } from 'zod';

/**
 * The config of `POST /api/v1/channels` with `type: "google_reviews"`. `accessToken` is an OAuth
 * bearer token for the Business Profile API; it goes to the sealed secrets. Parley does not
 * refresh it (see docs/channels.md): when it expires, polls and replies fail with a clear reason.
 * `requireApproval`: an advisor's public reply waits for a supervisor's approval.
 *
 * @example
 * googleReviewsConfigInputSchema.parse({ accountId: '123', locationId: '456', accessToken: 'ya29…', requireApproval: true });
 */
export const googleReviewsConfigInputSchema = z
  .object({
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    locationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    accessToken: z.string().min(8).max(4096),
    /** Where the API is (an emulator or a proxy); its host must be allowed. Default https://mybusiness.googleapis.com. */
    apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    requireApproval: z.boolean().default(false),
    /** Minutes between two imports. */
    pollMinutes: z.number().int().min(1).max(1440).default(15),
  })
  .strict();

export const googleReviewsPublicConfigSchema = googleReviewsConfigInputSchema.omit({ accessToken: true });

/** What is stored in the channel's public config (the token is not). */
export type GoogleReviewsConfig = z.infer<typeof googleReviewsPublicConfigSchema>;

export const GOOGLE_BUSINESS_API_BASE_URL = 'https://mybusiness.googleapis.com';

/** Reads a stored config; null when it is not a reviews config. */
export function readGoogleReviewsConfig(config: Record<string, unknown>): GoogleReviewsConfig | null {
  const parsed = googleReviewsPublicConfigSchema.safeParse(config);
  return parsed.success ? parsed.data : null;
}
