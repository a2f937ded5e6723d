import { sql, type Kysely } from 'kysely';

// The augmented agent: the procedure checklist a conversation follows (its steps and ticks are one
// JSON document, written under the conversation's row lock) and per-workspace assist settings
// (wrap-up disposition codes, the reply persona). Wrap-ups themselves are timeline events.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assist_checklists (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      article_id uuid not null,
      title text not null,
      language text not null,
      steps jsonb not null,
      updated_at timestamptz not null,
      primary key (workspace_id, conversation_id)
    );

    create table assist_settings (
      workspace_id uuid primary key references workspaces(id) on delete cascade,
      dispositions jsonb,
      persona jsonb,
      updated_at timestamptz not null
    );
  `.execute(db);
}
