import type { Job, JobOutcome } from '@parley/kernel';
import { checkAttachment, safeFileName, type ContentBlock, type Message, type TransactionScope } from '@parley/domain';
import { QUEUES, type UseCaseDeps } from '../deps.js';
import { messageSnapshot } from '../events/message-snapshot.js';

export interface FetchInboundMediaPayload {
  messageId: string;
}

type AttachmentBlock = Extract<ContentBlock, { type: 'attachment' }>;

/** Default of `PARLEY_ATTACHMENT_MAX_BYTES`, for deps built without the config (tests of other flows). */
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** 1 s, 2 s, 4 s… capped at 10 min by the queue: about 20 minutes of provider trouble before giving up. */
const MAX_ATTEMPTS = 10;

/** An attachment whose bytes are still at the provider, not given up on yet. */
function needsFetch(block: ContentBlock): block is AttachmentBlock {
  return (
    block.type === 'attachment' && !block.attachmentId && block.unavailable === undefined && (block.providerMediaId !== undefined || block.url !== undefined)
  );
}

/**
 * In the inbound message's transaction: when the channel can fetch the bytes of its attachments
 * (WhatsApp media ids, Messenger CDN URLs, Telegram file ids), enqueue the download job, so it
 * exists if and only if the message commits and never delays the webhook's answer.
 *
 * @example
 * await requestMediaFetchOnInbound(deps, tx, message);
 */
export async function requestMediaFetchOnInbound(deps: UseCaseDeps, tx: TransactionScope, message: Message): Promise<void> {
  if (!message.content.blocks.some(needsFetch)) return;
  const channel = await tx.channels.get(message.workspaceId, message.channelId);
  if (!channel || !deps.channels.types().includes(channel.type) || !deps.channels.get(channel.type).fetchMedia) return;
  await tx.enqueue({
    queue: QUEUES.inboundMediaFetch,
    workspaceId: message.workspaceId,
    payload: { messageId: message.id } satisfies FetchInboundMediaPayload,
    idempotencyKey: `media:${message.id}`,
    maxAttempts: MAX_ATTEMPTS,
  });
}

type Outcome = { kind: 'stored'; data: Buffer; contentType: string } | { kind: 'unavailable'; reason: string };

/**
 * Downloads the provider-held attachments of one inbound message through its channel adapter
 * (SSRF-guarded), checks them with the attachment policy (type on the bytes, size), stores them
 * like any attachment and rewrites the message's blocks to point at the stored files. A refused
 * file, or one still failing at the last attempt, gets an `unavailable` reason on its block:
 * the message itself is never lost. Files fetched on an attempt are kept even when another of
 * the message's files asks for a retry.
 *
 * @example
 * worker.register(QUEUES.inboundMediaFetch, (job) => fetchInboundMedia(deps, job));
 */
export async function fetchInboundMedia(deps: UseCaseDeps, job: Job<FetchInboundMediaPayload>): Promise<JobOutcome> {
  const workspaceId = job.workspaceId;
  const message = await deps.store.read.conversations.getMessage(workspaceId, job.payload.messageId);
  if (!message) return { kind: 'done' };
  const pending = message.content.blocks
    .map((block, index) => ({ block, index }))
    .filter((p): p is { block: AttachmentBlock; index: number } => needsFetch(p.block));
  if (pending.length === 0) return { kind: 'done' };

  const outcomes = new Map<number, Outcome>();
  let retryError: string | null = null;
  const channel = await deps.store.read.channels.get(workspaceId, message.channelId);
  const adapter = channel && deps.channels.types().includes(channel.type) ? deps.channels.get(channel.type) : null;
  if (!channel || !adapter?.fetchMedia) {
    for (const { index } of pending) outcomes.set(index, { kind: 'unavailable', reason: 'the channel can no longer fetch this file' });
  } else {
    const secrets = deps.secrets.open(await deps.store.read.channels.getSecrets(workspaceId, channel.id));
    const maxBytes = deps.attachmentMaxBytes ?? DEFAULT_MAX_BYTES;
    const lastAttempt = job.attempt >= job.maxAttempts;
    for (const { block, index } of pending) {
      const result = await adapter.fetchMedia({
        channel: { id: channel.id, workspaceId, config: channel.config },
        secrets,
        media: { providerMediaId: block.providerMediaId, url: block.url, fileName: block.fileName, contentType: block.contentType },
        maxBytes,
      });
      if (result.ok) outcomes.set(index, checked(result.data, result.contentType, block.contentType, maxBytes));
      else if (!result.retryable) outcomes.set(index, { kind: 'unavailable', reason: result.error });
      else if (lastAttempt) outcomes.set(index, { kind: 'unavailable', reason: `${result.error} (gave up after ${job.attempt} attempts)` });
      else retryError ??= result.error;
    }
  }

  if (outcomes.size > 0) await deps.store.transaction((tx) => applyOutcomes(tx, message, outcomes));
  return retryError ? { kind: 'retry', error: retryError } : { kind: 'done' };
}

/**
 * The policy check: the provider's declared type first, then the one the webhook announced (a
 * CDN may label an image `application/octet-stream`); the bytes must match either way.
 */
function checked(data: Buffer, providerType: string | null, blockType: string, maxBytes: number): Outcome {
  const first = checkAttachment(data, providerType ?? blockType, maxBytes);
  if (first.ok) return { kind: 'stored', data, contentType: first.contentType };
  if (providerType && providerType !== blockType) {
    const second = checkAttachment(data, blockType, maxBytes);
    if (second.ok) return { kind: 'stored', data, contentType: second.contentType };
  }
  return { kind: 'unavailable', reason: first.reason };
}

async function applyOutcomes(tx: TransactionScope, message: Message, outcomes: Map<number, Outcome>): Promise<void> {
  const { workspaceId } = message;
  // Re-read in the transaction: the blocks are rewritten from the stored copy, not the job's.
  const fresh = await tx.conversations.getMessage(workspaceId, message.id);
  if (!fresh) return;
  const blocks = [...fresh.content.blocks];
  const fileIds: string[] = [];
  const refused: Array<{ fileName: string; reason: string }> = [];
  for (const [index, outcome] of outcomes) {
    const block = blocks[index];
    if (!block || !needsFetch(block)) continue;
    if (outcome.kind === 'stored') {
      const file = await tx.files.put({ workspaceId, fileName: safeFileName(block.fileName), contentType: outcome.contentType, data: outcome.data });
      fileIds.push(file.id);
      blocks[index] = { ...block, attachmentId: file.id, contentType: outcome.contentType, sizeBytes: file.sizeBytes };
    } else {
      const reason = outcome.reason.slice(0, 500);
      refused.push({ fileName: block.fileName, reason });
      blocks[index] = { ...block, unavailable: reason };
    }
  }
  if (fileIds.length > 0) await tx.files.attachToMessage(workspaceId, fileIds, message.id);
  const updated: Message = { ...fresh, content: { ...fresh.content, blocks } };
  await tx.conversations.setMessageContent(workspaceId, message.id, updated.content);
  const customerId = fresh.author.kind === 'customer' ? fresh.author.id : null;
  // Audit only (no customer id: it stays off the timeline); the marker on the block is what agents see.
  await tx.events.record({
    workspaceId,
    type: 'message.media_fetched',
    conversationId: fresh.conversationId,
    messageId: fresh.id,
    payload: { stored: fileIds.length, ...(refused.length > 0 ? { unavailable: refused } : {}) },
    actor: { kind: 'system', id: null },
  });
  tx.publishAfterCommit({
    name: 'message.updated',
    workspaceId,
    payload: { conversationId: fresh.conversationId, customerId, messageId: fresh.id, message: messageSnapshot(updated) },
  });
}
