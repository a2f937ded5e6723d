import { AppError, type Clock } from '@parley/kernel';
import { actorOf, requirePermission, type Principal, type Store } from '@parley/domain';
import { listAgentRouting, transferConversationFlow, type UseCaseDeps } from '@parley/use-cases';
import type { AssistAlert } from './emotion-cues.js';
import { ASSIST } from './analyze-message.job.js';

/** Timeline event of an advisor's "help" button ({agentId, note}). */
export const HELP_REQUESTED = 'conversation.help_requested';

const HELP_GUIDANCE: AssistAlert['guidance'] = {
  fr: 'Aide demandée : un superviseur est prévenu et peut vous écrire en chuchotement ou reprendre la conversation.',
  en: 'Help requested: a supervisor has been alerted and can whisper to you or take the conversation over.',
};

/**
 * The advisor's "help" button: records a `conversation.help_requested` timeline event and sends
 * an `assist.alert` (reason `help`) to the workspace's sockets, so supervisors see it on the
 * wallboard at once. Only the conversation's current advisor may ask.
 *
 * @example
 * await requestHelp({ store, clock }, principal, conversationId, { note: 'refund above my limit' });
 */
export async function requestHelp(
  deps: { store: Store; clock: Clock },
  principal: Principal,
  conversationId: string,
  input: { note?: string | null },
): Promise<{ requestedAt: string }> {
  requirePermission(principal, 'conversations:reply');
  return deps.store.transaction(async (tx) => {
    const conversation = await tx.conversations.get(principal.workspaceId, conversationId);
    if (!conversation) throw new AppError('conversation_not_found', `Conversation ${conversationId} does not exist`);
    if (conversation.handler.kind !== 'agent' || conversation.handler.id !== principal.userId)
      throw new AppError('forbidden', 'Only the advisor handling this conversation can ask for help');
    const now = deps.clock.now();
    const note = input.note?.trim() || null;
    await tx.events.record({
      workspaceId: principal.workspaceId,
      type: HELP_REQUESTED,
      customerId: conversation.customerId,
      conversationId,
      payload: { agentId: principal.userId, note },
      actor: actorOf(principal),
      occurredAt: now,
    });
    const alert: AssistAlert = { reason: 'help', messageId: null, guidance: HELP_GUIDANCE };
    tx.publishAfterCommit({
      name: ASSIST.alert,
      workspaceId: principal.workspaceId,
      payload: { conversationId, customerId: conversation.customerId, alert, agentId: principal.userId, note },
    });
    return { requestedAt: now.toISOString() };
  });
}

/**
 * The supervisor takes the conversation over: routing's transfer to themselves (the previous
 * advisor's slot is freed, the timeline's `conversation.transferred` says `takenOver`). The
 * supervisor needs a routing profile with a free slot, as any advisor does.
 *
 * @example
 * await takeOver(deps, supervisor, conversationId, { note: null });
 */
export async function takeOver(deps: UseCaseDeps, principal: Principal, conversationId: string, input: { note?: string | null }) {
  requirePermission(principal, 'supervise');
  return transferConversationFlow(deps, principal, conversationId, { toAgentId: principal.userId, note: input.note ?? null });
}

/**
 * Reassigns from the wallboard: routing's transfer to another advisor or a queue with a note. An
 * offline advisor is refused here (a supervisor moving a live conversation wants someone there);
 * capacity is routing's own check.
 *
 * @example
 * await reassign(deps, supervisor, conversationId, { toAgentId, note: 'knows this customer' });
 */
export async function reassign(
  deps: UseCaseDeps,
  principal: Principal,
  conversationId: string,
  input: ({ toAgentId: string; toQueueId?: undefined } | { toQueueId: string; toAgentId?: undefined }) & { note?: string | null },
) {
  requirePermission(principal, 'supervise');
  if (input.toAgentId) {
    const target = (await listAgentRouting(deps, principal)).find((a) => a.agentId === input.toAgentId);
    if (!target) throw new AppError('invalid_state', 'This advisor has no routing profile');
    if (target.presence === 'offline') throw new AppError('invalid_state', `${target.name || 'This advisor'} is offline`);
  }
  return transferConversationFlow(deps, principal, conversationId, input);
}
