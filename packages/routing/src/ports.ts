import type {
  AgentProfile,
  AgentSettings,
  Assignment,
  AssignmentStatus,
  ChannelKind,
  ItemStatus,
  Presence,
  RoutingItem,
  RoutingQueue,
  RoutingSettings,
} from './model.js';

/**
 * What the routing engine needs from storage, inside one transaction. Two implementations pass
 * the same contract suite (`@parley/routing/testing`): the in-memory store and the PostgreSQL
 * repository in `@parley/storage-pg`. Every method takes the workspace id.
 *
 * The concurrency contract: `lockItem` serializes work on one conversation; `reserveSlot` takes
 * one unit of an advisor's capacity atomically (it re-checks presence and capacity under the
 * advisor's row lock) and fails instead of exceeding it; at most one assignment per
 * conversation is offered or active at any time.
 */
export interface RoutingRepository {
  saveQueue(queue: RoutingQueue): Promise<void>;
  getQueue(workspaceId: string, id: string): Promise<RoutingQueue | null>;
  listQueues(workspaceId: string): Promise<RoutingQueue[]>;
  /** Removes the queue; its waiting conversations keep a null queue (nothing routes them until re-queued). */
  deleteQueue(workspaceId: string, id: string): Promise<boolean>;

  /** Creates or updates an advisor's settings; presence and load are kept. New advisors start offline. */
  saveAgent(settings: AgentSettings, at: Date): Promise<AgentProfile>;
  getAgent(workspaceId: string, agentId: string): Promise<AgentProfile | null>;
  listAgents(workspaceId: string): Promise<AgentProfile[]>;
  /** Row lock on the advisor's capacity row until the end of the transaction. */
  lockAgent(workspaceId: string, agentId: string): Promise<AgentProfile | null>;
  setPresence(workspaceId: string, agentId: string, presence: Presence, reason: string | null, at: Date): Promise<AgentProfile | null>;
  /** Marks activity (auto-away counts idle time from here). */
  touchAgent(workspaceId: string, agentId: string, at: Date): Promise<void>;
  /**
   * Takes one slot of `kind` if the advisor has room (and is online unless `requireOnline` is
   * false), atomically. Returns the updated profile, or null when it would exceed capacity.
   * `overCapacity: true` charges the slot even past capacity (an advisor who took a conversation
   * over by replying: their load must count it); it still needs the advisor's profile.
   */
  reserveSlot(
    workspaceId: string,
    agentId: string,
    kind: ChannelKind,
    at: Date,
    options?: { requireOnline?: boolean; overCapacity?: boolean },
  ): Promise<AgentProfile | null>;
  /** Gives a slot back (never below zero). */
  releaseSlot(workspaceId: string, agentId: string, kind: ChannelKind): Promise<void>;

  saveItem(item: RoutingItem): Promise<void>;
  getItem(workspaceId: string, conversationId: string): Promise<RoutingItem | null>;
  /** Row lock on the conversation's routing row (waits for another holder). */
  lockItem(workspaceId: string, conversationId: string): Promise<RoutingItem | null>;
  /** Row lock without waiting: null when another transaction holds it (skip locked) or it does not exist. */
  tryLockItem(workspaceId: string, conversationId: string): Promise<RoutingItem | null>;
  /** Items by status (and queue, advisor, requested since), oldest request first. */
  listItems(
    workspaceId: string,
    filter: { statuses: ItemStatus[]; queueId?: string; agentId?: string; requestedSince?: Date; limit: number },
  ): Promise<RoutingItem[]>;

  createAssignment(assignment: Assignment): Promise<void>;
  updateAssignment(workspaceId: string, id: string, patch: { status: AssignmentStatus; acceptedAt?: Date; endedAt?: Date }): Promise<void>;
  /** The offered or active assignment of a conversation. */
  currentAssignment(workspaceId: string, conversationId: string): Promise<Assignment | null>;
  listAssignments(
    workspaceId: string,
    filter: { agentId?: string; conversationId?: string; statuses?: AssignmentStatus[]; limit: number },
  ): Promise<Assignment[]>;
  /** The advisor of the customer's most recent accepted assignment ("the last agent who helped"). */
  lastAgentForCustomer(workspaceId: string, customerId: string): Promise<string | null>;
  /** The first public advisor reply in the conversation at or after `since`. */
  firstAgentReplyAt(workspaceId: string, conversationId: string, since: Date): Promise<Date | null>;
  /** {@link firstAgentReplyAt} for many conversations at once (one query): conversation id → first reply, answered ones only. */
  firstAgentReplies(workspaceId: string, requests: ReadonlyArray<{ conversationId: string; since: Date }>): Promise<Map<string, Date>>;
  /** The latest public advisor reply in the conversation (the next-response timer starts after one). */
  lastAgentReplyAt(workspaceId: string, conversationId: string): Promise<Date | null>;

  /** The workspace's routing options (the defaults when none were saved). */
  getSettings(workspaceId: string): Promise<RoutingSettings>;
  saveSettings(settings: RoutingSettings): Promise<void>;
}

/**
 * A routing store: transactions over a {@link RoutingRepository}. The engine functions take
 * the repository, so production can also run them inside a wider domain transaction.
 *
 * @example
 * await store.transaction((repo) => dispatchConversation(repo, workspaceId, conversationId, now));
 */
export interface RoutingStore {
  read: RoutingRepository;
  transaction<T>(work: (repo: RoutingRepository) => Promise<T>): Promise<T>;
}
