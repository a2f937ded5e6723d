import type { Logger } from 'pino';
import type { Channel } from '@parley/domain';
import { parseEmail, readEmailConfig, type EmailEnvelope } from '@parley/channel-email';
import { recordEmailNotice, type InboundIngestor, type UseCaseDeps } from '@parley/use-cases';

/** What the SMTP listener and the IMAP poller share to store a mail. */
export interface EmailIngestContext {
  useCases: UseCaseDeps;
  ingestor: InboundIngestor;
  attachmentMaxBytes: number;
  logger: Logger;
}

export type EmailIngestOutcome =
  { kind: 'message'; duplicate: boolean; conversationId: string } | { kind: 'auto_reply' | 'bounce'; duplicate: boolean; conversationId: string | null };

/**
 * Parses one raw mail for one email channel and commits it: a customer message goes through the
 * batching ingestor (threaded by Message-ID, then the subject token, else a new conversation);
 * an auto-reply or a bounce is only recorded on the timeline. Resolves after the commit, so the
 * caller may then acknowledge (SMTP 250, IMAP \Seen). Replays are recognised by Message-ID.
 *
 * @example
 * await ingestEmail(ctx, channel, raw, { mailFrom, rcptTo });
 */
export async function ingestEmail(
  ctx: EmailIngestContext,
  channel: Channel,
  raw: Buffer,
  envelope: EmailEnvelope | 'return-path',
): Promise<EmailIngestOutcome> {
  const config = readEmailConfig(channel.config);
  if (!config) throw new Error(`channel ${channel.id} has no valid email config`);
  const email = await parseEmail(raw, {
    channelAddress: config.address,
    channelId: channel.id,
    envelope,
    maxAttachmentBytes: ctx.attachmentMaxBytes,
    authservId: config.inbound.authservId ?? null,
    senderVerification: config.inbound.senderVerification,
  });
  if (email.kind !== 'message') {
    const result = await recordEmailNotice(ctx.useCases, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      kind: email.kind,
      providerMessageId: email.providerMessageId,
      from: email.from?.address ?? null,
      subject: email.subject,
      excerpt: email.text.slice(0, 500),
      referencedIds: [...email.thread.providerMessageIds, ...(email.bounce?.originalMessageIds ?? [])],
      reason: email.bounce?.reason,
    });
    ctx.logger.info(
      { channelId: channel.id, kind: email.kind, messageId: email.providerMessageId, failed: result.failedProviderMessageIds.length },
      'automatic email recorded, not answered',
    );
    return { kind: email.kind, duplicate: result.duplicate, conversationId: result.conversationId };
  }
  const result = await ctx.ingestor.ingest({
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    providerMessageId: email.providerMessageId,
    identities: email.identities,
    displayName: email.displayName,
    content: email.content,
    text: email.text,
    thread: { providerMessageIds: email.thread.providerMessageIds, conversationToken: email.thread.conversationToken, newIfUnmatched: true },
    newAttachments: email.attachments,
  });
  return { kind: 'message', duplicate: result.duplicate, conversationId: result.conversationId };
}
