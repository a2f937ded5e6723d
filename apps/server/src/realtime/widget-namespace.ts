import type { Logger } from 'pino';
import { AppError } from '@parley/kernel';
import type { Channel, ContentBlock } from '@parley/domain';
import { isOriginAllowed, readWebchatConfig, verifyIdentitySignature, WEBCHAT_CHANNEL_TYPE } from '@parley/channel-webchat';
import {
  contextSchema,
  csatSchema,
  identifySchema,
  messageSendSchema,
  prechatSchema,
  readSchema,
  typingSchema,
  widgetHandshakeSchema,
  type WidgetSession,
} from '@parley/realtime-protocol';
import {
  identifyVisitor,
  loadVisitorState,
  markConversationRead,
  openVisitorSession,
  recordCsat,
  setVisitorContext,
  visitorIdentity,
  visitorIdentitySummary,
} from '@parley/use-cases';
import type { ServerContext } from '../http/server-context.js';
import { signedAttachmentUrl } from '../http/routes/attachments.routes.js';
import { handle, keyedWindowLimiter } from './ack.js';
import { rooms, type WidgetNamespace, type WidgetSocketData } from './realtime-types.js';
import { toWidgetMessage, widgetProviderMessageId } from './widget-messages.js';
import { authorNames } from './author-names.js';
import { liveEvent } from './live-event.js';

/** The idempotency scope that ties an uploaded file to the visitor who uploaded it. */
export const uploadScope = (visitorHash: string) => `webchat-upload:${visitorHash}`;

/** Why a widget connection is refused (`connect_error` with `err.data.code`). */
function refuse(code: string, message: string): Error & { data: { code: string } } {
  return Object.assign(new Error(message), { data: { code } });
}

/** Loads a web chat channel that may accept visitors now. */
export async function webchatChannel(ctx: Pick<ServerContext, 'store'>, channelId: string): Promise<(Channel & { sealedSecrets: unknown }) | null> {
  const channel = await ctx.store.read.channels.getForInbound(channelId);
  return channel && channel.type === WEBCHAT_CHANNEL_TYPE && channel.enabled ? channel : null;
}

/** Messages a visitor may send per window, across all their sockets on this process. */
export const WIDGET_SEND_LIMIT = { max: 30, windowMs: 10_000 };

/**
 * The `/widget` namespace: one socket per open widget. The handshake names the channel and,
 * after the first visit, the visitor token; the middleware resolves (or creates) the visitor
 * before any event handler runs, so nothing the widget sends is handled half-authenticated.
 */
export function registerWidgetNamespace(ns: WidgetNamespace, ctx: ServerContext, logger: Logger): void {
  const sessions = new WeakMap<object, { channel: Channel & { sealedSecrets: unknown }; first: WidgetSession }>();
  // Per visitor, not per socket: more tabs or sockets give a visitor no more messages.
  const allowVisitorSend = keyedWindowLimiter(WIDGET_SEND_LIMIT.max, WIDGET_SEND_LIMIT.windowMs);
  const names = authorNames(ctx.store);
  const sign = (workspaceId: string) => (attachmentId: string) => signedAttachmentUrl(ctx, workspaceId, attachmentId);

  ns.use((socket, next) => {
    void (async () => {
      const handshake = widgetHandshakeSchema.safeParse(socket.handshake.auth);
      if (!handshake.success) return next(refuse('validation_failed', 'The handshake needs auth: { channelId, visitorToken?, locale? }'));
      const channel = await webchatChannel(ctx, handshake.data.channelId);
      if (!channel) return next(refuse('channel_not_found', 'No such web chat channel'));
      const origin = socket.handshake.headers.origin;
      if (!isOriginAllowed(readWebchatConfig(channel.config), origin)) return next(refuse('forbidden', 'This site may not use this chat'));
      const session = await openVisitorSession(ctx.useCases, channel, handshake.data.visitorToken);
      const data: WidgetSocketData = {
        workspaceId: channel.workspaceId,
        channelId: channel.id,
        visitorHash: session.visitorHash,
        customerId: session.customer.id,
        conversationId: session.conversation?.id ?? null,
      };
      socket.data = data;
      const messageNames = await names(session.messages.map((m) => m.author));
      sessions.set(socket, {
        channel,
        first: {
          visitorToken: session.visitorToken,
          customerId: session.customer.id,
          conversation: session.conversation ? { id: session.conversation.id, status: session.conversation.status } : null,
          messages: session.messages.map((m) => toWidgetMessage(m, messageNames(m.author), sign(channel.workspaceId))),
          identity: visitorIdentitySummary(session.customer, channel.id),
          csatPending: session.csatPending,
        },
      });
      next();
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'widget handshake failed');
      next(refuse('internal_error', 'The chat is unavailable'));
    });
  });

  ns.on('connection', (socket) => {
    const state = sessions.get(socket);
    if (!state) return socket.disconnect(true);
    const { channel } = state;
    const workspaceId = channel.workspaceId;
    const data = socket.data;
    const joinConversation = (conversationId: string | null) => {
      if (conversationId) void socket.join(rooms.conversation(conversationId));
    };
    void socket.join(rooms.visitor(data.customerId));
    joinConversation(data.conversationId);
    joinConversation(state.first.csatPending);
    socket.emit('session', state.first);

    /** The visitor's customer now (a signed identify in another tab may have merged it), and its story. */
    const currentStory = async () => {
      const resolved =
        (await ctx.store.read.customers.findByIdentity(workspaceId, { kind: 'webchat_visitor', scope: channel.id, value: data.visitorHash })) ??
        data.customerId;
      return { customerId: resolved, storyIds: await ctx.store.read.customers.storyIds(workspaceId, resolved) };
    };
    const followCustomer = (customerId: string) => {
      if (customerId === data.customerId) return;
      data.customerId = customerId;
      void socket.join(rooms.visitor(customerId));
    };

    const allowSend = () => allowVisitorSend(data.visitorHash);
    socket.on(
      'message:send',
      handle(logger, messageSendSchema, async (input) => {
        if (!allowSend()) throw new AppError('rate_limited', 'Too many messages; wait a few seconds');
        const blocks: ContentBlock[] = [];
        const text = input.text?.trim() ?? '';
        if (text.length > 0) blocks.push({ type: 'text', text });
        if (input.payload !== undefined) blocks.push({ type: 'payload', payload: input.payload });
        const attachmentIds = [...new Set(input.attachmentIds ?? [])];
        for (const id of attachmentIds) {
          // Only files this visitor uploaded: another file's id must not become a signed link.
          const owned = await ctx.store.read.idempotency.find(workspaceId, uploadScope(data.visitorHash), id);
          const file = owned ? await ctx.store.read.files.get(workspaceId, id) : null;
          if (!file) throw new AppError('attachment_rejected', `Attachment ${id} does not exist`);
          blocks.push({ type: 'attachment', attachmentId: file.id, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes });
        }
        const result = await ctx.ingestor.ingest({
          workspaceId,
          channelId: channel.id,
          // A resend of the same client id after a reconnect is the same message.
          providerMessageId: widgetProviderMessageId(data.visitorHash, input.clientMessageId),
          identities: [visitorIdentity(channel.id, data.visitorHash)],
          displayName: null,
          content: { v: 1, blocks },
          text,
          ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
        });
        ctx.metrics.inboundMessages.inc({ channel_type: WEBCHAT_CHANNEL_TYPE, outcome: result.duplicate ? 'duplicate' : 'stored' });
        if (result.customerId) followCustomer(result.customerId);
        data.conversationId = result.conversationId;
        joinConversation(result.conversationId);
        const message = result.message ?? (await ctx.store.read.conversations.getMessage(workspaceId, result.messageId));
        if (!message) throw new AppError('message_not_found', 'The message vanished');
        return { message: toWidgetMessage(message, null, sign(workspaceId)) };
      }),
    );

    socket.on(
      'typing',
      handle(logger, typingSchema, async ({ isTyping }) => {
        if (!data.conversationId) return;
        await ctx.bus.publish(
          liveEvent(ctx.clock, 'webchat.typing', workspaceId, { conversationId: data.conversationId, customerId: data.customerId, isTyping }),
        );
      }),
    );

    socket.on(
      'read',
      handle(logger, readSchema, async ({ seq }) => {
        if (!data.conversationId) return;
        const { storyIds } = await currentStory();
        await markConversationRead(ctx.useCases, workspaceId, { conversationId: data.conversationId, seq, by: 'customer', allowedCustomerIds: storyIds });
      }),
    );

    socket.on(
      'identify',
      handle(logger, identifySchema, async (input) => {
        const secrets = ctx.sealer.open(channel.sealedSecrets);
        const signed = verifyIdentitySignature(secrets.identitySecret, input.externalId, input.email ?? null, input.signature, input.phone ?? null);
        const { customerId } = await currentStory();
        const result = await identifyVisitor(ctx.useCases, channel, customerId, {
          externalId: input.externalId,
          email: input.email,
          phone: input.phone,
          name: input.name,
          signed,
          source: 'identify',
        });
        followCustomer(result.customerId);
        if (result.mergedInto) {
          // The story changed (another profile's conversation may now be the current one): send a fresh session.
          const state2 = await loadVisitorState(ctx.useCases, channel, result.customerId);
          data.conversationId = state2.conversation?.id ?? null;
          joinConversation(data.conversationId);
          const n = await names(state2.messages.map((m) => m.author));
          socket.emit('session', {
            visitorToken: state.first.visitorToken,
            customerId: state2.customer.id,
            conversation: state2.conversation ? { id: state2.conversation.id, status: state2.conversation.status } : null,
            messages: state2.messages.map((m) => toWidgetMessage(m, n(m.author), sign(workspaceId))),
            identity: visitorIdentitySummary(state2.customer, channel.id),
            csatPending: state2.csatPending,
          });
        }
        return { verified: result.verified };
      }),
    );

    socket.on(
      'context:set',
      handle(logger, contextSchema, async (context) => {
        const { customerId } = await currentStory();
        await setVisitorContext(ctx.useCases, workspaceId, customerId, context);
      }),
    );

    socket.on(
      'prechat:submit',
      handle(logger, prechatSchema, async (input) => {
        const config = readWebchatConfig(channel.config);
        if (config.prechat.requireEmail && !input.email) throw new AppError('validation_failed', 'email: required');
        const { customerId } = await currentStory();
        await identifyVisitor(ctx.useCases, channel, customerId, { email: input.email, name: input.name, signed: false, source: 'prechat' });
      }),
    );

    socket.on(
      'csat:submit',
      handle(logger, csatSchema, async (input) => {
        const { customerId, storyIds } = await currentStory();
        await recordCsat(ctx.useCases, channel, storyIds, customerId, input);
      }),
    );
  });
}
