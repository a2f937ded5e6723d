import type { Job, JobOutcome } from '@parley/kernel';
import { conversationToken, type MessageContent } from '@parley/domain';
import type { OutboundRequestContext } from '@parley/channel-sdk';
import type { UseCaseDeps } from '../deps.js';
import { consentRefusal } from './consent-gate.js';
import { orderRecipientIdentities } from './recipient-order.js';

export interface DeliveryPayload {
  messageId: string;
}

/**
 * Sends one outbound message through its channel adapter and records the result on the
 * message and the timeline. The job id is the delivery id: stable across retries, so the
 * receiver can dedupe (at-least-once delivery).
 *
 * @example
 * worker.register(QUEUES.outboundDelivery, (job) => deliverOutbound(deps, job));
 */
export async function deliverOutbound(deps: UseCaseDeps, job: Job<DeliveryPayload>): Promise<JobOutcome> {
  const { store } = deps;
  const workspaceId = job.workspaceId;
  const message = await store.read.conversations.getMessage(workspaceId, job.payload.messageId);
  if (!message) return { kind: 'dead', error: `message ${job.payload.messageId} no longer exists` };
  // Notes and whispers never leave Parley, whatever asked for it.
  if (message.visibility !== 'public' || message.direction !== 'outbound') return { kind: 'dead', error: 'not a public outbound message' };
  if (message.deliveryStatus === 'sent' || message.deliveryStatus === 'delivered' || message.deliveryStatus === 'read') return { kind: 'done' };
  // A held or rejected reply (moderation) only leaves through an approval, which sets it back to pending.
  if (message.deliveryStatus === 'pending_approval' || message.deliveryStatus === 'rejected')
    return { kind: 'dead', error: `the reply is ${message.deliveryStatus}` };
  const conversation = await store.read.conversations.get(workspaceId, message.conversationId);
  const channel = conversation ? await store.read.channels.get(workspaceId, message.channelId) : null;
  if (!conversation || !channel) return { kind: 'dead', error: 'conversation or channel no longer exists' };
  const customer = await store.read.customers.get(workspaceId, conversation.customerId);
  const adapter = deps.channels.get(channel.type);
  const secrets = deps.secrets.open(await store.read.channels.getSecrets(workspaceId, channel.id));
  const authorName =
    message.author.kind === 'agent' && message.author.id ? ((await store.read.access.getUser(message.author.id))?.name ?? 'Agent') : message.author.kind;
  const externalId = customer?.identities.find((i) => i.kind === 'external_id' && i.scope === channel.id)?.value ?? null;

  // Consent is checked at send time: a STOP received after the reply was written still stops it.
  const refusal = adapter.manifest.consent ? await consentRefusal(deps, workspaceId, conversation.customerId, adapter.manifest.consent) : null;
  const result = refusal
    ? ({ ok: false, retryable: false, error: refusal } as const)
    : await adapter.send({
        channel: { id: channel.id, workspaceId, name: channel.name, config: channel.config },
        secrets,
        conversationId: conversation.id,
        customer: {
          id: conversation.customerId,
          externalId,
          identities: orderRecipientIdentities(customer?.identities ?? [], await store.read.recipients.get(workspaceId, conversation.id, channel.id)),
        },
        message: {
          id: message.id,
          content: withAttachmentUrls(deps, workspaceId, message.content),
          text: message.text,
          author: { kind: message.author.kind, name: authorName },
          seq: message.seq,
          createdAt: message.createdAt,
        },
        deliveryId: job.id,
        loadAttachment: async (attachmentId) => {
          // Only this message's own files: a block naming another file of the workspace gets nothing.
          if (!message.content.blocks.some((b) => b.type === 'attachment' && b.attachmentId === attachmentId)) return null;
          const file = await store.read.files.get(workspaceId, attachmentId);
          return file ? { fileName: file.fileName, contentType: file.contentType, data: file.data } : null;
        },
        ...(adapter.manifest.threaded ? { thread: await threadOf(deps, workspaceId, conversation.id, channel.id) } : {}),
      });

  const lastAttempt = job.attempt >= job.maxAttempts;
  const status = result.ok ? 'sent' : !result.retryable || lastAttempt ? 'failed' : 'pending';
  const error = result.ok ? null : result.error;
  await store.transaction(async (tx) => {
    const now = deps.clock.now();
    await tx.conversations.setDeliveryStatus(workspaceId, message.id, status, error, now);
    // Providers report delivered/read/failed later, naming their own id for the message.
    if (result.ok && result.providerMessageId) await tx.conversations.setProviderMessageId(workspaceId, message.id, result.providerMessageId);
    await tx.events.record({
      workspaceId,
      type: 'message.delivery_updated',
      customerId: conversation.customerId,
      conversationId: conversation.id,
      messageId: message.id,
      payload: {
        status,
        attempt: job.attempt,
        deliveryId: job.id,
        ...(error ? { error } : {}),
        ...(result.ok && result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}),
      },
      actor: { kind: 'system', id: null },
      occurredAt: now,
    });
    tx.publishAfterCommit({
      name: 'message.delivery_updated',
      workspaceId,
      payload: { conversationId: conversation.id, customerId: conversation.customerId, messageId: message.id, status, attempt: job.attempt },
    });
  });
  if (result.ok) return { kind: 'done' };
  return result.retryable ? { kind: 'retry', error: result.error } : { kind: 'dead', error: result.error };
}

/** Stored attachments travel as time-limited links; the bytes never go in the webhook body. */
function withAttachmentUrls(deps: UseCaseDeps, workspaceId: string, content: MessageContent): MessageContent {
  const sign = deps.attachmentUrl;
  if (!sign) return content;
  return {
    ...content,
    blocks: content.blocks.map((b) => (b.type === 'attachment' && b.attachmentId && !b.url ? { ...b, url: sign(workspaceId, b.attachmentId) } : b)),
  };
}

/** What a threaded channel (email) needs to answer in the thread: the ids to refer to and the subject token. */
async function threadOf(
  deps: UseCaseDeps,
  workspaceId: string,
  conversationId: string,
  channelId: string,
): Promise<NonNullable<OutboundRequestContext['thread']>> {
  const recent = await deps.store.read.conversations.recentWithProviderId(workspaceId, conversationId, channelId, THREAD_DEPTH);
  return {
    messages: recent.map((m) => ({ providerMessageId: m.providerMessageId ?? '', direction: m.direction, content: m.content })),
    conversationToken: conversationToken(conversationId),
  };
}

// References headers grow with the thread; the latest few are enough to thread in every client.
const THREAD_DEPTH = 20;
