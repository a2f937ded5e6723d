import type { ContentBlock, IdentityClaim, MessageContent } from '@parley/domain';

/** How an adapter handles a text over its manifest's `maxTextLength`. */
export type TextOverflow = 'split' | 'truncate' | 'reject';

/** What a channel can carry; the core degrades content to fit (e.g. buttons → numbered list). */
export interface ChannelManifest {
  type: string;
  displayName: string;
  richMessages: boolean;
  attachments: boolean;
  templates: boolean;
  /** Hours after the customer's last message during which free-form replies are allowed; null = always. */
  messageWindowHours: number | null;
  /** The longest text one provider message carries; null = no limit. */
  maxTextLength: number | null;
  /**
   * What `send` does with a text longer than `maxTextLength` (the contract test kit checks it):
   * `split` sends consecutive messages, each within the limit, losing nothing; `truncate` sends
   * the start; `reject` sends nothing and fails permanently with the reason. Required with a limit.
   */
  textOverflow?: TextOverflow;
  /**
   * Optional: the consent the delivery job checks before sending (SMS: purpose `sms` on the
   * customer's `phone`). A latest ledger record `revoked` fails the message with the reason.
   */
  consent?: { purpose: string; addressKind: string };
  /** Optional: the channel threads replies (email): the core then passes `thread` to `send`. */
  threaded?: boolean;
  /**
   * The provider's name in webhook URLs (`/webhooks/{provider}/{channelId}`) when it differs from
   * `type` (e.g. `twilio` for `twilio_sms`). Optional: defaults to `type`.
   */
  webhookProvider?: string;
  /**
   * App-level webhooks (one URL for many numbers or pages, as Meta apps send them): the provider
   * names served at `/webhooks/{provider}` and the public config key whose value identifies the
   * channel (e.g. `phoneNumberId`). The adapter's `dispatchKeys` reads the values from the body.
   */
  appWebhook?: { providers: string[]; configKey: string };
}

/** What a webhook route answers the provider (a handshake echo, an empty TwiML document). */
export interface WebhookReply {
  status: number;
  contentType: string;
  body: string;
}

/** A raw webhook request, as received: the raw body is what providers sign. */
export interface RawInboundRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  /** Full external URL of the request (some providers sign it). */
  url: string;
}

/** A normalized inbound event. */
export type InboundEvent =
  | {
      kind: 'message';
      providerMessageId: string;
      /** Identities the channel vouches for (verified) or merely carries (unverified). */
      identities: IdentityClaim[];
      displayName: string | null;
      content: MessageContent;
      text: string;
      sentAt: Date | null;
      topic?: string;
    }
  | { kind: 'delivery_status'; providerMessageId: string; status: 'sent' | 'delivered' | 'read' | 'failed'; error?: string }
  /** An opt-out or opt-in the customer sent through the channel (an SMS STOP keyword). */
  | { kind: 'consent'; identity: IdentityClaim; status: 'granted' | 'revoked'; purpose: string; keyword: string };

export type ParseResult = { ok: true; events: InboundEvent[] } | { ok: false; code: 'validation_failed'; message: string; details?: unknown };

/** What the core asks an adapter to send. The adapter never writes to storage. */
export interface OutboundRequestContext {
  channel: { id: string; workspaceId: string; name: string; config: Record<string, unknown> };
  secrets: Record<string, string>;
  conversationId: string;
  customer: { id: string; externalId: string | null; identities: Array<{ kind: string; scope: string; value: string }> };
  message: {
    id: string;
    content: MessageContent;
    text: string;
    author: { kind: string; name: string };
    /** Position in the conversation and creation time (real-time channels show them). */
    seq?: number;
    createdAt?: Date;
  };
  /** Stable across retries: receivers dedupe on it. */
  deliveryId: string;
  /**
   * The bytes of a stored attachment of this message (channels that carry files themselves, as
   * email MIME parts, instead of links); null when it no longer exists. The adapter still never
   * touches storage: the core reads it.
   */
  loadAttachment?: (attachmentId: string) => Promise<{ fileName: string; contentType: string; data: Buffer } | null>;
  /**
   * With `manifest.threaded`: the conversation's latest messages on this channel that carry a
   * provider id (an email's Message-ID), oldest first, and the conversation's subject token.
   */
  thread?: { messages: Array<{ providerMessageId: string; direction: string; content: MessageContent }>; conversationToken: string };
}

export type SendResult =
  | { ok: true; providerMessageId: string | null }
  /** `retryable` false means retrying cannot help (a 4xx from the provider, a bad config). */
  | { ok: false; retryable: boolean; error: string };

/** An inbound attachment whose bytes stay at the provider: what the adapter needs to fetch them. */
export interface MediaFetchRequest {
  channel: { id: string; workspaceId: string; config: Record<string, unknown> };
  secrets: Record<string, string>;
  /** The block as `parseInbound` produced it: a provider media id (WhatsApp, Telegram) or a URL (Messenger). */
  media: { providerMediaId?: string | undefined; url?: string | undefined; fileName: string; contentType: string };
  /** Larger files are refused without reading them whole (the attachment policy's limit). */
  maxBytes: number;
}

export type MediaFetchResult =
  | { ok: true; data: Buffer; contentType: string | null }
  /** `retryable` false: retrying cannot help (too large, gone at the provider, a bad config). */
  | { ok: false; retryable: boolean; error: string };

/**
 * `secrets`: credentials the admin typed in the config (an access token, an app secret); the core
 * seals them with the generated ones and keeps them out of the public config.
 */
export type ConfigResult = { ok: true; config: Record<string, unknown>; secrets?: Record<string, string> } | { ok: false; message: string; details?: unknown };

/**
 * One channel integration. Narrow and required: capabilities go in the manifest.
 *
 * @example
 * registry.register(createApiChannelAdapter({ http }));
 */
export interface ChannelAdapter {
  readonly manifest: ChannelManifest;
  /** Validates a channel's public config when it is created or changed. */
  parseConfig(config: unknown): Promise<ConfigResult>;
  /** Secrets generated for a new channel (signing secrets, verify tokens); sealed at rest by the core. */
  createSecrets(): Record<string, string>;
  /** Checks the provider's signature on the raw body. Constant-time. */
  verify(request: RawInboundRequest, secrets: Record<string, string>): boolean;
  parseInbound(request: RawInboundRequest, channel: { id: string; config: Record<string, unknown> }): ParseResult;
  send(context: OutboundRequestContext): Promise<SendResult>;
  /**
   * Optional: answers a provider's GET verification (Meta's `hub.challenge`). Returns null when
   * the request does not prove knowledge of the channel's verify token.
   */
  handshake?(query: Record<string, unknown>, secrets: Record<string, string>, config: Record<string, unknown>): WebhookReply | null;
  /**
   * Optional: what the provider expects once the webhook is stored (default: 200 JSON). It gets
   * the parsed events (Telegram answers a button press in the webhook's response).
   */
  acknowledge?(events?: readonly InboundEvent[]): WebhookReply;
  /**
   * Optional: downloads the bytes of an inbound attachment the provider keeps (through the
   * SSRF-guarded client). The core runs it in a durable job after the message is committed.
   */
  fetchMedia?(request: MediaFetchRequest): Promise<MediaFetchResult>;
  /** Optional, with `manifest.appWebhook`: the channel-identifying values an app-level webhook body carries. */
  dispatchKeys?(rawBody: Buffer): string[];
}

export type { ContentBlock };
