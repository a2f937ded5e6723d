import { z } from 'zod';
import { graphLocationSchema } from '@parley/meta-graph';

/**
 * The config of `POST /api/v1/channels` with `type: "whatsapp"`. `accessToken`, `appSecret` and
 * `verifyToken` are secrets: the adapter moves them to the sealed secrets and the API never
 * returns them.
 *
 * @example
 * whatsappConfigInputSchema.parse({ phoneNumberId: '1234567890', accessToken: 'EAAG…', appSecret: '…', verifyToken: '…' });
 */
export const whatsappConfigInputSchema = z
  .object({
    /** The WhatsApp Business phone number id (Graph API), not the phone number itself. */
    phoneNumberId: z.string().regex(/^\d{1,32}$/, 'must be the numeric phone number id from the WhatsApp Manager'),
    /** The WhatsApp Business Account id (informational). */
    businessAccountId: z
      .string()
      .regex(/^\d{1,32}$/)
      .optional(),
    /** The number customers see, for display (E.164). */
    displayPhoneNumber: z.string().max(32).optional(),
    /** A system-user access token with whatsapp_business_messaging. Secret. */
    accessToken: z.string().min(8).max(1024),
    /** The Meta app secret that signs webhooks (X-Hub-Signature-256). Secret. */
    appSecret: z.string().min(8).max(256),
    /** The token typed in the app's webhook settings, echoed back by the verification handshake. Secret. */
    verifyToken: z.string().min(8).max(256),
    ...graphLocationSchema,
  })
  .strict();

/** What is stored in the channel's public config. */
export type WhatsappConfig = Omit<z.infer<typeof whatsappConfigInputSchema>, 'accessToken' | 'appSecret' | 'verifyToken'>;

export const WHATSAPP_SECRET_FIELDS = ['accessToken', 'appSecret', 'verifyToken'] as const;

/** Reads a stored (public) config; null when it is not a WhatsApp config. */
export function readWhatsappConfig(config: Record<string, unknown>): WhatsappConfig | null {
  const parsed = whatsappConfigInputSchema.omit({ accessToken: true, appSecret: true, verifyToken: true }).safeParse(config);
  return parsed.success ? parsed.data : null;
}
