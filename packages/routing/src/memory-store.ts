import { hasCapacity } from './eligibility.js';
import {
  defaultRoutingSettings,
  EMPTY_LOAD,
  type AgentProfile,
  type AgentSettings,
  type Assignment,
  type AssignmentStatus,
  type ChannelKind,
  type ItemStatus,
  type Presence,
  type RoutingItem,
  type RoutingQueue,
  type RoutingSettings,
} from './model.js';
import type { RoutingRepository, RoutingStore } from './ports.js';

interface Data {
  queues: Map<string, RoutingQueue>;
  agents: Map<string, AgentProfile>;
  items: Map<string, RoutingItem>;
  assignments: Map<string, Assignment>;
  replies: Map<string, Date[]>;
  settings: Map<string, RoutingSettings>;
}

const key = (workspaceId: string, id: string) => `${workspaceId}/${id}`;
// The records are plain data (objects, arrays, dates): copied by hand, which is several times
// faster than structuredClone on these small records (the simulator copies every advisor on every
// decision); anything else goes through structuredClone.
function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => copy(v)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // Plain objects only (checked above), so for…in sees exactly the own enumerable keys.
  for (const k in source) out[k] = copy(source[k]);
  return out as T;
}

type Journal = Array<() => void>;

class MemoryRoutingRepository implements RoutingRepository {
  constructor(
    private readonly data: () => Data,
    private readonly journal: Journal | null = null,
  ) {}

  /** Writes a copy and remembers how to undo it (a failed transaction rolls back). */
  private put<V>(map: Map<string, V>, k: string, value: V | undefined): void {
    const had = map.has(k);
    const previous = map.get(k);
    this.journal?.push(() => (had ? map.set(k, previous as V) : map.delete(k)));
    if (value === undefined) map.delete(k);
    else map.set(k, value);
  }

  async saveQueue(queue: RoutingQueue): Promise<void> {
    this.put(this.data().queues, key(queue.workspaceId, queue.id), copy(queue));
  }
  async getQueue(workspaceId: string, id: string): Promise<RoutingQueue | null> {
    const q = this.data().queues.get(key(workspaceId, id));
    return q ? copy(q) : null;
  }
  async listQueues(workspaceId: string): Promise<RoutingQueue[]> {
    return [...this.data().queues.values()]
      .filter((q) => q.workspaceId === workspaceId)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(copy);
  }
  async deleteQueue(workspaceId: string, id: string): Promise<boolean> {
    const data = this.data();
    for (const [k, item] of data.items) if (item.workspaceId === workspaceId && item.queueId === id) this.put(data.items, k, { ...item, queueId: null });
    const existed = data.queues.has(key(workspaceId, id));
    this.put(data.queues, key(workspaceId, id), undefined);
    return existed;
  }

  async saveAgent(settings: AgentSettings, at: Date): Promise<AgentProfile> {
    const data = this.data();
    const existing = data.agents.get(key(settings.workspaceId, settings.agentId));
    const { agentId, workspaceId, name, skills, languages, teamIds, capacity } = copy(settings);
    const own: AgentSettings = { agentId, workspaceId, name, skills, languages, teamIds, capacity };
    const profile: AgentProfile = existing
      ? { ...existing, ...own }
      : { ...own, presence: 'offline', presenceReason: null, load: { ...EMPTY_LOAD }, lastActivityAt: at, lastAssignedAt: null };
    this.put(data.agents, key(settings.workspaceId, settings.agentId), profile);
    return copy(profile);
  }
  async getAgent(workspaceId: string, agentId: string): Promise<AgentProfile | null> {
    const a = this.data().agents.get(key(workspaceId, agentId));
    return a ? copy(a) : null;
  }
  async listAgents(workspaceId: string): Promise<AgentProfile[]> {
    return [...this.data().agents.values()]
      .filter((a) => a.workspaceId === workspaceId)
      .sort((a, b) => a.agentId.localeCompare(b.agentId))
      .map(copy);
  }
  async lockAgent(workspaceId: string, agentId: string): Promise<AgentProfile | null> {
    // Transactions are serialized by the store: holding the store is holding every lock.
    return this.getAgent(workspaceId, agentId);
  }
  async setPresence(workspaceId: string, agentId: string, presence: Presence, reason: string | null, at: Date): Promise<AgentProfile | null> {
    const a = this.data().agents.get(key(workspaceId, agentId));
    if (!a) return null;
    const updated = { ...a, presence, presenceReason: reason, lastActivityAt: at };
    this.put(this.data().agents, key(workspaceId, agentId), updated);
    return copy(updated);
  }
  async touchAgent(workspaceId: string, agentId: string, at: Date): Promise<void> {
    const a = this.data().agents.get(key(workspaceId, agentId));
    if (a) this.put(this.data().agents, key(workspaceId, agentId), { ...a, lastActivityAt: at });
  }
  async reserveSlot(
    workspaceId: string,
    agentId: string,
    kind: ChannelKind,
    at: Date,
    options: { requireOnline?: boolean; overCapacity?: boolean } = {},
  ): Promise<AgentProfile | null> {
    const a = this.data().agents.get(key(workspaceId, agentId));
    if (!a || ((options.requireOnline ?? true) && a.presence !== 'online') || (!options.overCapacity && !hasCapacity(a, kind))) return null;
    const updated = { ...a, load: { ...a.load, [kind]: a.load[kind] + 1, total: a.load.total + 1 }, lastAssignedAt: at, lastActivityAt: at };
    this.put(this.data().agents, key(workspaceId, agentId), updated);
    return copy(updated);
  }
  async releaseSlot(workspaceId: string, agentId: string, kind: ChannelKind): Promise<void> {
    const a = this.data().agents.get(key(workspaceId, agentId));
    if (a)
      this.put(this.data().agents, key(workspaceId, agentId), {
        ...a,
        load: { ...a.load, [kind]: Math.max(0, a.load[kind] - 1), total: Math.max(0, a.load.total - 1) },
      });
  }

  async saveItem(item: RoutingItem): Promise<void> {
    this.put(this.data().items, key(item.workspaceId, item.conversationId), copy(item));
  }
  async getItem(workspaceId: string, conversationId: string): Promise<RoutingItem | null> {
    const i = this.data().items.get(key(workspaceId, conversationId));
    return i ? copy(i) : null;
  }
  async lockItem(workspaceId: string, conversationId: string): Promise<RoutingItem | null> {
    return this.getItem(workspaceId, conversationId);
  }
  async tryLockItem(workspaceId: string, conversationId: string): Promise<RoutingItem | null> {
    return this.getItem(workspaceId, conversationId);
  }
  async listItems(
    workspaceId: string,
    filter: { statuses: ItemStatus[]; queueId?: string; agentId?: string; requestedSince?: Date; limit: number },
  ): Promise<RoutingItem[]> {
    return [...this.data().items.values()]
      .filter(
        (i) =>
          i.workspaceId === workspaceId &&
          filter.statuses.includes(i.status) &&
          (!filter.queueId || i.queueId === filter.queueId) &&
          (!filter.agentId || i.agentId === filter.agentId) &&
          (!filter.requestedSince || i.requestedAt >= filter.requestedSince),
      )
      .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.conversationId.localeCompare(b.conversationId))
      .slice(0, filter.limit)
      .map(copy);
  }

  async createAssignment(assignment: Assignment): Promise<void> {
    const data = this.data();
    // The same guarantee as the partial unique index of the SQL store.
    for (const a of data.assignments.values()) {
      if (a.conversationId === assignment.conversationId && (a.status === 'offered' || a.status === 'active'))
        throw new Error(`conversation ${assignment.conversationId} already has an open assignment`);
    }
    this.put(data.assignments, assignment.id, copy(assignment));
  }
  async updateAssignment(workspaceId: string, id: string, patch: { status: AssignmentStatus; acceptedAt?: Date; endedAt?: Date }): Promise<void> {
    const a = this.data().assignments.get(id);
    if (a && a.workspaceId === workspaceId) this.put(this.data().assignments, id, { ...a, ...patch });
  }
  async currentAssignment(workspaceId: string, conversationId: string): Promise<Assignment | null> {
    for (const a of this.data().assignments.values()) {
      if (a.workspaceId === workspaceId && a.conversationId === conversationId && (a.status === 'offered' || a.status === 'active')) return copy(a);
    }
    return null;
  }
  async listAssignments(
    workspaceId: string,
    filter: { agentId?: string; conversationId?: string; statuses?: AssignmentStatus[]; limit: number },
  ): Promise<Assignment[]> {
    return [...this.data().assignments.values()]
      .filter(
        (a) =>
          a.workspaceId === workspaceId &&
          (!filter.agentId || a.agentId === filter.agentId) &&
          (!filter.conversationId || a.conversationId === filter.conversationId) &&
          (!filter.statuses || filter.statuses.includes(a.status)),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
      .slice(0, filter.limit)
      .map(copy);
  }
  async lastAgentForCustomer(workspaceId: string, customerId: string): Promise<string | null> {
    const data = this.data();
    const conversations = new Set(
      [...data.items.values()].filter((i) => i.workspaceId === workspaceId && i.customerId === customerId).map((i) => i.conversationId),
    );
    const accepted = [...data.assignments.values()].filter(
      (a) => a.workspaceId === workspaceId && conversations.has(a.conversationId) && a.acceptedAt !== null,
    );
    accepted.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id));
    return accepted[0]?.agentId ?? null;
  }
  async firstAgentReplyAt(workspaceId: string, conversationId: string, since: Date): Promise<Date | null> {
    const replies = (this.data().replies.get(key(workspaceId, conversationId)) ?? []).filter((d) => d >= since).sort((a, b) => a.getTime() - b.getTime());
    return replies[0] ?? null;
  }
  async firstAgentReplies(workspaceId: string, requests: ReadonlyArray<{ conversationId: string; since: Date }>): Promise<Map<string, Date>> {
    const found = new Map<string, Date>();
    for (const r of requests) {
      const first = await this.firstAgentReplyAt(workspaceId, r.conversationId, r.since);
      if (first) found.set(r.conversationId, first);
    }
    return found;
  }
  async lastAgentReplyAt(workspaceId: string, conversationId: string): Promise<Date | null> {
    const replies = this.data().replies.get(key(workspaceId, conversationId)) ?? [];
    return replies.reduce<Date | null>((latest, d) => (latest === null || d > latest ? d : latest), null);
  }
  async getSettings(workspaceId: string): Promise<RoutingSettings> {
    const saved = this.data().settings.get(workspaceId);
    return saved ? copy(saved) : defaultRoutingSettings(workspaceId);
  }
  async saveSettings(settings: RoutingSettings): Promise<void> {
    this.put(this.data().settings, settings.workspaceId, copy(settings));
  }
}

/**
 * The in-memory routing store: transactions run one at a time (so every lock is trivially
 * held) and write copies of the records with an undo journal, replayed backwards if the
 * transaction fails. For tests, the simulator and benchmarks.
 *
 * @example
 * const store = new MemoryRoutingStore();
 * await store.transaction((repo) => repo.saveQueue(queue));
 */
export class MemoryRoutingStore implements RoutingStore {
  private readonly data: Data = { queues: new Map(), agents: new Map(), items: new Map(), assignments: new Map(), replies: new Map(), settings: new Map() };
  private tail: Promise<unknown> = Promise.resolve();
  readonly read: RoutingRepository = new MemoryRoutingRepository(() => this.data);

  transaction<T>(work: (repo: RoutingRepository) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const journal: Journal = [];
      try {
        return await work(new MemoryRoutingRepository(() => this.data, journal));
      } catch (error) {
        for (const undo of journal.reverse()) undo();
        throw error;
      }
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Drops a closed conversation's routing row and its finished assignments, so that a long
   * simulation scans only the live rows (the SQL store keeps its history; this is not part of
   * the port). Returns false, and keeps everything, when the conversation is not closed. Runs
   * after the transactions already started, like one more transaction.
   *
   * @example
   * await store.transaction((repo) => releaseConversation(repo, ws, conversationId, now));
   * await store.forgetClosedConversation(ws, conversationId); // true
   */
  forgetClosedConversation(workspaceId: string, conversationId: string): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      const k = key(workspaceId, conversationId);
      if (this.data.items.get(k)?.status !== 'closed') return false;
      this.data.items.delete(k);
      this.data.replies.delete(k);
      for (const [id, a] of this.data.assignments) if (a.workspaceId === workspaceId && a.conversationId === conversationId) this.data.assignments.delete(id);
      return true;
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Records an advisor's public reply (the SQL store reads messages instead). */
  recordAgentReply(workspaceId: string, conversationId: string, at: Date): void {
    const list = this.data.replies.get(key(workspaceId, conversationId)) ?? [];
    list.push(at);
    this.data.replies.set(key(workspaceId, conversationId), list);
  }
}
