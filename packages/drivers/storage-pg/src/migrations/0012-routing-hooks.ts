import { sql, type Kysely } from 'kysely';

// Workspace-wide routing options: whether assist's emotion analysis feeds the priority of
// waiting conversations, and the optional external routing hook (URL, sealed signing secret,
// timeout). One row per workspace; no row means the defaults (both off).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table routing_settings (
      workspace_id uuid primary key references workspaces(id) on delete cascade,
      emotion_priority boolean not null default false,
      hook_url text,
      hook_secret jsonb,
      hook_timeout_ms integer not null default 800 check (hook_timeout_ms between 50 and 10000),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
