import { sql, type Kysely } from 'kysely';

// Routing (ACD): queues, advisor profiles with their capacity counters, one routing row per
// conversation and the assignment history. Correctness across processes rests on row locks
// (the conversation's routing row, the advisor's capacity row), on conditional updates that
// re-check capacity, and on constraints: a partial unique index allows at most one offered or
// active assignment per conversation, and checks keep loads non-negative.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table routing_queues (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null,
      is_default boolean not null default false,
      channel_ids uuid[] not null default '{}',
      definition jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index routing_queues_workspace_idx on routing_queues (workspace_id);

    create table routing_agents (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      skills jsonb not null default '{}',
      languages text[] not null default '{}',
      team_ids text[] not null default '{}',
      cap_voice integer not null check (cap_voice >= 0),
      cap_chat integer not null check (cap_chat >= 0),
      cap_async integer not null check (cap_async >= 0),
      cap_total integer not null check (cap_total >= 0),
      load_voice integer not null default 0 check (load_voice >= 0),
      load_chat integer not null default 0 check (load_chat >= 0),
      load_async integer not null default 0 check (load_async >= 0),
      load_total integer not null default 0 check (load_total >= 0),
      presence text not null default 'offline' check (presence in ('online', 'busy', 'away', 'offline')),
      presence_reason text,
      presence_changed_at timestamptz not null default now(),
      last_activity_at timestamptz,
      last_assigned_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (workspace_id, user_id)
    );

    create table routing_items (
      conversation_id uuid primary key references conversations(id) on delete cascade,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      customer_id uuid not null,
      queue_id uuid references routing_queues(id) on delete set null,
      channel_kind text not null check (channel_kind in ('voice', 'chat', 'async')),
      status text not null check (status in ('waiting', 'offered', 'assigned', 'after_hours', 'closed')),
      enqueued_at timestamptz not null,
      requested_at timestamptz not null,
      attributes jsonb not null,
      declined_agent_ids uuid[] not null default '{}',
      escalated boolean not null default false,
      agent_id uuid,
      offer_expires_at timestamptz,
      first_response_due_at timestamptz,
      updated_at timestamptz not null
    );
    create index routing_items_waiting_idx on routing_items (workspace_id, queue_id, requested_at) where status = 'waiting';

    create table routing_assignments (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      agent_id uuid not null,
      channel_kind text not null check (channel_kind in ('voice', 'chat', 'async')),
      status text not null check (status in ('offered', 'active', 'ended', 'declined', 'expired', 'transferred')),
      created_at timestamptz not null,
      accepted_at timestamptz,
      ended_at timestamptz,
      expires_at timestamptz,
      explanation jsonb
    );
    create unique index routing_assignments_one_open on routing_assignments (conversation_id) where status in ('offered', 'active');
    create index routing_assignments_agent_idx on routing_assignments (workspace_id, agent_id) where status in ('offered', 'active');
    create index routing_assignments_conversation_idx on routing_assignments (conversation_id, created_at);
  `.execute(db);
}
