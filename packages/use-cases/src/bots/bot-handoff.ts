import type { Actor, Conversation, TransactionScope } from '@parley/domain';
import { takenOverState, type HandoffSummary } from '@parley/bots';
import type { UseCaseDeps } from '../deps.js';
import { changeHandler } from '../conversations/change-handler.js';

/** What a `bot.handoff` event says: why, the summary the agent reads first, and extras (skill, who took over). */
export interface BotHandoffPayload {
  reason: string;
  summary: HandoffSummary;
  skill?: string;
  /** The agent whose public reply took the conversation over (reason `agent_took_over`). */
  agentId?: string;
}

/**
 * Records the bot's `bot.handoff` timeline event (attributed to the bot, so its stats count the
 * handoff) and its live update.
 *
 * @example
 * await recordBotHandoff(tx, conversation, botId, { reason: 'customer_request', summary }, now);
 */
export async function recordBotHandoff(tx: TransactionScope, conversation: Conversation, botId: string, payload: BotHandoffPayload, now: Date): Promise<void> {
  await tx.events.record({
    workspaceId: conversation.workspaceId,
    type: 'bot.handoff',
    customerId: conversation.customerId,
    conversationId: conversation.id,
    payload: { ...payload },
    actor: { kind: 'bot', id: botId },
    occurredAt: now,
  });
  tx.publishAfterCommit({
    name: 'bot.handoff',
    workspaceId: conversation.workspaceId,
    payload: { conversationId: conversation.id, customerId: conversation.customerId, ...payload },
  });
}

/**
 * An agent's public reply in a conversation the bot handles: the agent takes over. The handler
 * becomes the agent (`conversation.handler_changed`), the bot's state is marked handed off (it
 * stays silent, nothing left waiting) and a `bot.handoff` event with the reason `agent_took_over`
 * carries the bot's summary. Nothing happens when the bot does not handle the conversation. Runs
 * in the reply's transaction, with the conversation row locked.
 *
 * @example
 * if (visibility === 'public') await takeOverFromBot(deps, tx, conversation, { kind: 'user', id: userId }, now);
 */
export async function takeOverFromBot(
  deps: UseCaseDeps,
  tx: TransactionScope,
  conversation: Conversation,
  agent: Extract<Actor, { kind: 'user' }>,
  now: Date,
): Promise<boolean> {
  if (conversation.handler.kind !== 'bot') return false;
  await changeHandler(tx, conversation, { kind: 'agent', id: agent.id }, agent, now);
  const botId = conversation.handler.id;
  if (!botId || !deps.bots) return true;
  const repo = deps.bots.repository(tx);
  const stored = await repo.lockState(conversation.workspaceId, conversation.id);
  if (!stored || stored.state.status === 'handed_off') return true;
  const { state, summary } = takenOverState(stored.state, 'agent_took_over');
  await repo.saveState({ workspaceId: conversation.workspaceId, conversationId: conversation.id, botId: stored.botId, state, now });
  await recordBotHandoff(tx, conversation, stored.botId, { reason: 'agent_took_over', summary, agentId: agent.id }, now);
  return true;
}
