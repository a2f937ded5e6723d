import { AppError, newId } from '@parley/kernel';
import { actorOf, requirePermission, type Channel, type Principal } from '@parley/domain';
import { isPollingAdapter } from '@parley/channel-sdk';
import type { UseCaseDeps } from '../deps.js';
import { firstImportJob } from '../reviews/import-reviews.job.js';

export interface CreateChannelInput {
  type: string;
  name: string;
  config: unknown;
  botId?: string | null | undefined;
}

/**
 * Creates a channel of any registered type: the adapter validates the config and makes the
 * secrets, which are sealed before they reach storage. The signing secret is returned once.
 *
 * @example
 * const { channel, secret } = await createChannel(deps, principal, { type: 'api', name: 'Site', config: { webhookUrl } });
 */
export async function createChannel(deps: UseCaseDeps, principal: Principal, input: CreateChannelInput): Promise<{ channel: Channel; secret: string | null }> {
  requirePermission(principal, 'channels:manage');
  const adapter = deps.channels.get(input.type);
  const parsed = await adapter.parseConfig(input.config ?? {});
  if (!parsed.ok) throw new AppError('invalid_channel_config', parsed.message, parsed.details);
  // Credentials typed in the config (an access token, an app secret) are sealed with the generated ones.
  const secrets = { ...adapter.createSecrets(), ...(parsed.secrets ?? {}) };
  const sealed = deps.secrets.seal(secrets);
  return deps.store.transaction(async (tx) => {
    const channel = await tx.channels.create({
      id: newId(),
      workspaceId: principal.workspaceId,
      type: input.type,
      name: input.name,
      config: parsed.config,
      sealedSecrets: sealed,
      botId: input.botId ?? null,
    });
    // A channel without webhooks (public reviews) is polled: the first import runs once the channel exists.
    if (isPollingAdapter(adapter)) await tx.enqueue(firstImportJob(principal.workspaceId, channel.id));
    await tx.events.record({ workspaceId: principal.workspaceId, type: 'channel.created', payload: { channelId: channel.id, type: channel.type }, actor: actorOf(principal) });
    // The one secret the integrator needs, shown once: a webhook signing secret, or a web chat identity secret.
    return { channel, secret: secrets.signingSecret ?? secrets.identitySecret ?? null };
  });
}
