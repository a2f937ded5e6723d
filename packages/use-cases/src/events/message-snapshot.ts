import type { Message } from '@parley/domain';

/** A message as live-update events carry it: the REST shape, JSON-safe (dates as ISO strings). */
export interface MessageSnapshot {
  id: string;
  conversationId: string;
  seq: number;
  channelId: string;
  providerMessageId: string | null;
  direction: Message['direction'];
  author: Message['author'];
  visibility: Message['visibility'];
  content: Message['content'];
  text: string;
  deliveryStatus: string;
  createdAt: string;
}

/**
 * The snapshot put in `message.received` / `message.created` bus payloads, so that live
 * clients (agent app, widget) render a message without reading it back from the database.
 *
 * @example
 * tx.publishAfterCommit({ name: 'message.created', workspaceId, payload: { ..., message: messageSnapshot(message) } });
 */
export function messageSnapshot(m: Message): MessageSnapshot {
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
    createdAt: m.createdAt.toISOString(),
  };
}
