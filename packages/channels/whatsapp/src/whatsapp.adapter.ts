import { randomToken } from '@parley/kernel';
import type { ChannelAdapter, ConfigResult, OutboundRequestContext, ParseResult, RawInboundRequest, SendResult } from '@parley/channel-sdk';
import type { OutboundHttp } from '@parley/http-outbound';
import { checkApiBaseUrl, graphPost, graphUrl } from '@parley/meta-graph';
import { metaHandshake, verifyMetaSignature } from '@parley/meta-graph';
import { readWhatsappConfig, whatsappConfigInputSchema } from './whatsapp-config.js';
import { parseWhatsappWebhook, whatsappDispatchKeys } from './whatsapp-webhook.js';
import { toWhatsappMessages, WHATSAPP_TEXT_MAX } from './whatsapp-outbound.js';
import { fetchWhatsappMedia } from './whatsapp-media.js';

export interface WhatsappChannelDeps {
  http: OutboundHttp;
  /** PARLEY_OUTBOUND_ALLOW_HOSTS: the only hosts an `apiBaseUrl` may name. */
  allowHosts: readonly string[];
}

function firstMessageId(json: unknown): string | null {
  const messages = (json as { messages?: Array<{ id?: unknown }> } | null)?.messages;
  const id = Array.isArray(messages) ? messages[0]?.id : undefined;
  return typeof id === 'string' ? id : null;
}

/**
 * WhatsApp Cloud API: signed webhooks (`X-Hub-Signature-256`, `hub.challenge` handshake) at
 * `/webhooks/whatsapp/{channelId}` or the app-level `/webhooks/whatsapp`, and sends through
 * `POST {apiBaseUrl}/{version}/{phoneNumberId}/messages`. The 24-hour customer-service window is
 * declared in the manifest; the core enforces it and only approved templates go outside it.
 *
 * @example
 * registry.register(createWhatsappChannelAdapter({ http, allowHosts: config.outboundAllowHosts }));
 */
export function createWhatsappChannelAdapter(deps: WhatsappChannelDeps): ChannelAdapter {
  return {
    manifest: {
      type: 'whatsapp',
      displayName: 'WhatsApp',
      richMessages: true,
      attachments: true,
      templates: true,
      messageWindowHours: 24,
      maxTextLength: WHATSAPP_TEXT_MAX,
      textOverflow: 'split',
      appWebhook: { providers: ['whatsapp'], configKey: 'phoneNumberId' },
    },

    async parseConfig(input: unknown): Promise<ConfigResult> {
      const parsed = whatsappConfigInputSchema.safeParse(input);
      if (!parsed.success)
        return {
          ok: false,
          message: `Invalid WhatsApp config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          details: parsed.error.issues,
        };
      const { accessToken, appSecret, verifyToken, ...config } = parsed.data;
      const problem = await checkApiBaseUrl(config.apiBaseUrl, deps.allowHosts);
      if (problem) return { ok: false, message: problem };
      return { ok: true, config, secrets: { accessToken, appSecret, verifyToken } };
    },

    // Everything secret is typed by the admin (Meta issues it); nothing to generate but a fallback verify token.
    createSecrets: () => ({ verifyToken: randomToken(24) }),

    verify: (request: RawInboundRequest, secrets) => verifyMetaSignature(request, secrets.appSecret),

    handshake: (query, secrets) => metaHandshake(query, secrets.verifyToken),

    dispatchKeys: whatsappDispatchKeys,

    parseInbound(request: RawInboundRequest, channel): ParseResult {
      const config = readWhatsappConfig(channel.config);
      return parseWhatsappWebhook(request.rawBody, config?.phoneNumberId ?? null);
    },

    async fetchMedia(request) {
      const config = readWhatsappConfig(request.channel.config);
      const token = request.secrets.accessToken;
      if (!config || !token) return { ok: false, retryable: false, error: 'The channel has no phoneNumberId or access token' };
      if (!request.media.providerMediaId) return { ok: false, retryable: false, error: 'The attachment has no WhatsApp media id' };
      return fetchWhatsappMedia(deps.http, config, token, request.media.providerMediaId, request.maxBytes);
    },

    async send(context: OutboundRequestContext): Promise<SendResult> {
      const config = readWhatsappConfig(context.channel.config);
      const token = context.secrets.accessToken;
      if (!config || !token) return { ok: false, retryable: false, error: 'The channel has no phoneNumberId or access token' };
      const recipient = context.customer.identities.find((i) => i.kind === 'whatsapp') ?? context.customer.identities.find((i) => i.kind === 'phone');
      if (!recipient) return { ok: false, retryable: false, error: 'The customer has no WhatsApp number' };
      const bodies = toWhatsappMessages(context.message.content, context.message.text);
      if (bodies.length === 0) return { ok: false, retryable: false, error: 'Nothing WhatsApp can carry in this message' };
      const url = graphUrl(config, `${encodeURIComponent(config.phoneNumberId)}/messages`);
      let providerMessageId: string | null = null;
      for (const body of bodies) {
        // biz_opaque_callback_data comes back in status webhooks: it carries the delivery id, stable across retries.
        const payload = {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: recipient.value.replace(/^\+/, ''),
          biz_opaque_callback_data: context.deliveryId,
          ...body,
        };
        const result = await graphPost(deps.http, url, token, payload, firstMessageId);
        if (!result.ok) return result;
        providerMessageId ??= result.providerMessageId;
      }
      return { ok: true, providerMessageId };
    },
  };
}
