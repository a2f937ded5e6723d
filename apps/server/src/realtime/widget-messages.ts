import type { ContentBlock, Message } from '@parley/domain';
import type { MessageSnapshot } from '@parley/use-cases';
import type { WidgetBlock, WidgetMessage } from '@parley/realtime-protocol';

/** What the widget mapping needs of a message (a domain row or a bus snapshot). */
type MessageLike = Pick<Message, 'id' | 'conversationId' | 'seq' | 'author' | 'content' | 'text' | 'providerMessageId'> & {
  deliveryStatus: string;
  createdAt: Date | string;
};

const STATUSES = new Set<WidgetMessage['status']>(['received', 'pending', 'sent', 'delivered', 'read', 'failed', 'not_applicable']);

/** Provider id of a widget message: the visitor hash keeps client ids of different visitors apart. */
export function widgetProviderMessageId(visitorHash: string, clientMessageId: string): string {
  return `webchat:${visitorHash}:${clientMessageId}`;
}

function clientMessageIdOf(providerMessageId: string | null): string | undefined {
  if (!providerMessageId?.startsWith('webchat:')) return undefined;
  const rest = providerMessageId.slice('webchat:'.length);
  const colon = rest.indexOf(':');
  return colon < 0 ? undefined : rest.slice(colon + 1);
}

/**
 * A public message as the widget renders it. Stored attachments become signed, expiring
 * links (the widget never needs a session); text stays verbatim: the widget renders text
 * nodes, never HTML.
 */
export function toWidgetMessage(m: MessageLike | MessageSnapshot, authorName: string | null, signUrl: (attachmentId: string) => string): WidgetMessage {
  const clientMessageId = clientMessageIdOf(m.providerMessageId);
  const status = STATUSES.has(m.deliveryStatus as WidgetMessage['status']) ? (m.deliveryStatus as WidgetMessage['status']) : 'sent';
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    author: { kind: m.author.kind, name: m.author.kind === 'customer' ? null : authorName },
    blocks: m.content.blocks.map((b) => toWidgetBlock(b, signUrl)),
    text: m.text,
    createdAt: typeof m.createdAt === 'string' ? m.createdAt : m.createdAt.toISOString(),
    status,
    ...(clientMessageId !== undefined ? { clientMessageId } : {}),
  };
}

function toWidgetBlock(block: ContentBlock, signUrl: (attachmentId: string) => string): WidgetBlock {
  if (block.type === 'attachment' && block.attachmentId) return { ...block, url: signUrl(block.attachmentId) };
  return block as WidgetBlock;
}
