import type { Logger } from 'pino';
import type { BusEvent, EventBus, BusSubscription } from '@parley/kernel';
import type { MessageSnapshot } from '@parley/use-cases';
import type { AgentMessageEvent, AgentRoutingEventName, Presence, WidgetMessage } from '@parley/realtime-protocol';
import { rooms, type AgentNamespace, type WidgetNamespace } from './realtime-types.js';
import { toWidgetMessage } from './widget-messages.js';
import { WEBCHAT_DELIVERED } from './webchat-gateway.js';

interface FanOutDeps {
  bus: EventBus;
  widgets: WidgetNamespace;
  agents: AgentNamespace;
  signUrl: (workspaceId: string, attachmentId: string) => string;
  logger: Logger;
}

type Payload = Record<string, unknown>;

const ROUTING_EVENTS: AgentRoutingEventName[] = [
  'conversation.queued',
  'conversation.offered',
  'conversation.assigned',
  'conversation.handler_changed',
  'conversation.transferred',
  'conversation.offer_withdrawn',
  'conversation.sla_breached',
  'conversation.overflowed',
  'conversation.after_hours',
];

function agentMessage(payload: Payload): AgentMessageEvent | null {
  const m = payload.message as MessageSnapshot | undefined;
  if (!m) return null;
  const { providerMessageId: _provider, ...message } = m;
  return { conversationId: String(payload.conversationId), customerId: String(payload.customerId), message };
}

/**
 * Bus → sockets. Every process subscribes to the bus and emits to its LOCAL sockets only
 * (`namespace.local`), so an event reaches each client exactly once whether or not the Redis
 * adapter is on. The widget side only ever receives public messages: customer messages, and
 * replies handed over by the delivery job (`webchat.delivered`); notes and whispers are
 * `message.created` events, which go to agents only.
 */
export async function startFanOut(deps: FanOutDeps): Promise<BusSubscription> {
  const { widgets, agents } = deps;
  const toAgents = (workspaceId: string) => agents.local.to(rooms.workspace(workspaceId));
  const toConversation = (conversationId: string) => widgets.local.to(rooms.conversation(conversationId));
  // A visitor's sockets (every tab) follow the conversations of their customer.
  const joinVisitor = (customerId: string, conversationId: string) =>
    widgets.local.in(rooms.visitor(customerId)).socketsJoin(rooms.conversation(conversationId));

  const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
  // Routing decisions: the queue panel and the conversation header refresh on these.
  const routingToAgents = (event: BusEvent, p: Payload, name: AgentRoutingEventName) => {
    const conversationId = String(p.conversationId);
    const explanation = p.explanation as { en?: unknown; fr?: unknown } | undefined;
    toAgents(event.workspaceId).emit('routing', {
      name,
      conversationId,
      customerId: str(p.customerId),
      agentId: str(p.agentId) ?? str(p.toAgentId),
      queueId: str(p.queueId) ?? str(p.toQueueId),
      explanation: explanation && typeof explanation.en === 'string' && typeof explanation.fr === 'string' ? { en: explanation.en, fr: explanation.fr } : null,
      note: str(p.note),
      expiresAt: str(p.expiresAt),
    });
    if (name === 'conversation.handler_changed')
      toAgents(event.workspaceId).emit('conversation:updated', { conversationId, customerId: String(p.customerId ?? ''), change: 'handler' });
  };

  const handlers: Record<string, (event: BusEvent, p: Payload) => void> = {
    'message.received': (event, p) => {
      const agentEvent = agentMessage(p);
      if (agentEvent) toAgents(event.workspaceId).emit('message:created', agentEvent);
      const m = p.message as MessageSnapshot | undefined;
      if (!m || m.visibility !== 'public') return;
      joinVisitor(String(p.customerId), m.conversationId);
      toConversation(m.conversationId).emit(
        'message',
        toWidgetMessage(m, null, (id) => deps.signUrl(event.workspaceId, id)),
      );
    },
    // Content rewritten after the fact (inbound media fetched): agents replace the message by id.
    'message.updated': (event, p) => {
      const agentEvent = agentMessage(p);
      if (agentEvent) toAgents(event.workspaceId).emit('message:updated', agentEvent);
    },
    'message.created': (event, p) => {
      // Agents see everything, notes and whispers included; the widget gets public replies from the delivery job.
      const agentEvent = agentMessage(p);
      if (agentEvent) toAgents(event.workspaceId).emit('message:created', agentEvent);
    },
    [WEBCHAT_DELIVERED]: (event, p) => {
      const m = p.message as {
        id: string;
        seq?: number;
        content: MessageSnapshot['content'];
        text: string;
        author: { kind: string; name: string };
        createdAt: string;
      };
      const conversationId = String(p.conversationId);
      joinVisitor(String(p.customerId), conversationId);
      const message: WidgetMessage = toWidgetMessage(
        {
          id: m.id,
          conversationId,
          seq: m.seq ?? 0,
          author: { kind: m.author.kind as MessageSnapshot['author']['kind'], id: null },
          content: m.content,
          text: m.text,
          providerMessageId: null,
          deliveryStatus: 'sent',
          createdAt: m.createdAt,
        },
        m.author.name,
        (id) => deps.signUrl(event.workspaceId, id),
      );
      toConversation(conversationId).emit('message', message);
    },
    'message.delivery_updated': (event, p) => {
      toAgents(event.workspaceId).emit('message:status', {
        conversationId: String(p.conversationId),
        messageId: String(p.messageId),
        status: String(p.status),
      });
    },
    'conversation.status_changed': (event, p) => {
      const conversationId = String(p.conversationId);
      toAgents(event.workspaceId).emit('conversation:updated', { conversationId, customerId: String(p.customerId ?? ''), change: 'status' });
      toConversation(conversationId).emit('conversation:status', { conversationId, status: String(p.to) });
      if (p.to === 'resolved') toConversation(conversationId).emit('csat:request', { conversationId });
    },
    'conversation.read': (event, p) => {
      const conversationId = String(p.conversationId);
      const ids = Array.isArray(p.messageIds) ? p.messageIds.map(String) : [];
      if (p.by === 'customer') {
        for (const messageId of ids) toAgents(event.workspaceId).emit('message:status', { conversationId, messageId, status: 'read' });
      } else {
        toConversation(conversationId).emit('read', { conversationId, seq: Number(p.seq) });
        for (const messageId of ids) toConversation(conversationId).emit('message:status', { conversationId, messageId, status: 'read' });
      }
    },
    'csat.recorded': (event, p) => {
      toAgents(event.workspaceId).emit('csat:recorded', {
        conversationId: String(p.conversationId),
        customerId: String(p.customerId),
        welcome: String(p.welcome),
        waiting: String(p.waiting),
        answer: String(p.answer),
        comment: typeof p.comment === 'string' ? p.comment : null,
        handledBy: (p.handledBy as { kind: 'agent' | 'bot'; id: string | null } | null) ?? null,
      });
    },
    'webchat.typing': (event, p) => {
      toAgents(event.workspaceId).emit('typing', { conversationId: String(p.conversationId), isTyping: Boolean(p.isTyping) });
    },
    'agent.typing': (_event, p) => {
      const author = p.author as { kind: 'agent' | 'bot'; name: string | null };
      toConversation(String(p.conversationId)).emit('typing', { conversationId: String(p.conversationId), author, isTyping: Boolean(p.isTyping) });
    },
    'agent.presence_changed': (event, p) => {
      toAgents(event.workspaceId).emit('presence', {
        userId: String(p.userId),
        presence: p.presence as Presence,
        ...(p.reason !== undefined ? { reason: typeof p.reason === 'string' ? p.reason : null } : {}),
      });
    },
    ...Object.fromEntries(ROUTING_EVENTS.map((name) => [name, (event: BusEvent, p: Payload) => routingToAgents(event, p, name)])),
    'customer.context_updated': (event, p) => {
      toAgents(event.workspaceId).emit('customer:context', {
        customerId: String(p.customerId),
        context: (p.context ?? {}) as Record<string, string | number | boolean | null>,
      });
    },
    'customer.merged': (event, p) => {
      widgets.local.in(rooms.visitor(String(p.from))).socketsJoin(rooms.visitor(String(p.into)));
      toAgents(event.workspaceId).emit('customer:merged', { from: String(p.from), into: String(p.into) });
    },
  };

  return deps.bus.subscribe('*', (event) => {
    const handler = handlers[event.name];
    if (!handler) return;
    try {
      handler(event, (event.payload ?? {}) as Payload);
    } catch (err) {
      deps.logger.warn({ err, event: event.name }, 'live fan-out failed');
    }
  });
}
