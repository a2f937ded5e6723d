import type { Logger } from 'pino';
import type { Clock, EventBus } from '@parley/kernel';
import type { WebchatDelivery, WebchatGateway } from '@parley/channel-webchat';
import { liveEvent } from './live-event.js';

/** Bus event carrying a reply to the visitor's open widgets, on whichever process they are. */
export const WEBCHAT_DELIVERED = 'webchat.delivered';

/**
 * The web chat adapter's way out: the delivery job (on any process) publishes the reply on the
 * bus, and every process pushes it to its own widget sockets of that conversation. A visitor
 * who is offline loses nothing: the reply is in the history the next session loads.
 */
export function createWebchatGateway(bus: EventBus, clock: Clock, logger: Logger): WebchatGateway {
  return {
    deliver(delivery: WebchatDelivery) {
      const { message, ...rest } = delivery;
      const payload = { ...rest, message: { ...message, createdAt: (message.createdAt ?? clock.now()).toISOString() } };
      bus
        .publish(liveEvent(clock, WEBCHAT_DELIVERED, delivery.workspaceId, payload))
        .catch((err: unknown) => logger.warn({ err }, 'web chat live delivery failed'));
    },
  };
}
