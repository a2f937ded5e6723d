import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  AgentProfile,
  AgentSettings,
  Assignment,
  AssignmentStatus,
  ChannelKind,
  ItemAttributes,
  ItemStatus,
  Presence,
  RoutingItem,
  RoutingQueue,
  RoutingRepository,
  RoutingSettings,
  RoutingStore,
} from '@parley/routing';
import { executorOf } from '../pg-store.js';
import type { Database, RoutingAgentsTable, RoutingAssignmentsTable, RoutingItemsTable, RoutingQueuesTable } from '../schema.js';

type AgentRow = Selectable<RoutingAgentsTable>;
type ItemRow = Selectable<RoutingItemsTable>;
type AssignmentRow = Selectable<RoutingAssignmentsTable>;
type QueueRow = Selectable<RoutingQueuesTable>;

const LOAD_COLUMN = { voice: 'load_voice', chat: 'load_chat', async: 'load_async' } as const;
const CAP_COLUMN = { voice: 'cap_voice', chat: 'cap_chat', async: 'cap_async' } as const;

/**
 * The routing store port on Kysely. Locks: `lockItem` is `select … for update` on the
 * conversation's routing row; `reserveSlot` is one conditional `update` of the advisor's
 * capacity row (it takes the row lock, waits for a concurrent holder, then re-checks presence
 * and capacity on the committed row), so no advisor goes over capacity; the partial unique
 * index `routing_assignments_one_open` refuses a second open assignment for a conversation.
 */
export class PgRoutingRepository implements RoutingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async saveQueue(queue: RoutingQueue): Promise<void> {
    const { id, workspaceId, name, isDefault, channelIds, ...definition } = queue;
    const values = { name, is_default: isDefault, channel_ids: channelIds, definition: JSON.stringify(definition), updated_at: new Date() };
    await this.db
      .insertInto('routing_queues')
      .values({ id, workspace_id: workspaceId, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values).where('routing_queues.workspace_id', '=', workspaceId))
      .execute();
  }

  async getQueue(workspaceId: string, id: string): Promise<RoutingQueue | null> {
    const row = await this.db.selectFrom('routing_queues').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row ? toQueue(row) : null;
  }

  async listQueues(workspaceId: string): Promise<RoutingQueue[]> {
    const rows = await this.db.selectFrom('routing_queues').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
    return rows.map(toQueue);
  }

  async deleteQueue(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('routing_queues').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async saveAgent(settings: AgentSettings, at: Date): Promise<AgentProfile> {
    const values = {
      name: settings.name,
      skills: JSON.stringify(settings.skills),
      languages: settings.languages,
      team_ids: settings.teamIds,
      cap_voice: settings.capacity.voice,
      cap_chat: settings.capacity.chat,
      cap_async: settings.capacity.async,
      cap_total: settings.capacity.total,
      updated_at: at,
    };
    const row = await this.db
      .insertInto('routing_agents')
      .values({ workspace_id: settings.workspaceId, user_id: settings.agentId, presence_changed_at: at, last_activity_at: at, ...values })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAgent(row);
  }

  async getAgent(workspaceId: string, agentId: string): Promise<AgentProfile | null> {
    const row = await this.db
      .selectFrom('routing_agents')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', agentId)
      .executeTakeFirst();
    return row ? toAgent(row) : null;
  }

  async listAgents(workspaceId: string): Promise<AgentProfile[]> {
    const rows = await this.db.selectFrom('routing_agents').selectAll().where('workspace_id', '=', workspaceId).orderBy('user_id').execute();
    return rows.map(toAgent);
  }

  async lockAgent(workspaceId: string, agentId: string): Promise<AgentProfile | null> {
    const row = await this.db
      .selectFrom('routing_agents')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', agentId)
      .forUpdate()
      .executeTakeFirst();
    return row ? toAgent(row) : null;
  }

  async setPresence(workspaceId: string, agentId: string, presence: Presence, reason: string | null, at: Date): Promise<AgentProfile | null> {
    const row = await this.db
      .updateTable('routing_agents')
      .set({ presence, presence_reason: reason, presence_changed_at: at, last_activity_at: at, updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', agentId)
      .returningAll()
      .executeTakeFirst();
    return row ? toAgent(row) : null;
  }

  async touchAgent(workspaceId: string, agentId: string, at: Date): Promise<void> {
    await this.db.updateTable('routing_agents').set({ last_activity_at: at }).where('workspace_id', '=', workspaceId).where('user_id', '=', agentId).execute();
  }

  async reserveSlot(
    workspaceId: string,
    agentId: string,
    kind: ChannelKind,
    at: Date,
    options: { requireOnline?: boolean; overCapacity?: boolean } = {},
  ): Promise<AgentProfile | null> {
    const load = sql.ref(LOAD_COLUMN[kind]);
    const cap = sql.ref(CAP_COLUMN[kind]);
    // One statement: under READ COMMITTED a concurrent reservation makes this wait for its
    // commit, then the WHERE is evaluated again on the new row, so the limit holds.
    const result = await sql<AgentRow>`
      update routing_agents
         set ${load} = ${load} + 1, load_total = load_total + 1, last_assigned_at = ${at}, last_activity_at = ${at}, updated_at = ${at}
       where workspace_id = ${workspaceId} and user_id = ${agentId}
         ${options.overCapacity ? sql`` : sql`and ${load} < ${cap} and load_total < cap_total`}
         ${(options.requireOnline ?? true) ? sql`and presence = 'online'` : sql``}
      returning *`.execute(this.db);
    const row = result.rows[0];
    return row ? toAgent(row) : null;
  }

  async releaseSlot(workspaceId: string, agentId: string, kind: ChannelKind): Promise<void> {
    const load = sql.ref(LOAD_COLUMN[kind]);
    await sql`
      update routing_agents
         set ${load} = greatest(${load} - 1, 0), load_total = greatest(load_total - 1, 0)
       where workspace_id = ${workspaceId} and user_id = ${agentId}`.execute(this.db);
  }

  async saveItem(item: RoutingItem): Promise<void> {
    const values = {
      queue_id: item.queueId,
      channel_kind: item.channelKind,
      status: item.status,
      enqueued_at: item.enqueuedAt,
      requested_at: item.requestedAt,
      attributes: JSON.stringify(item.attributes),
      declined_agent_ids: item.declinedAgentIds,
      escalated: item.escalated,
      agent_id: item.agentId,
      offer_expires_at: item.offerExpiresAt,
      first_response_due_at: item.firstResponseDueAt,
      updated_at: item.updatedAt,
    };
    await this.db
      .insertInto('routing_items')
      .values({ conversation_id: item.conversationId, workspace_id: item.workspaceId, customer_id: item.customerId, ...values })
      .onConflict((oc) => oc.column('conversation_id').doUpdateSet(values).where('routing_items.workspace_id', '=', item.workspaceId))
      .execute();
  }

  async getItem(workspaceId: string, conversationId: string): Promise<RoutingItem | null> {
    const row = await this.db
      .selectFrom('routing_items')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return row ? toItem(row) : null;
  }

  async lockItem(workspaceId: string, conversationId: string): Promise<RoutingItem | null> {
    const row = await this.db
      .selectFrom('routing_items')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .forUpdate()
      .executeTakeFirst();
    return row ? toItem(row) : null;
  }

  async tryLockItem(workspaceId: string, conversationId: string): Promise<RoutingItem | null> {
    const row = await this.db
      .selectFrom('routing_items')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    return row ? toItem(row) : null;
  }

  async listItems(
    workspaceId: string,
    filter: { statuses: ItemStatus[]; queueId?: string; agentId?: string; requestedSince?: Date; limit: number },
  ): Promise<RoutingItem[]> {
    if (filter.statuses.length === 0) return [];
    let query = this.db.selectFrom('routing_items').selectAll().where('workspace_id', '=', workspaceId).where('status', 'in', filter.statuses);
    if (filter.queueId) query = query.where('queue_id', '=', filter.queueId);
    if (filter.agentId) query = query.where('agent_id', '=', filter.agentId);
    if (filter.requestedSince) query = query.where('requested_at', '>=', filter.requestedSince);
    const rows = await query.orderBy('requested_at').orderBy('conversation_id').limit(filter.limit).execute();
    return rows.map(toItem);
  }

  async createAssignment(a: Assignment): Promise<void> {
    await this.db
      .insertInto('routing_assignments')
      .values({
        id: a.id,
        workspace_id: a.workspaceId,
        conversation_id: a.conversationId,
        agent_id: a.agentId,
        channel_kind: a.channelKind,
        status: a.status,
        created_at: a.createdAt,
        accepted_at: a.acceptedAt,
        ended_at: a.endedAt,
        expires_at: a.expiresAt,
        explanation: a.explanation ? JSON.stringify(a.explanation) : null,
      })
      .execute();
  }

  async updateAssignment(workspaceId: string, id: string, patch: { status: AssignmentStatus; acceptedAt?: Date; endedAt?: Date }): Promise<void> {
    await this.db
      .updateTable('routing_assignments')
      .set({ status: patch.status, ...(patch.acceptedAt ? { accepted_at: patch.acceptedAt } : {}), ...(patch.endedAt ? { ended_at: patch.endedAt } : {}) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async currentAssignment(workspaceId: string, conversationId: string): Promise<Assignment | null> {
    const row = await this.db
      .selectFrom('routing_assignments')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('status', 'in', ['offered', 'active'])
      .executeTakeFirst();
    return row ? toAssignment(row) : null;
  }

  async listAssignments(
    workspaceId: string,
    filter: { agentId?: string; conversationId?: string; statuses?: AssignmentStatus[]; limit: number },
  ): Promise<Assignment[]> {
    let query = this.db.selectFrom('routing_assignments').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.agentId) query = query.where('agent_id', '=', filter.agentId);
    if (filter.conversationId) query = query.where('conversation_id', '=', filter.conversationId);
    if (filter.statuses) query = filter.statuses.length > 0 ? query.where('status', 'in', filter.statuses) : query.where(sql<boolean>`false`);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map(toAssignment);
  }

  async lastAgentForCustomer(workspaceId: string, customerId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('routing_assignments as a')
      .innerJoin('conversations as c', 'c.id', 'a.conversation_id')
      .select('a.agent_id')
      .where('a.workspace_id', '=', workspaceId)
      .where('c.workspace_id', '=', workspaceId)
      .where('c.customer_id', '=', customerId)
      .where('a.accepted_at', 'is not', null)
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.agent_id ?? null;
  }

  async firstAgentReplyAt(workspaceId: string, conversationId: string, since: Date): Promise<Date | null> {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.min('created_at').as('first'))
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'outbound')
      .where('author_kind', '=', 'agent')
      .where('visibility', '=', 'public')
      .where('created_at', '>=', since)
      .executeTakeFirst();
    return row?.first ? new Date(row.first) : null;
  }

  async firstAgentReplies(workspaceId: string, requests: ReadonlyArray<{ conversationId: string; since: Date }>): Promise<Map<string, Date>> {
    if (requests.length === 0) return new Map();
    const ids = requests.map((r) => r.conversationId);
    const sinces = requests.map((r) => r.since.toISOString());
    const result = await sql<{ conversation_id: string; first: Date }>`
      select t.conversation_id, min(m.created_at) as first
        from unnest(${ids}::uuid[], ${sinces}::timestamptz[]) as t(conversation_id, since)
        join messages m on m.workspace_id = ${workspaceId} and m.conversation_id = t.conversation_id and m.created_at >= t.since
       where m.direction = 'outbound' and m.author_kind = 'agent' and m.visibility = 'public'
       group by t.conversation_id`.execute(this.db);
    return new Map(result.rows.map((r) => [r.conversation_id, new Date(r.first)]));
  }

  async lastAgentReplyAt(workspaceId: string, conversationId: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.max('created_at').as('last'))
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'outbound')
      .where('author_kind', '=', 'agent')
      .where('visibility', '=', 'public')
      .executeTakeFirst();
    return row?.last ? new Date(row.last) : null;
  }

  async getSettings(workspaceId: string): Promise<RoutingSettings> {
    const row = await this.db.selectFrom('routing_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) return { workspaceId, emotionPriority: false, hook: null };
    return {
      workspaceId,
      emotionPriority: row.emotion_priority,
      hook: row.hook_url ? { url: row.hook_url, timeoutMs: row.hook_timeout_ms, sealedSecret: row.hook_secret } : null,
    };
  }

  async saveSettings(settings: RoutingSettings): Promise<void> {
    const values = {
      emotion_priority: settings.emotionPriority,
      hook_url: settings.hook?.url ?? null,
      hook_secret: settings.hook ? JSON.stringify(settings.hook.sealedSecret) : null,
      ...(settings.hook ? { hook_timeout_ms: settings.hook.timeoutMs } : {}),
      updated_at: new Date(),
    };
    await this.db
      .insertInto('routing_settings')
      .values({ workspace_id: settings.workspaceId, ...values })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
      .execute();
  }
}

/**
 * A routing store on its own transactions (the contract suite, the benchmark). Production runs
 * the repository inside the domain transaction instead (see `pgRoutingRepositoryFor`).
 *
 * @example
 * const store = createPgRoutingStore(db);
 * await store.transaction((repo) => dispatchConversation(repo, ws, id, new Date()));
 */
export function createPgRoutingStore(db: Kysely<Database>): RoutingStore {
  return {
    read: new PgRoutingRepository(db),
    transaction: (work) => db.transaction().execute((trx) => work(new PgRoutingRepository(trx))),
  };
}

function toQueue(row: QueueRow): RoutingQueue {
  return {
    ...(row.definition as Omit<RoutingQueue, 'id' | 'workspaceId' | 'name' | 'isDefault' | 'channelIds'>),
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    isDefault: row.is_default,
    channelIds: row.channel_ids,
  };
}

function toAgent(row: AgentRow): AgentProfile {
  return {
    agentId: row.user_id,
    workspaceId: row.workspace_id,
    name: row.name,
    skills: row.skills,
    languages: row.languages,
    teamIds: row.team_ids,
    capacity: { voice: row.cap_voice, chat: row.cap_chat, async: row.cap_async, total: row.cap_total },
    presence: row.presence as Presence,
    presenceReason: row.presence_reason,
    load: { voice: row.load_voice, chat: row.load_chat, async: row.load_async, total: row.load_total },
    lastActivityAt: row.last_activity_at ? new Date(row.last_activity_at) : null,
    lastAssignedAt: row.last_assigned_at ? new Date(row.last_assigned_at) : null,
  };
}

function toItem(row: ItemRow): RoutingItem {
  return {
    conversationId: row.conversation_id,
    workspaceId: row.workspace_id,
    customerId: row.customer_id,
    queueId: row.queue_id,
    channelKind: row.channel_kind as ChannelKind,
    status: row.status as ItemStatus,
    enqueuedAt: new Date(row.enqueued_at),
    requestedAt: new Date(row.requested_at),
    attributes: row.attributes as unknown as ItemAttributes,
    declinedAgentIds: row.declined_agent_ids,
    escalated: row.escalated,
    agentId: row.agent_id,
    offerExpiresAt: row.offer_expires_at ? new Date(row.offer_expires_at) : null,
    firstResponseDueAt: row.first_response_due_at ? new Date(row.first_response_due_at) : null,
    updatedAt: new Date(row.updated_at),
  };
}

function toAssignment(row: AssignmentRow): Assignment {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    conversationId: row.conversation_id,
    agentId: row.agent_id,
    channelKind: row.channel_kind as ChannelKind,
    status: row.status as AssignmentStatus,
    createdAt: new Date(row.created_at),
    acceptedAt: row.accepted_at ? new Date(row.accepted_at) : null,
    endedAt: row.ended_at ? new Date(row.ended_at) : null,
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    explanation: (row.explanation as Assignment['explanation']) ?? null,
  };
}

/**
 * The routing repository bound to a scope of the domain store (its transaction, or the pool
 * for `store.read`), so routing rows, the conversation's handler, timeline events and jobs
 * commit together.
 *
 * @example
 * const routing = pgRoutingRepositoryFor(tx);
 */
export function pgRoutingRepositoryFor(scope: object): RoutingRepository {
  return new PgRoutingRepository(executorOf(scope));
}
