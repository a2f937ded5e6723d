import type { ChannelAdapter, InboundEvent } from './channel-adapter.js';

/** What a polling channel needs to fetch news from its provider. */
export interface PollContext {
  channel: { id: string; workspaceId: string; config: Record<string, unknown> };
  secrets: Record<string, string>;
}

export type PollResult = { ok: true; events: InboundEvent[] } | { ok: false; retryable: boolean; error: string };

/**
 * A channel whose provider has no webhooks (public reviews): a durable job calls `poll` every
 * `pollIntervalMs` and ingests what it returns; provider ids make a re-poll a no-op.
 *
 * @example
 * if (isPollingAdapter(adapter)) await adapter.poll({ channel, secrets });
 */
export interface PollingAdapter {
  poll(context: PollContext): Promise<PollResult>;
  /** How long to wait between two polls of this channel. */
  pollIntervalMs(config: Record<string, unknown>): number;
}

export function isPollingAdapter(adapter: ChannelAdapter): adapter is ChannelAdapter & PollingAdapter {
  const candidate = adapter as Partial<PollingAdapter>;
  return typeof candidate.poll === 'function' && typeof candidate.pollIntervalMs === 'function';
}
