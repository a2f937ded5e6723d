import type { Logger } from 'pino';
import type { BusSubscription, EventBus } from '@parley/kernel';
import type { AssistAlertEvent, AssistAnalyzedEvent, AssistChecklistEvent } from '@parley/realtime-protocol';
import { rooms, type AgentNamespace } from './realtime-types.js';

/**
 * Assist bus events → the workspace's agent sockets on this process (supervisors are agents of
 * the workspace, so the wallboard hears them too). Never to widgets: moods and guidance are for
 * the team only.
 *
 * @example
 * const sub = await startAssistFanOut({ bus, agents, logger });
 */
export async function startAssistFanOut(deps: { bus: EventBus; agents: AgentNamespace; logger: Logger }): Promise<BusSubscription[]> {
  const to = (workspaceId: string) => deps.agents.local.to(rooms.workspace(workspaceId));
  const guard = (name: string, emit: () => void) => {
    try {
      emit();
    } catch (err) {
      deps.logger.warn({ err, event: name }, 'assist fan-out failed');
    }
  };
  return Promise.all([
    deps.bus.subscribe('message.analyzed', (event) =>
      guard(event.name, () => to(event.workspaceId).emit('assist:analyzed', event.payload as unknown as AssistAnalyzedEvent)),
    ),
    deps.bus.subscribe('assist.alert', (event) =>
      guard(event.name, () => to(event.workspaceId).emit('assist:alert', event.payload as unknown as AssistAlertEvent)),
    ),
    deps.bus.subscribe('assist.checklist_updated', (event) =>
      guard(event.name, () => to(event.workspaceId).emit('assist:checklist', event.payload as unknown as AssistChecklistEvent)),
    ),
  ]);
}
