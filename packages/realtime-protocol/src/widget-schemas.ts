import { z } from 'zod';

// Server-side validation of what widgets send: customer input is untrusted.
const smiley = z.enum(['good', 'neutral', 'bad']);

export const widgetHandshakeSchema = z.object({
  channelId: z.uuid(),
  visitorToken: z.string().min(20).max(200).optional(),
  locale: z.enum(['fr', 'en']).optional(),
});

export const messageSendSchema = z
  .object({
    clientMessageId: z.string().min(1).max(100),
    text: z.string().max(5000).optional(),
    payload: z.string().max(2000).optional(),
    attachmentIds: z.array(z.uuid()).max(5).optional(),
  })
  .refine((m) => (m.text?.trim().length ?? 0) > 0 || m.payload !== undefined || (m.attachmentIds?.length ?? 0) > 0, { message: 'text, payload or attachments required' });

export const identifySchema = z.object({
  externalId: z.string().trim().min(1).max(256).optional(),
  email: z.string().trim().max(320).optional(),
  phone: z.string().trim().max(40).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  signature: z.string().regex(/^[0-9a-f]{64}$/i).optional(),
});

export const contextSchema = z.record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).refine((o) => Object.keys(o).length <= 30, 'at most 30 context keys');

export const prechatSchema = z.object({ name: z.string().trim().min(1).max(200).optional(), email: z.string().trim().max(320).optional() });

export const csatSchema = z.object({ conversationId: z.uuid(), welcome: smiley, waiting: smiley, answer: smiley, comment: z.string().max(2000).optional() });

export const typingSchema = z.object({ isTyping: z.boolean() });
export const readSchema = z.object({ seq: z.number().int().nonnegative() });
export const agentTypingSchema = z.object({ conversationId: z.uuid(), isTyping: z.boolean() });
export const agentReadSchema = z.object({ conversationId: z.uuid(), seq: z.number().int().nonnegative() });
export const presenceSchema = z.object({
  presence: z.enum(['online', 'busy', 'away', 'offline']),
  /** "Not ready" reason for busy/away (kept in the routing profile). */
  reason: z.string().trim().max(120).nullable().optional(),
});
