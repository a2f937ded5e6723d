import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import type { BusSubscription } from '@parley/kernel';
import { AGENT_NAMESPACE, WIDGET_NAMESPACE } from '@parley/realtime-protocol';
import type { ServerContext } from '../http/server-context.js';
import { signedAttachmentUrl } from '../http/routes/attachments.routes.js';
import { registerAgentNamespace } from './agent-namespace.js';
import type { Availability } from './availability.js';
import { startFanOut } from './fan-out.js';
import { startAssistFanOut } from './assist-fan-out.js';
import type { AgentNamespace, WidgetNamespace } from './realtime-types.js';
import { createSocketServer } from './socket-server.js';
import { registerWidgetNamespace } from './widget-namespace.js';

export interface Realtime {
  agents: AgentNamespace;
  widgets: WidgetNamespace;
  close(): Promise<void>;
}

/**
 * Wires socket.io to the use-cases: the `/widget` and `/agent` namespaces, and the bus
 * fan-out that turns committed events into socket events on this process.
 */
export async function startRealtime(httpServer: HttpServer, ctx: ServerContext, availability: Availability, logger: Logger): Promise<Realtime> {
  const sockets = createSocketServer(httpServer, { redisUrl: ctx.config.redisUrl, logger });
  // The server is untyped (two namespaces, two protocols); each namespace gets its own event maps.
  const widgets = sockets.io.of(WIDGET_NAMESPACE) as unknown as WidgetNamespace;
  const agents = sockets.io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  registerWidgetNamespace(widgets, ctx, logger);
  registerAgentNamespace(agents, ctx, logger, (workspaceId) => availability.invalidate(workspaceId));
  let subscription: BusSubscription | null = await startFanOut({
    bus: ctx.bus,
    widgets,
    agents,
    logger,
    signUrl: (ws, id) => signedAttachmentUrl(ctx, ws, id),
  });
  const assistSubscriptions = await startAssistFanOut({ bus: ctx.bus, agents, logger });
  return {
    agents,
    widgets,
    async close() {
      for (const s of assistSubscriptions.splice(0)) await s.unsubscribe();
      await subscription?.unsubscribe();
      subscription = null;
      await sockets.close();
    },
  };
}
