import { sql, type Kysely } from 'kysely';

// Version history of bot definitions: every saved draft is kept, with who saved it and when it
// was published, so the builder can list, show and restore any of them. Existing bots start
// their history with their current draft (and their published definition when it differs).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table bot_versions (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      bot_id uuid not null references bots(id) on delete cascade,
      version integer not null,
      definition jsonb not null,
      saved_by uuid references users(id) on delete set null,
      saved_at timestamptz not null,
      published_by uuid references users(id) on delete set null,
      published_at timestamptz,
      primary key (workspace_id, bot_id, version)
    );

    insert into bot_versions (workspace_id, bot_id, version, definition, saved_at, published_at)
    select workspace_id, id, version, definition, updated_at, case when published_version = version then updated_at end from bots;

    insert into bot_versions (workspace_id, bot_id, version, definition, saved_at, published_at)
    select workspace_id, id, published_version, published_definition, updated_at, updated_at from bots
    where published_version is not null and published_definition is not null and published_version <> version;
  `.execute(db);
}
