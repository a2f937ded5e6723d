import { z } from 'zod';
import { graphLocationSchema } from '@parley/meta-graph';

const graphId = z.string().regex(/^\d{1,32}$/, 'must be a numeric Graph id');
const secrets = {
  /** A Page access token with pages_messaging (and instagram_manage_messages for Instagram). Secret. */
  accessToken: z.string().min(8).max(1024),
  /** The Meta app secret that signs webhooks (X-Hub-Signature-256). Secret. */
  appSecret: z.string().min(8).max(256),
  /** The token typed in the app's webhook settings, echoed by the verification handshake. Secret. */
  verifyToken: z.string().min(8).max(256),
};

/**
 * `POST /api/v1/channels` config for `type: "messenger"`. Secrets (`accessToken`, `appSecret`,
 * `verifyToken`) are sealed and never returned.
 *
 * @example
 * messengerConfigInputSchema.parse({ pageId: '1122334455', accessToken: 'EAAG…', appSecret: '…', verifyToken: '…' });
 */
export const messengerConfigInputSchema = z.object({ pageId: graphId, ...secrets, ...graphLocationSchema }).strict();

/**
 * `POST /api/v1/channels` config for `type: "instagram"`: the Instagram professional account id
 * (webhooks name it in `entry[].id`) and the linked Page's token.
 *
 * @example
 * instagramConfigInputSchema.parse({ instagramAccountId: '17841400000000000', accessToken: 'EAAG…', appSecret: '…', verifyToken: '…' });
 */
export const instagramConfigInputSchema = z.object({ instagramAccountId: graphId, pageId: graphId.optional(), ...secrets, ...graphLocationSchema }).strict();

export const META_SECRET_FIELDS = ['accessToken', 'appSecret', 'verifyToken'] as const;

/** The public (stored) config of a Messenger or Instagram channel. */
export interface MetaMessagingConfig {
  /** The id that scopes customer ids and names the channel in webhooks (page id or IG account id). */
  accountId: string;
  apiBaseUrl?: string | undefined;
  apiVersion?: string | undefined;
}

/** Reads a stored config of either kind; null when it doesn't match. */
export function readMetaMessagingConfig(kind: 'messenger' | 'instagram', config: Record<string, unknown>): MetaMessagingConfig | null {
  if (kind === 'messenger') {
    const parsed = messengerConfigInputSchema.omit({ accessToken: true, appSecret: true, verifyToken: true }).safeParse(config);
    return parsed.success ? { accountId: parsed.data.pageId, apiBaseUrl: parsed.data.apiBaseUrl, apiVersion: parsed.data.apiVersion } : null;
  }
  const parsed = instagramConfigInputSchema.omit({ accessToken: true, appSecret: true, verifyToken: true }).safeParse(config);
  return parsed.success ? { accountId: parsed.data.instagramAccountId, apiBaseUrl: parsed.data.apiBaseUrl, apiVersion: parsed.data.apiVersion } : null;
}
