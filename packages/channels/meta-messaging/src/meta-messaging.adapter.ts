import { randomToken } from '@parley/kernel';
import {
  downloadMedia,
  type ChannelAdapter,
  type ConfigResult,
  type OutboundRequestContext,
  type RawInboundRequest,
  type SendResult,
} from '@parley/channel-sdk';
import type { OutboundHttp } from '@parley/http-outbound';
import { checkApiBaseUrl, graphPost, graphUrl } from '@parley/meta-graph';
import { metaHandshake, verifyMetaSignature } from '@parley/meta-graph';
import { instagramConfigInputSchema, messengerConfigInputSchema, readMetaMessagingConfig } from './meta-config.js';
import { META_WEBHOOK_OBJECT, metaDispatchKeys, parseMetaWebhook } from './meta-webhook.js';
import { META_TEXT_MAX, toMetaMessages } from './meta-outbound.js';

export interface MetaMessagingDeps {
  http: OutboundHttp;
  /** PARLEY_OUTBOUND_ALLOW_HOSTS: the only hosts an `apiBaseUrl` may name. */
  allowHosts: readonly string[];
}

function messageIdOf(json: unknown): string | null {
  const id = (json as { message_id?: unknown } | null)?.message_id;
  return typeof id === 'string' ? id : null;
}

function createMetaAdapter(kind: 'messenger' | 'instagram', deps: MetaMessagingDeps): ChannelAdapter {
  const schema = kind === 'messenger' ? messengerConfigInputSchema : instagramConfigInputSchema;
  const identityKind = kind === 'messenger' ? 'messenger_psid' : 'instagram_id';
  return {
    manifest: {
      type: kind,
      displayName: kind === 'messenger' ? 'Messenger' : 'Instagram',
      richMessages: true,
      attachments: true,
      templates: false,
      // Meta's standard messaging window: a business answers within 24 hours of the customer's last message.
      messageWindowHours: 24,
      maxTextLength: META_TEXT_MAX[kind],
      textOverflow: 'split',
      // One Meta app posts Messenger and Instagram events to the same URL: both answer at /webhooks/messenger.
      appWebhook: { providers: ['messenger', 'instagram'], configKey: kind === 'messenger' ? 'pageId' : 'instagramAccountId' },
    },

    async parseConfig(input: unknown): Promise<ConfigResult> {
      const parsed = schema.safeParse(input);
      if (!parsed.success)
        return {
          ok: false,
          message: `Invalid ${kind} config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          details: parsed.error.issues,
        };
      const { accessToken, appSecret, verifyToken, ...config } = parsed.data;
      const problem = await checkApiBaseUrl(config.apiBaseUrl, deps.allowHosts);
      if (problem) return { ok: false, message: problem };
      return { ok: true, config, secrets: { accessToken, appSecret, verifyToken } };
    },

    createSecrets: () => ({ verifyToken: randomToken(24) }),

    verify: (request: RawInboundRequest, secrets) => verifyMetaSignature(request, secrets.appSecret),

    handshake: (query, secrets) => metaHandshake(query, secrets.verifyToken),

    dispatchKeys: (raw) => metaDispatchKeys(raw, META_WEBHOOK_OBJECT[kind]),

    // Attachments arrive as URLs on Meta's CDN (public, short-lived): fetch them while they last.
    async fetchMedia(request) {
      if (!request.media.url) return { ok: false, retryable: false, error: 'The attachment has no URL' };
      return downloadMedia(deps.http, request.media.url, {}, request.maxBytes, `${kind === 'messenger' ? 'Messenger' : 'Instagram'} attachment download`);
    },

    parseInbound(request, channel) {
      const config = readMetaMessagingConfig(kind, channel.config);
      return parseMetaWebhook(request.rawBody, { kind, accountId: config?.accountId ?? null });
    },

    async send(context: OutboundRequestContext): Promise<SendResult> {
      const config = readMetaMessagingConfig(kind, context.channel.config);
      const token = context.secrets.accessToken;
      if (!config || !token) return { ok: false, retryable: false, error: `The channel has no ${kind} account id or access token` };
      const recipient = context.customer.identities.find((i) => i.kind === identityKind && i.scope === config.accountId);
      if (!recipient) return { ok: false, retryable: false, error: `The customer has no ${kind} id for this account` };
      const messages = toMetaMessages(context.message.content, context.message.text, META_TEXT_MAX[kind]);
      if (messages.length === 0) return { ok: false, retryable: false, error: `Nothing ${kind} can carry in this message` };
      const url = graphUrl(config, 'me/messages');
      let providerMessageId: string | null = null;
      for (const message of messages) {
        const result = await graphPost(deps.http, url, token, { recipient: { id: recipient.value }, messaging_type: 'RESPONSE', message }, messageIdOf);
        if (!result.ok) return result;
        providerMessageId ??= result.providerMessageId;
      }
      return { ok: true, providerMessageId };
    },
  };
}

/**
 * Facebook Messenger: Graph webhooks (`object: "page"`, `entry[].messaging[]`) signed with
 * `X-Hub-Signature-256`, and replies through the Send API (`POST /{version}/me/messages`).
 *
 * @example
 * registry.register(createMessengerChannelAdapter({ http, allowHosts }));
 */
export function createMessengerChannelAdapter(deps: MetaMessagingDeps): ChannelAdapter {
  return createMetaAdapter('messenger', deps);
}

/**
 * Instagram messaging: the same Graph webhooks (`object: "instagram"`) and Send API as Messenger,
 * customers identified by their IGSID scoped to the Instagram account.
 *
 * @example
 * registry.register(createInstagramChannelAdapter({ http, allowHosts }));
 */
export function createInstagramChannelAdapter(deps: MetaMessagingDeps): ChannelAdapter {
  return createMetaAdapter('instagram', deps);
}
