import type { InboundEvent } from './channel-adapter.js';

/**
 * Optional directions a channel adds to an inbound message. The core stores the message as usual
 * (it is on the timeline) and then follows them.
 */
export interface InboundMessageHints {
  /** A keyword the channel handles itself (SMS HELP, STOP, START): no bot or advisor work. */
  skipRouting?: boolean;
  /** A reply the core sends at once, authored by the system, through the durable delivery job (SMS HELP). */
  autoReply?: string;
  /**
   * The customer answered with a number on a channel that shows menus as numbered lists: the core
   * maps it to that option of the conversation's last menu and adds its payload to the message.
   */
  menuChoice?: number;
}

/**
 * An inbound message with its hints. Adapters return it inside `ParseResult.events`; the webhook
 * route passes the hints on to the ingestor.
 *
 * @example
 * const event: InboundMessageEvent = { kind: 'message', ..., skipRouting: true, autoReply: 'Reply STOP to opt out.' };
 */
export type InboundMessageEvent = Extract<InboundEvent, { kind: 'message' }> & InboundMessageHints;

/** The hints carried by an inbound message event (none for adapters that set none). */
export function hintsOf(event: Extract<InboundEvent, { kind: 'message' }>): InboundMessageHints {
  const e = event as InboundMessageEvent;
  return {
    ...(e.skipRouting === true ? { skipRouting: true } : {}),
    ...(typeof e.autoReply === 'string' && e.autoReply.length > 0 ? { autoReply: e.autoReply } : {}),
    ...(typeof e.menuChoice === 'number' ? { menuChoice: e.menuChoice } : {}),
  };
}
