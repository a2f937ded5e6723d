/**
 * A domain or live-update event carried on the bus. Events are named `aggregate.past_tense`
 * (`message.received`, `conversation.status_changed`). They are published after the
 * transaction that produced them commits, so a subscriber never sees uncommitted state.
 */
export interface BusEvent<P = unknown> {
  /** Unique id of this event (uuid), useful to dedupe across processes. */
  id: string;
  name: string;
  workspaceId: string;
  payload: P;
  /** ISO-8601 timestamp. */
  occurredAt: string;
}

export type BusHandler = (event: BusEvent) => void | Promise<void>;

/** Handle returned by `subscribe`; call `unsubscribe()` to stop receiving. */
export interface BusSubscription {
  unsubscribe(): Promise<void>;
}

/**
 * Publish/subscribe across the process (local driver) or across processes (Redis driver).
 * Delivery is at-most-once and best-effort: the bus carries live updates, never durable work
 * (durable side effects are jobs written in the domain transaction, see `Job`).
 *
 * @example
 * const sub = await bus.subscribe('message.*', (e) => io.to(e.workspaceId).emit(e.name, e.payload));
 * await bus.publish({ id, name: 'message.received', workspaceId, payload, occurredAt });
 */
export interface EventBus {
  /** `pattern` is an exact name, `*` for everything, or a prefix glob like `message.*`. */
  subscribe(pattern: string, handler: BusHandler): Promise<BusSubscription>;
  publish(event: BusEvent): Promise<void>;
  /** Round trip to the transport (readiness probe); a no-op for the in-process driver. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
