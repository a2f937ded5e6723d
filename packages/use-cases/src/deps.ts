import type { Clock, SealedSecret } from '@parley/kernel';
import type { Store } from '@parley/domain';
import type { ChannelRegistry } from '@parley/channel-sdk';
import type { RoutingRepository } from '@parley/routing';
import type { BotServices } from './bots/bot-deps.js';
import type { CustomerCardServices } from './customers/customer-cards.flow.js';

/** Seals and opens channel secrets (envelope encryption, implemented in the kernel's SecretBox). */
export interface SecretSealer {
  seal(value: Record<string, string>): SealedSecret;
  open(sealed: unknown): Record<string, string>;
}

/** Everything the flows need, injected from the composition root. */
export interface UseCaseDeps {
  store: Store;
  clock: Clock;
  channels: ChannelRegistry;
  secrets: SecretSealer;
  /** A time-limited URL a channel (or webhook receiver) can fetch an attachment from. */
  attachmentUrl?: (workspaceId: string, attachmentId: string) => string;
  /** PARLEY_ATTACHMENT_MAX_BYTES: the largest file stored (inbound media downloads); default 10 MiB. */
  attachmentMaxBytes?: number;
  /** The routing store bound to a scope of `store` (its transaction, or `store.read`); routing is off without it. */
  routing?: (scope: object) => RoutingRepository;
  /** PARLEY_AUTO_AWAY_SEC: an idle online advisor goes away after this many seconds; off when 0 or unset. */
  autoAwaySec?: number;
  /** POSTs to the workspace's external routing hook through the SSRF-guarded client; never throws. The routing hook is off without it. */
  routingHookHttp?: (request: {
    url: string;
    body: string;
    headers: Record<string, string>;
    timeoutMs: number;
  }) => Promise<{ ok: true; status: number; bodyText: string } | { ok: false; error: string }>;
  /** The virtual agent (bot storage, its HTTP actions, knowledge answers); channels' bots are ignored without it. */
  bots?: BotServices;
  /**
   * PARLEY_BOT_RATE_LIMIT and PARLEY_BOT_RATE_WINDOW_SEC: customer messages a bot answers per
   * conversation in a sliding window; unlimited when unset or `turns` is 0.
   */
  botRateLimit?: { turns: number; windowSec: number };
  /** Customer 360° connectors to the brand's systems; no cards without it. */
  customerCards?: CustomerCardServices;
}

/** Durable job queues the flows enqueue to. */
export const QUEUES = {
  outboundDelivery: 'outbound.deliver',
  /** Route a conversation to an advisor (enqueued with the inbound message that needs one). */
  routeConversation: 'conversation.route',
  /** An offer's accept deadline (delayed job). */
  routingOfferExpiry: 'routing.offer_expire',
  /** A first- or next-response SLA timer (delayed job). */
  routingSlaCheck: 'routing.sla_check',
  /** An advisor got capacity back or came online: give them waiting conversations. */
  routingDispatchAgent: 'routing.dispatch_agent',
  /** A conversation was resolved or closed: free its advisor's slot. */
  routingRelease: 'routing.release',
  /** Puts an idle online advisor to away (delayed job, one chain per advisor). */
  routingAutoAway: 'routing.auto_away',
  /** Download the bytes of an inbound message's provider-held attachments (WhatsApp, Messenger, Telegram). */
  inboundMediaFetch: 'inbound.fetch_media',
  /** Import from a polling channel (public reviews); each run schedules the next. */
  reviewsImport: 'reviews.import',
} as const;
