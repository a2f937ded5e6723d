import { AppError } from '@parley/kernel';
import type { Channel, Message, Store } from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';
import { CSAT_SCOPE } from './visitor-session.flow.js';

export type CsatLevel = 'good' | 'neutral' | 'bad';

export interface CsatInput {
  conversationId: string;
  welcome: CsatLevel;
  waiting: CsatLevel;
  answer: CsatLevel;
  comment?: string | undefined;
}

export interface CsatRecorded {
  conversationId: string;
  customerId: string;
  welcome: CsatLevel;
  waiting: CsatLevel;
  answer: CsatLevel;
  comment: string | null;
  handledBy: { kind: 'agent' | 'bot'; id: string | null } | null;
}

/**
 * The visitor rates a resolved conversation (welcome, waiting time, answer quality, optional
 * comment). Once per conversation, only by its own customer; recorded as `csat.recorded` on
 * the timeline, attributed to the last agent or bot who answered publicly.
 *
 * @example
 * await recordCsat(deps, channel, storyIds, visitorId, { conversationId, welcome: 'good', waiting: 'neutral', answer: 'good' });
 */
export async function recordCsat(
  deps: UseCaseDeps,
  channel: Pick<Channel, 'workspaceId'>,
  storyIds: readonly string[],
  visitorCustomerId: string,
  input: CsatInput,
): Promise<CsatRecorded> {
  const workspaceId = channel.workspaceId;
  const conversation = await deps.store.read.conversations.get(workspaceId, input.conversationId);
  // Someone else's conversation reads as unknown.
  if (!conversation || !storyIds.includes(conversation.customerId))
    throw new AppError('conversation_not_found', `Conversation ${input.conversationId} does not exist`);
  if (conversation.status !== 'resolved') throw new AppError('invalid_state', 'Only a resolved conversation can be rated');
  const handledBy = await lastResponder(deps.store, workspaceId, conversation.id);
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  const recorded: CsatRecorded = {
    conversationId: conversation.id,
    customerId: conversation.customerId,
    welcome: input.welcome,
    waiting: input.waiting,
    answer: input.answer,
    comment,
    handledBy,
  };
  await deps.store.transaction(async (tx) => {
    if (await tx.idempotency.find(workspaceId, CSAT_SCOPE, conversation.id)) throw new AppError('invalid_state', 'This conversation was already rated');
    // The unique key also settles two concurrent answers: the second insert fails and rolls back its event.
    await tx.idempotency.save(workspaceId, CSAT_SCOPE, conversation.id, 'csat', { at: deps.clock.now().toISOString() });
    await tx.events.record({
      workspaceId,
      type: 'csat.recorded',
      customerId: conversation.customerId,
      conversationId: conversation.id,
      payload: { welcome: input.welcome, waiting: input.waiting, answer: input.answer, comment, handledBy },
      actor: { kind: 'customer', id: visitorCustomerId },
      occurredAt: deps.clock.now(),
    });
    tx.publishAfterCommit({ name: 'csat.recorded', workspaceId, payload: recorded });
  });
  return recorded;
}

/** The last agent or bot author of a public outbound message. */
async function lastResponder(store: Store, workspaceId: string, conversationId: string): Promise<CsatRecorded['handledBy']> {
  let found: Message | null = null;
  let cursor: string | null = null;
  do {
    const page = await store.read.conversations.listMessages(workspaceId, conversationId, cursor, 200);
    for (const m of page.items)
      if (m.visibility === 'public' && m.direction === 'outbound' && (m.author.kind === 'agent' || m.author.kind === 'bot')) found = m;
    cursor = page.nextCursor;
  } while (cursor);
  return found ? { kind: found.author.kind as 'agent' | 'bot', id: found.author.id } : null;
}
