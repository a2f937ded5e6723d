import { sql, type Kysely } from 'kysely';

// Identity reconciliation: every merge is a record with the evidence, its provenance and a
// snapshot of exactly what moved (so that an undo restores both profiles); probable matches are
// suggestions an agent accepts or dismisses; a conversation switched to another channel may name
// the address to deliver to there. Every row carries workspace_id and every index starts with it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_merges (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      source_customer_id uuid not null references customers(id) on delete cascade,
      target_customer_id uuid not null references customers(id) on delete cascade,
      reason text not null,
      evidence jsonb not null default '{}'::jsonb,
      provenance text not null check (provenance in ('rule', 'agent', 'signed_identify')),
      actor_kind text not null,
      actor_id text,
      created_at timestamptz not null,
      undone_at timestamptz,
      undone_by_kind text,
      undone_by_id text,
      snapshot jsonb not null
    );
    create index customer_merges_source_idx on customer_merges (workspace_id, source_customer_id);
    create index customer_merges_target_idx on customer_merges (workspace_id, target_customer_id);

    create table customer_merge_suggestions (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      customer_a uuid not null references customers(id) on delete cascade,
      customer_b uuid not null references customers(id) on delete cascade,
      evidence jsonb not null,
      score real not null check (score >= 0 and score <= 1),
      status text not null default 'open' check (status in ('open', 'accepted', 'dismissed')),
      decided_by_kind text,
      decided_by_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (customer_a < customer_b),
      unique (workspace_id, customer_a, customer_b)
    );
    create index customer_merge_suggestions_b_idx on customer_merge_suggestions (workspace_id, customer_b);

    create table conversation_recipients (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      channel_id uuid not null references channels(id) on delete cascade,
      kind text not null,
      value text not null,
      updated_at timestamptz not null,
      primary key (workspace_id, conversation_id, channel_id)
    );
  `.execute(db);
}
