import { createHash } from 'node:crypto';
import { AppError, newId } from '@parley/kernel';
import { actorOf, requirePermission, type ContentBlock, type Principal, type Visibility } from '@parley/domain';
import { takeOverFromBot } from '../bots/bot-handoff.js';
import { QUEUES, type UseCaseDeps } from '../deps.js';
import { messageSnapshot } from '../events/message-snapshot.js';
import { recordReplyTakeover } from '../routing/reply-takeover.js';
import { assertWindowAllows } from './message-window.js';
import { needsApproval } from './reply-moderation.flow.js';

export interface ReplyInput {
  conversationId: string;
  text: string;
  visibility: Visibility;
  idempotencyKey?: string | undefined;
  /** Ids of files uploaded with POST /api/v1/attachments. */
  attachmentIds?: string[] | undefined;
  /** An approved template (WhatsApp): what a public reply may be outside the channel's window. */
  template?: { name: string; language: string; variables?: string[] | undefined } | undefined;
}

export interface ReplyResult {
  messageId: string;
  conversationId: string;
  seq: number;
  deliveryStatus: string;
}

/**
 * An agent's reply or internal note. A public reply is stored with delivery "pending" and a
 * durable delivery job is written in the same transaction, ordered per conversation; notes
 * and whispers are stored only (never delivered). An Idempotency-Key makes retries return
 * the first answer. A public reply in a conversation the bot handles takes it over from the bot
 * (handler: the agent; `bot.handoff` with the reason `agent_took_over`); with routing, a public
 * reply taking it from the bot or the queue also assigns it to the agent there
 * (`recordReplyTakeover`: load charged, pending offer withdrawn, `conversation.assigned`).
 *
 * @example
 * await sendReply(deps, principal, { conversationId, text: 'Bonjour !', visibility: 'public' });
 */
export async function sendReply(deps: UseCaseDeps, principal: Principal, input: ReplyInput): Promise<ReplyResult> {
  requirePermission(principal, input.visibility === 'public' ? 'conversations:reply' : 'notes:write');
  if (input.visibility === 'whisper') requirePermission(principal, 'supervise');
  const text = input.text.trim();
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  if (text.length === 0 && attachmentIds.length === 0 && !input.template) throw new AppError('validation_failed', 'A reply needs text or an attachment');
  const scope = `reply:${input.conversationId}`;
  const requestHash = createHash('sha256')
    .update(JSON.stringify([input.text, input.visibility, attachmentIds, ...(input.template ? [input.template] : [])]))
    .digest('hex');

  return deps.store.transaction(async (tx) => {
    const workspaceId = principal.workspaceId;
    if (input.idempotencyKey) {
      const previous = await tx.idempotency.find(workspaceId, scope, input.idempotencyKey);
      if (previous) {
        if (previous.requestHash !== requestHash) throw new AppError('idempotency_conflict', 'This Idempotency-Key was used for a different reply');
        return previous.response as ReplyResult;
      }
    }
    const conversation = await tx.conversations.lock(workspaceId, input.conversationId);
    if (!conversation) throw new AppError('conversation_not_found', `Conversation ${input.conversationId} does not exist`);
    if (conversation.status === 'closed' && input.visibility === 'public') throw new AppError('invalid_state', 'A closed conversation cannot receive replies');
    const now = deps.clock.now();
    const isPublic = input.visibility === 'public';
    if (input.template && !isPublic) throw new AppError('validation_failed', 'Only a public reply can be a template');
    // Messaging windows (WhatsApp 24 h): the core decides, the adapter only translates.
    if (isPublic) await assertWindowAllows(deps, tx, conversation, { template: Boolean(input.template) });
    // Moderated channels (public reviews with requireApproval): the reply waits for a supervisor.
    const held = isPublic && (await needsApproval(tx, workspaceId, conversation.channelId));
    const blocks: ContentBlock[] = text.length > 0 ? [{ type: 'text', text }] : [];
    if (input.template)
      blocks.push({ type: 'template', name: input.template.name, language: input.template.language, variables: input.template.variables ?? [] });
    for (const id of attachmentIds) {
      const file = await tx.files.get(workspaceId, id);
      if (!file) throw new AppError('attachment_rejected', `Attachment ${id} does not exist`);
      blocks.push({ type: 'attachment', attachmentId: file.id, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes });
    }
    const message = await tx.conversations.appendMessage({
      id: newId(now.getTime()),
      workspaceId,
      conversationId: conversation.id,
      channelId: conversation.channelId,
      providerMessageId: null,
      direction: isPublic ? 'outbound' : 'internal',
      author: { kind: 'agent', id: principal.userId },
      visibility: input.visibility,
      content: { v: 1, blocks },
      text,
      deliveryStatus: held ? 'pending_approval' : isPublic ? 'pending' : 'not_applicable',
      createdAt: now,
    });
    await tx.files.attachToMessage(workspaceId, attachmentIds, message.id);
    // A person answering the customer takes over from the bot, which then stays quiet; notes and whispers do not.
    // Answering a conversation nobody holds yet (bot, or waiting/offered in a queue) makes it theirs in routing
    // too (load charged, no later offer to someone else); one another advisor holds stays theirs.
    if (isPublic) {
      const fromBot = await takeOverFromBot(deps, tx, conversation, { kind: 'user', id: principal.userId }, now);
      if (fromBot || conversation.handler.kind === 'queue') await recordReplyTakeover(deps, tx, conversation, principal.userId, fromBot ? 'bot' : 'queue', now);
    }
    if (held) {
      await tx.events.record({
        workspaceId,
        type: 'message.approval_requested',
        customerId: conversation.customerId,
        conversationId: conversation.id,
        messageId: message.id,
        payload: {},
        actor: actorOf(principal),
        occurredAt: now,
      });
    } else if (isPublic) {
      await tx.enqueue({
        queue: QUEUES.outboundDelivery,
        workspaceId,
        payload: { messageId: message.id },
        // Per-conversation FIFO: a retried delivery is never overtaken by a later reply.
        orderingKey: `conversation:${conversation.id}`,
        idempotencyKey: message.id,
        maxAttempts: 12,
      });
    } else {
      await tx.events.record({
        workspaceId,
        type: 'note.added',
        customerId: conversation.customerId,
        conversationId: conversation.id,
        messageId: message.id,
        payload: { visibility: input.visibility },
        actor: actorOf(principal),
        occurredAt: now,
      });
    }
    const result: ReplyResult = { messageId: message.id, conversationId: conversation.id, seq: message.seq, deliveryStatus: message.deliveryStatus };
    if (input.idempotencyKey) await tx.idempotency.save(workspaceId, scope, input.idempotencyKey, requestHash, result);
    tx.publishAfterCommit({
      name: 'message.created',
      workspaceId,
      payload: {
        conversationId: conversation.id,
        customerId: conversation.customerId,
        messageId: message.id,
        seq: message.seq,
        visibility: input.visibility,
        authorKind: 'agent',
        authorId: principal.userId,
        text,
        message: messageSnapshot(message),
      },
    });
    return result;
  });
}
