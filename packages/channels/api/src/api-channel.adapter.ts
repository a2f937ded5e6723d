import { randomToken, signBody, verifySignature } from '@parley/kernel';
import type { ContentBlock, IdentityClaim, MessageContent } from '@parley/domain';
import type { ChannelAdapter, ConfigResult, OutboundRequestContext, ParseResult, RawInboundRequest, SendResult } from '@parley/channel-sdk';
import { assertOutboundUrlAllowed, type OutboundHttp } from '@parley/http-outbound';
import { API_MAX_TEXT, apiChannelConfigSchema, apiInboundBodySchema } from './api-inbound-schema.js';

export const SIGNATURE_HEADER = 'x-parley-signature';
export const DELIVERY_HEADER = 'x-parley-delivery';

export interface ApiChannelDeps {
  http: OutboundHttp;
  allowHosts: readonly string[];
}

/**
 * The generic API channel: an integrator posts signed JSON messages and receives replies as
 * signed webhooks (`message.created`) with a delivery id that stays the same across retries.
 *
 * @example
 * registry.register(createApiChannelAdapter({ http: createOutboundHttp(), allowHosts: [] }));
 */
export function createApiChannelAdapter(deps: ApiChannelDeps): ChannelAdapter {
  return {
    manifest: {
      type: 'api',
      displayName: 'API',
      richMessages: true,
      attachments: true,
      templates: false,
      messageWindowHours: null,
      maxTextLength: API_MAX_TEXT,
      // Integrators validate against the inbound contract's limit; a part of a message would be a different message.
      textOverflow: 'reject',
    },

    async parseConfig(config: unknown): Promise<ConfigResult> {
      const parsed = apiChannelConfigSchema.safeParse(config);
      if (!parsed.success) return { ok: false, message: 'config.webhookUrl must be an http(s) URL', details: parsed.error.issues };
      await assertOutboundUrlAllowed(parsed.data.webhookUrl, deps.allowHosts);
      return { ok: true, config: parsed.data };
    },

    createSecrets: () => ({ signingSecret: randomToken(32) }),

    verify(request: RawInboundRequest, secrets: Record<string, string>): boolean {
      const header = request.headers[SIGNATURE_HEADER];
      const secret = secrets.signingSecret;
      if (!secret || typeof header !== 'string') return false;
      return verifySignature(secret, request.rawBody, header);
    },

    parseInbound(request: RawInboundRequest, channel: { id: string }): ParseResult {
      let json: unknown;
      try {
        json = JSON.parse(request.rawBody.toString('utf8'));
      } catch {
        return { ok: false, code: 'validation_failed', message: 'The body is not valid JSON' };
      }
      const parsed = apiInboundBodySchema.safeParse(json);
      if (!parsed.success)
        return { ok: false, code: 'validation_failed', message: 'The inbound body does not match the API channel contract', details: parsed.error.issues };
      const { customer, message } = parsed.data;
      // The request is signed with the channel's secret, so the channel vouches for the external id.
      const identities: IdentityClaim[] = [{ kind: 'external_id', raw: customer.externalId, scope: channel.id, verified: true, provenance: 'channel' }];
      if (customer.email) identities.push({ kind: 'email', raw: customer.email, scope: '', verified: false, provenance: 'api' });
      if (customer.phone) identities.push({ kind: 'phone', raw: customer.phone, scope: '', verified: false, provenance: 'api' });
      const blocks: ContentBlock[] = [];
      if (message.text !== undefined && message.text.length > 0) blocks.push({ type: 'text', text: message.text });
      if (message.payload !== undefined) blocks.push({ type: 'payload', payload: message.payload });
      for (const a of message.attachments ?? [])
        blocks.push({
          type: 'attachment',
          url: a.url,
          fileName: a.fileName,
          contentType: a.contentType,
          ...(a.sizeBytes !== undefined ? { sizeBytes: a.sizeBytes } : {}),
        });
      const content: MessageContent = { v: 1, blocks };
      const sentAt = message.timestamp === undefined ? null : new Date(message.timestamp);
      return {
        ok: true,
        events: [{ kind: 'message', providerMessageId: message.id, identities, displayName: customer.name ?? null, content, text: message.text ?? '', sentAt }],
      };
    },

    async send(context: OutboundRequestContext): Promise<SendResult> {
      const webhookUrl = context.channel.config.webhookUrl;
      const secret = context.secrets.signingSecret;
      if (typeof webhookUrl !== 'string' || !secret) return { ok: false, retryable: false, error: 'The channel has no webhookUrl or signing secret' };
      if (context.message.text.length > API_MAX_TEXT)
        return {
          ok: false,
          retryable: false,
          error: `The text is ${context.message.text.length} characters long; the API channel carries at most ${API_MAX_TEXT}`,
        };
      const body = JSON.stringify({
        event: 'message.created',
        conversationId: context.conversationId,
        customer: { externalId: context.customer.externalId },
        message: { id: context.message.id, text: context.message.text, content: context.message.content, author: context.message.author },
      });
      const response = await deps.http.request({
        method: 'POST',
        url: webhookUrl,
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(secret, body), [DELIVERY_HEADER]: context.deliveryId },
        body,
      });
      if (!response.ok) return { ok: false, retryable: response.error !== 'blocked', error: `${response.error}: ${response.message}` };
      if (response.status >= 200 && response.status < 300) return { ok: true, providerMessageId: null };
      // Receivers signal trouble with any non-2xx; the contract is "retry until 2xx" (then dead-letter).
      return { ok: false, retryable: true, error: `webhook answered HTTP ${response.status}` };
    },
  };
}
