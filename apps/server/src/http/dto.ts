import { z } from 'zod';
import type { Channel, Conversation, ConversationSummary, Customer, Message, TimelineEntry } from '@parley/domain';

// Public response shapes. Handlers map domain objects through these functions so that the
// API never leaks storage details and dates are always ISO-8601 strings.

const iso = z.string().describe('ISO-8601 timestamp');
export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional(), requestId: z.string().optional() }) });
export const idParams = z.object({ id: z.uuid() });
export const pageQuery = z.object({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

export const conversationDto = z.object({
  id: z.string(),
  customerId: z.string(),
  channelId: z.string(),
  topic: z.string(),
  status: z.enum(['open', 'pending', 'snoozed', 'resolved', 'closed']),
  handler: z.object({ kind: z.enum(['none', 'bot', 'queue', 'agent']), id: z.string().nullable() }),
  lastSeq: z.number(),
  lastMessageAt: iso.nullable(),
  snoozedUntil: iso.nullable(),
  resolvedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export function toConversationDto(c: Conversation): z.infer<typeof conversationDto> {
  return {
    id: c.id,
    customerId: c.customerId,
    channelId: c.channelId,
    topic: c.topic,
    status: c.status,
    handler: c.handler,
    lastSeq: c.lastSeq,
    lastMessageAt: c.lastMessageAt?.toISOString() ?? null,
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export const conversationListItemDto = conversationDto.extend({
  customer: z.object({ id: z.string(), name: z.string().nullable().describe('Display name, null when unknown') }),
  lastMessage: z
    .object({
      text: z.string().describe('One-line excerpt of the text, at most 140 characters'),
      authorKind: z.enum(['customer', 'bot', 'agent', 'system']),
      visibility: z.enum(['public', 'note', 'whisper']),
      seq: z.number(),
      at: iso,
    })
    .nullable()
    .describe('The newest message, notes and whispers included; null before the first message'),
  unread: z.number().describe("The customer's public messages nobody in the team has read yet"),
});

export function toConversationListItemDto(c: ConversationSummary): z.infer<typeof conversationListItemDto> {
  return {
    ...toConversationDto(c),
    customer: c.customer,
    lastMessage: c.lastMessage
      ? {
          text: c.lastMessage.excerpt,
          authorKind: c.lastMessage.authorKind,
          visibility: c.lastMessage.visibility,
          seq: c.lastMessage.seq,
          at: c.lastMessage.at.toISOString(),
        }
      : null,
    unread: c.unread,
  };
}

export const messageDto = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number(),
  channelId: z.string(),
  providerMessageId: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound', 'internal']),
  author: z.object({ kind: z.enum(['customer', 'bot', 'agent', 'system']), id: z.string().nullable() }),
  visibility: z.enum(['public', 'note', 'whisper']),
  content: z.unknown(),
  text: z.string(),
  deliveryStatus: z.string(),
  deliveryError: z.string().nullable(),
  sentAt: iso.nullable(),
  createdAt: iso,
});

export function toMessageDto(m: Message): z.infer<typeof messageDto> {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    channelId: m.channelId,
    providerMessageId: m.providerMessageId,
    direction: m.direction,
    author: m.author,
    visibility: m.visibility,
    content: m.content,
    text: m.text,
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    sentAt: m.sentAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}

export const customerDto = z.object({
  id: z.string(),
  displayName: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  timeZone: z.string().nullable(),
  locale: z.string().nullable(),
  identities: z.array(z.object({ id: z.string(), kind: z.string(), scope: z.string(), value: z.string(), verified: z.boolean(), provenance: z.string(), createdAt: iso })),
  createdAt: iso,
  updatedAt: iso,
});

export function toCustomerDto(c: Customer): z.infer<typeof customerDto> {
  return {
    id: c.id,
    displayName: c.displayName,
    attributes: c.attributes,
    timeZone: c.timeZone,
    locale: c.locale,
    identities: c.identities.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export const timelineEntryDto = z.union([
  z.object({
    kind: z.literal('message'),
    at: iso,
    conversationId: z.string(),
    channelId: z.string(),
    messageId: z.string(),
    direction: z.string(),
    author: z.object({ kind: z.string(), id: z.string().nullable() }),
    visibility: z.string(),
    text: z.string(),
    deliveryStatus: z.string(),
  }),
  z.object({
    kind: z.literal('event'),
    at: iso,
    type: z.string(),
    conversationId: z.string().nullable(),
    messageId: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  }),
]);

export function toTimelineEntryDto(e: TimelineEntry): z.infer<typeof timelineEntryDto> {
  const { cursor: _cursor, ...rest } = e;
  return { ...rest, at: e.at.toISOString() };
}

export const channelDto = z.object({ id: z.string(), type: z.string(), name: z.string(), config: z.record(z.string(), z.unknown()), botId: z.string().nullable(), enabled: z.boolean(), createdAt: iso });

export function toChannelDto(c: Channel): z.infer<typeof channelDto> {
  return { id: c.id, type: c.type, name: c.name, config: c.config, botId: c.botId, enabled: c.enabled, createdAt: c.createdAt.toISOString() };
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
