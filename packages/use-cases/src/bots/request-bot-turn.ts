import type { Conversation, Message, TransactionScope } from '@parley/domain';
import { changeHandler } from '../conversations/change-handler.js';
import type { UseCaseDeps } from '../deps.js';
import { BOT_TURN_QUEUE, type BotTurnPayload } from './bot-deps.js';

/**
 * The inbound flow's decision, in its transaction: a conversation on a channel with a bot that
 * nobody else handles goes to the bot first (a durable `bot.turn` job); returns false when it
 * must go to routing instead.
 *
 * @example
 * if (!(await requestBotTurnOnInbound(deps, tx, conversation, message))) await requestRoutingOnInbound(tx, conversation);
 */
export async function requestBotTurnOnInbound(deps: UseCaseDeps, tx: TransactionScope, conversation: Conversation, message: Message): Promise<boolean> {
  if (!deps.bots || (conversation.handler.kind !== 'none' && conversation.handler.kind !== 'bot')) return false;
  const channel = await tx.channels.get(conversation.workspaceId, message.channelId);
  if (!channel?.botId) return false;
  if (conversation.handler.kind === 'none') {
    await changeHandler(tx, conversation, { kind: 'bot', id: channel.botId }, { kind: 'system', id: null }, message.createdAt);
  }
  await tx.enqueue({
    queue: BOT_TURN_QUEUE,
    workspaceId: conversation.workspaceId,
    payload: { conversationId: conversation.id, messageId: message.id } satisfies BotTurnPayload,
    // One turn at a time per conversation, in message order; its own key so that a delivery
    // retrying with backoff (same conversation) does not hold the bot back.
    orderingKey: `bot:${conversation.id}`,
    idempotencyKey: `bot:${message.id}`,
  });
  return true;
}
