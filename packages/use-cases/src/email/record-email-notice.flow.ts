import type { UseCaseDeps } from '../deps.js';
import { recordDeliveryStatus } from '../inbound/record-delivery-status.flow.js';

/** An automatic email (out-of-office, vacation notice) or a bounce (delivery status notification). */
export interface EmailNoticeInput {
  workspaceId: string;
  channelId: string;
  kind: 'auto_reply' | 'bounce';
  /** The notice's own Message-ID: replays are recognised by it. */
  providerMessageId: string;
  from: string | null;
  subject: string;
  /** A short excerpt for the timeline. */
  excerpt: string;
  /** Message-IDs the notice refers to (In-Reply-To, References, the bounced message's id). */
  referencedIds: string[];
  /** Bounces: why delivery failed, as the reporting server put it. */
  reason?: string | undefined;
}

export interface EmailNoticeResult {
  duplicate: boolean;
  conversationId: string | null;
  /** Provider ids (Message-IDs) of the outbound messages this bounce marked as failed. */
  failedProviderMessageIds: string[];
}

const SCOPE = 'email-notice';

/**
 * Records an auto-reply or a bounce on the timeline of the conversation it refers to, and never
 * as a customer message: it starts no conversation, wakes no routing or bot, and nothing ever
 * answers it (answering an out-of-office is how mail loops start). A bounce of a message Parley
 * sent marks that message `failed` with the server's reason. Idempotent on the notice's
 * Message-ID.
 *
 * @example
 * await recordEmailNotice(deps, { workspaceId, channelId, kind: 'auto_reply', providerMessageId: '<x@y>', from, subject, excerpt, referencedIds });
 */
export async function recordEmailNotice(deps: UseCaseDeps, input: EmailNoticeInput): Promise<EmailNoticeResult> {
  const scope = `${SCOPE}:${input.channelId}`;
  const outcome = await deps.store.transaction(async (tx) => {
    if (await tx.idempotency.find(input.workspaceId, scope, input.providerMessageId)) return null;
    const matches = await tx.conversations.findByProviderMessageIds(input.workspaceId, input.channelId, input.referencedIds.slice(-50));
    const conversation = matches[0] ? await tx.conversations.get(input.workspaceId, matches[0].conversationId) : null;
    const now = deps.clock.now();
    const type = input.kind === 'bounce' ? 'email.bounce_received' : 'email.auto_reply_received';
    const payload = {
      channelId: input.channelId,
      providerMessageId: input.providerMessageId,
      from: input.from,
      subject: input.subject,
      excerpt: input.excerpt,
      ...(input.reason ? { reason: input.reason } : {}),
    };
    await tx.events.record({
      workspaceId: input.workspaceId,
      type,
      customerId: conversation?.customerId ?? null,
      conversationId: conversation?.id ?? null,
      payload,
      actor: { kind: 'system', id: null },
      occurredAt: now,
    });
    await tx.idempotency.save(input.workspaceId, scope, input.providerMessageId, type, { conversationId: conversation?.id ?? null });
    tx.publishAfterCommit({ name: type, workspaceId: input.workspaceId, payload: { ...payload, conversationId: conversation?.id ?? null } });
    return { conversationId: conversation?.id ?? null };
  });
  if (!outcome) return { duplicate: true, conversationId: null, failedProviderMessageIds: [] };
  const failedProviderMessageIds: string[] = [];
  if (input.kind === 'bounce') {
    for (const id of new Set(input.referencedIds)) {
      const result = await recordDeliveryStatus(deps, {
        workspaceId: input.workspaceId,
        channelId: input.channelId,
        providerMessageId: id,
        status: 'failed',
        error: input.reason ?? 'bounced (no reason given by the reporting server)',
      });
      if (result === 'updated') failedProviderMessageIds.push(id);
    }
  }
  return { duplicate: false, conversationId: outcome.conversationId, failedProviderMessageIds };
}
