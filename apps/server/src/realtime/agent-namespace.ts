import type { Logger } from 'pino';
import { AppError } from '@parley/kernel';
import type { Principal } from '@parley/domain';
import { agentReadSchema, agentTypingSchema, presenceSchema } from '@parley/realtime-protocol';
import { markConversationRead, principalFromApiToken, principalFromSession, routingOf, setPresence } from '@parley/use-cases';
import { SESSION_COOKIE } from '../http/auth.js';
import type { ServerContext } from '../http/server-context.js';
import { handle } from './ack.js';
import { cookieFrom } from './cookies.js';
import { liveEvent } from './live-event.js';
import { rooms, type AgentNamespace, type AgentSocketData } from './realtime-types.js';

function refuse(code: string, message: string): Error & { data: { code: string } } {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * A browser may carry the session cookie to a WebSocket opened by another site's page; only
 * our own origin (or a configured CORS origin) may use the cookie. API tokens are not ambient, so they pass.
 */
function cookieOriginAllowed(ctx: ServerContext, origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  const allowed = new Set([new URL(ctx.publicUrl).origin, ...ctx.config.corsOrigins]);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  return allowed.has(origin);
}

/**
 * The `/agent` namespace: the agent app's live feed. Authenticated like the REST API (session
 * cookie from the handshake, or `auth.token`); each socket joins its workspace room.
 */
export function registerAgentNamespace(ns: AgentNamespace, ctx: ServerContext, logger: Logger, onPresence: (workspaceId: string) => void): void {
  const principals = new WeakMap<object, Principal>();

  ns.use((socket, next) => {
    void (async () => {
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      let principal: Principal | null = null;
      if (typeof auth?.token === 'string') {
        principal = await principalFromApiToken(ctx.store, ctx.clock, auth.token);
      } else {
        const token = cookieFrom(socket.handshake.headers.cookie, SESSION_COOKIE);
        if (token && !cookieOriginAllowed(ctx, socket.handshake.headers.origin, socket.handshake.headers.host))
          return next(refuse('forbidden', 'Cross-site connection refused'));
        const session = token ? await principalFromSession(ctx.store, ctx.clock, token) : null;
        if (session) {
          const { csrfToken: _csrf, ...rest } = session;
          principal = rest;
        }
      }
      if (!principal) return next(refuse('unauthenticated', 'Log in or send an API token'));
      if (!principal.permissions.has('conversations:read')) return next(refuse('forbidden', 'This account cannot read conversations'));
      const user = await ctx.store.read.access.getUser(principal.userId);
      const data: AgentSocketData = { workspaceId: principal.workspaceId, userId: principal.userId, name: user?.name ?? 'Agent', presence: 'offline' };
      socket.data = data;
      principals.set(socket, principal);
      next();
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'agent handshake failed');
      next(refuse('internal_error', 'Live updates are unavailable'));
    });
  });

  ns.on('connection', (socket) => {
    const principal = principals.get(socket);
    if (!principal) return socket.disconnect(true);
    const data = socket.data;
    const workspaceId = data.workspaceId;
    void socket.join(rooms.workspace(workspaceId));
    const publishPresence = (presence: AgentSocketData['presence']) =>
      ctx.bus
        .publish(liveEvent(ctx.clock, 'agent.presence_changed', workspaceId, { userId: data.userId, presence }))
        .catch((err: unknown) => logger.warn({ err }, 'presence publish failed'));

    // One source of truth: an agent with a routing profile has their presence in the routing
    // store (the use-case records and publishes `agent.presence_changed`); others keep the
    // socket-only presence, published as a live event.
    const hasRoutingProfile = async (): Promise<boolean> => {
      if (!ctx.useCases.routing || !principal.permissions.has('routing:work')) return false;
      return (await routingOf(ctx.useCases, ctx.store.read).getAgent(workspaceId, data.userId)) !== null;
    };
    const setRoutingPresence = async (presence: AgentSocketData['presence'], reason: string | null): Promise<boolean> => {
      if (!(await hasRoutingProfile())) return false;
      await setPresence(ctx.useCases, principal, data.userId, { presence, reason });
      return true;
    };

    socket.on(
      'presence:set',
      handle(logger, presenceSchema, async ({ presence, reason }) => {
        data.presence = presence;
        onPresence(workspaceId);
        const routed = await setRoutingPresence(presence, reason ?? null);
        if (!routed) await publishPresence(presence);
        onPresence(workspaceId);
        return { routing: routed };
      }),
    );

    socket.on(
      'typing',
      handle(logger, agentTypingSchema, async ({ conversationId, isTyping }) => {
        const conversation = await ctx.store.read.conversations.get(workspaceId, conversationId);
        if (!conversation) throw new AppError('conversation_not_found', `Conversation ${conversationId} does not exist`);
        await ctx.bus.publish(liveEvent(ctx.clock, 'agent.typing', workspaceId, { conversationId, isTyping, author: { kind: 'agent', name: data.name } }));
      }),
    );

    socket.on(
      'read',
      handle(logger, agentReadSchema, async ({ conversationId, seq }) => {
        await markConversationRead(ctx.useCases, workspaceId, { conversationId, seq, by: 'agent', allowedCustomerIds: null });
      }),
    );

    socket.on('disconnect', () => {
      if (data.presence === 'offline') return;
      onPresence(workspaceId);
      // Another tab of the same agent on this process keeps them present.
      const stillHere = [...ns.sockets.values()].some((s) => s.id !== socket.id && s.data.userId === data.userId && s.data.presence !== 'offline');
      if (!stillHere)
        void setRoutingPresence('offline', null)
          .then((routed) => {
            onPresence(workspaceId);
            return routed ? undefined : publishPresence('offline');
          })
          .catch((err: unknown) => logger.warn({ err }, 'routing presence on disconnect failed'));
    });
  });
}
