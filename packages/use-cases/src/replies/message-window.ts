import { AppError } from '@parley/kernel';
import { requirePermission, type ChannelRepository, type Conversation, type ConversationRepository, type Principal } from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';

/** Whether a free-form reply can reach the customer now on the conversation's channel. */
export interface MessageWindow {
  open: boolean;
  /** When the window closes (or closed); null when the customer never wrote on this channel. */
  closesAt: Date | null;
  hours: number;
  /** The channel sends approved templates (the way to write outside the window). */
  templates: boolean;
}

type Reader = { channels: Pick<ChannelRepository, 'get'>; conversations: Pick<ConversationRepository, 'lastInboundAt'> };

/**
 * The customer-service window of a conversation's current channel (WhatsApp: 24 hours after the
 * customer's last message); null when the channel has none. The core decides, adapters translate.
 *
 * @example
 * const window = await messageWindowOf(deps, deps.store.read, conversation);
 * if (window && !window.open) showTemplatePicker();
 */
export async function messageWindowOf(
  deps: Pick<UseCaseDeps, 'channels' | 'clock'>,
  reader: Reader,
  conversation: Conversation,
): Promise<MessageWindow | null> {
  const channel = await reader.channels.get(conversation.workspaceId, conversation.channelId);
  if (!channel || !deps.channels.types().includes(channel.type)) return null;
  const manifest = deps.channels.get(channel.type).manifest;
  if (manifest.messageWindowHours === null) return null;
  const last = await reader.conversations.lastInboundAt(conversation.workspaceId, conversation.id, conversation.channelId);
  const closesAt = last ? new Date(last.getTime() + manifest.messageWindowHours * 3_600_000) : null;
  return {
    open: closesAt !== null && closesAt.getTime() > deps.clock.now().getTime(),
    closesAt,
    hours: manifest.messageWindowHours,
    templates: manifest.templates,
  };
}

/**
 * Refuses what the channel's window forbids: a free-form public reply once the window is closed
 * (409 `invalid_state`), and a template on a channel that has none.
 *
 * @example
 * await assertWindowAllows(deps, tx, conversation, { template: false });
 */
export async function assertWindowAllows(
  deps: Pick<UseCaseDeps, 'channels' | 'clock'>,
  reader: Reader,
  conversation: Conversation,
  reply: { template: boolean },
): Promise<void> {
  const window = await messageWindowOf(deps, reader, conversation);
  if (reply.template && window && !window.templates) throw new AppError('validation_failed', 'This channel does not send templates');
  if (reply.template && !window) {
    const channel = await reader.channels.get(conversation.workspaceId, conversation.channelId);
    if (!channel || !deps.channels.get(channel.type).manifest.templates) throw new AppError('validation_failed', 'This channel does not send templates');
  }
  if (!window || window.open || reply.template) return;
  throw new AppError(
    'invalid_state',
    window.templates
      ? `outside the ${window.hours}-hour window: send an approved template`
      : `outside the ${window.hours}-hour messaging window: the customer must write first`,
    { window: { open: false, closesAt: window.closesAt?.toISOString() ?? null, templates: window.templates } },
  );
}

/**
 * The window of one conversation, for the agent app (`GET /api/v1/conversations/{id}`).
 *
 * @example
 * const window = await getConversationWindow(deps, principal, conversation);
 */
export async function getConversationWindow(deps: UseCaseDeps, principal: Principal, conversation: Conversation): Promise<MessageWindow | null> {
  requirePermission(principal, 'conversations:read');
  return messageWindowOf(deps, deps.store.read, conversation);
}
