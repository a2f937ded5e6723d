import { randomToken } from '@parley/kernel';
import type { ChannelAdapter, ConfigResult, OutboundRequestContext, ParseResult, SendResult } from '@parley/channel-sdk';
import { webchatConfigSchema } from './webchat-config.js';

export const WEBCHAT_CHANNEL_TYPE = 'webchat';

/** One outbound message handed to the real-time layer for the visitor's open widgets. */
export interface WebchatDelivery {
  workspaceId: string;
  channelId: string;
  conversationId: string;
  customerId: string;
  message: OutboundRequestContext['message'];
  deliveryId: string;
}

/**
 * The real-time layer as the adapter sees it (implemented by the server's socket.io wiring).
 * `deliver` is fire-and-forget: a visitor who is offline finds the message in the history
 * when the widget reconnects, so a missed live push loses nothing.
 */
export interface WebchatGateway {
  deliver(delivery: WebchatDelivery): void;
}

/**
 * The web chat channel. Visitors write through the socket.io gateway, not through a signed
 * webhook, so `verify`/`parseInbound` refuse everything; replies go to the gateway.
 *
 * @example
 * registry.register(createWebchatChannelAdapter({ gateway }));
 */
export function createWebchatChannelAdapter(deps: { gateway: WebchatGateway }): ChannelAdapter {
  return {
    manifest: {
      type: WEBCHAT_CHANNEL_TYPE,
      displayName: 'Web chat',
      richMessages: true,
      attachments: true,
      templates: false,
      messageWindowHours: null,
      // The widget shows a message of any length, and the history holds it whole.
      maxTextLength: null,
    },

    async parseConfig(config: unknown): Promise<ConfigResult> {
      const parsed = webchatConfigSchema.safeParse(config ?? {});
      if (!parsed.success) return { ok: false, message: 'The web chat configuration is invalid', details: parsed.error.issues };
      return { ok: true, config: parsed.data };
    },

    // The identity secret signs `Parley.identify()` calls on the host site's server.
    createSecrets: () => ({ identitySecret: randomToken(32) }),

    verify: () => false,

    parseInbound(): ParseResult {
      return { ok: false, code: 'validation_failed', message: 'Web chat visitors write through the real-time connection, not through this webhook' };
    },

    async send(context: OutboundRequestContext): Promise<SendResult> {
      deps.gateway.deliver({
        workspaceId: context.channel.workspaceId,
        channelId: context.channel.id,
        conversationId: context.conversationId,
        customerId: context.customer.id,
        message: context.message,
        deliveryId: context.deliveryId,
      });
      return { ok: true, providerMessageId: null };
    },
  };
}
