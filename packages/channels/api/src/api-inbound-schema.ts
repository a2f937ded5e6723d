import { z } from 'zod';

const MAX_DATE_MS = 8_640_000_000_000_000;

/** The longest text the API channel carries, both ways. */
export const API_MAX_TEXT = 20_000;

/** The public contract of `POST /api/v1/channels/{id}/inbound`. */
export const apiInboundBodySchema = z
  .object({
    customer: z
      .object({
        externalId: z.string().trim().min(1).max(256),
        name: z.string().trim().min(1).max(200).optional(),
        email: z.string().trim().max(320).optional(),
        phone: z.string().trim().max(40).optional(),
      })
      .strict(),
    message: z
      .object({
        id: z.string().trim().min(1).max(256),
        text: z.string().max(API_MAX_TEXT).optional(),
        // Milliseconds since the epoch, up to the last instant a JavaScript Date can hold.
        timestamp: z.union([z.iso.datetime({ offset: true }), z.number().int().positive().max(MAX_DATE_MS)]).optional(),
        payload: z.string().max(2000).optional(),
        attachments: z
          .array(
            z
              .object({
                url: z.url({ protocol: /^https?$/ }),
                fileName: z.string().min(1).max(255),
                contentType: z.string().min(1).max(255),
                sizeBytes: z.number().int().nonnegative().optional(),
              })
              .strict(),
          )
          .max(10)
          .optional(),
      })
      .strict()
      .refine((m) => (m.text !== undefined && m.text.trim().length > 0) || m.payload !== undefined || (m.attachments?.length ?? 0) > 0, {
        message: 'message needs text, payload or attachments',
      }),
  })
  .strict();

export type ApiInboundBody = z.infer<typeof apiInboundBodySchema>;

export const apiChannelConfigSchema = z.object({ webhookUrl: z.url({ protocol: /^https?$/ }) }).strict();
