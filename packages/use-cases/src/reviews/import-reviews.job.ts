import type { Job, JobOutcome } from '@parley/kernel';
import { isPollingAdapter } from '@parley/channel-sdk';
import { QUEUES, type UseCaseDeps } from '../deps.js';
import { receiveInboundMessage } from '../inbound/receive-inbound-message.flow.js';

export interface ReviewsImportPayload {
  channelId: string;
}

/**
 * The first import job of a polling channel (public reviews), written in the transaction that
 * creates the channel; every run schedules the next one.
 *
 * @example
 * await tx.enqueue(firstImportJob(workspaceId, channel.id));
 */
export function firstImportJob(workspaceId: string, channelId: string) {
  return {
    queue: QUEUES.reviewsImport,
    workspaceId,
    payload: { channelId } satisfies ReviewsImportPayload,
    idempotencyKey: `${channelId}:first`,
    orderingKey: `poll:${channelId}`,
    maxAttempts: 3,
  };
}

/**
 * One import of a polling channel: asks the adapter for the provider's current items (reviews),
 * records each as an inbound message (the provider id makes an unchanged review a duplicate, an
 * edited one a new message), then schedules the next run after the channel's interval. The next
 * run is keyed on this job's id, so a retried run does not schedule two. A disabled or deleted
 * channel stops the chain.
 *
 * @example
 * worker.register(QUEUES.reviewsImport, (job) => importReviews(deps, job));
 */
export async function importReviews(deps: UseCaseDeps, job: Job<ReviewsImportPayload>): Promise<JobOutcome> {
  const { workspaceId } = job;
  const channel = await deps.store.read.channels.get(workspaceId, job.payload.channelId);
  if (!channel || !channel.enabled) return { kind: 'done' };
  const adapter = deps.channels.get(channel.type);
  if (!isPollingAdapter(adapter)) return { kind: 'dead', error: `${channel.type} channels are not polled` };
  const secrets = deps.secrets.open(await deps.store.read.channels.getSecrets(workspaceId, channel.id));

  const result = await adapter.poll({ channel: { id: channel.id, workspaceId, config: channel.config }, secrets });
  if (result.ok) {
    for (const event of result.events) {
      if (event.kind !== 'message') continue;
      await receiveInboundMessage(deps, {
        workspaceId,
        channelId: channel.id,
        providerMessageId: event.providerMessageId,
        identities: event.identities,
        displayName: event.displayName,
        content: event.content,
        text: event.text,
        ...(event.topic !== undefined ? { topic: event.topic } : {}),
      });
    }
  }
  // The chain goes on whatever this run found: a provider outage must not stop future imports.
  await deps.store.transaction(async (tx) => {
    await tx.enqueue({
      queue: QUEUES.reviewsImport,
      workspaceId,
      payload: { channelId: channel.id },
      idempotencyKey: `${channel.id}:after:${job.id}`,
      orderingKey: `poll:${channel.id}`,
      maxAttempts: 3,
      runAt: new Date(deps.clock.now().getTime() + adapter.pollIntervalMs(channel.config)),
    });
  });
  if (result.ok) return { kind: 'done' };
  return result.retryable ? { kind: 'retry', error: result.error } : { kind: 'dead', error: result.error };
}
