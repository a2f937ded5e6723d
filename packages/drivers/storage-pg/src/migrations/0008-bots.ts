import { sql, type Kysely } from 'kysely';

// Virtual agents: a bot keeps its draft definition (saved as a new version each time) and the
// definition last published, which is what conversations run; the per-conversation state of the
// interpreter is one JSON document, row-locked by the bot turn job.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table bots (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null,
      definition jsonb not null,
      version integer not null default 1,
      published_version integer,
      published_definition jsonb,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index bots_workspace_idx on bots (workspace_id, name);

    create table bot_conversation_states (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      bot_id uuid not null references bots(id) on delete cascade,
      state jsonb not null,
      updated_at timestamptz not null,
      primary key (workspace_id, conversation_id)
    );
  `.execute(db);
}
