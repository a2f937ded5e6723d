import { sql, type Kysely } from 'kysely';

// The optional text generation endpoint of a workspace (its API key sealed like channel secrets)
// and the audit trail of every call made to it: prompt, output or error, latency.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assist_llm_settings (
      workspace_id uuid primary key references workspaces(id) on delete cascade,
      base_url text not null,
      model text not null,
      api_key_sealed jsonb,
      timeout_ms integer not null,
      enabled boolean not null,
      updated_at timestamptz not null
    );

    create table assist_llm_calls (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      actor jsonb not null,
      purpose text not null,
      conversation_id uuid,
      model text not null,
      prompt jsonb not null,
      output text,
      error text,
      latency_ms integer not null,
      created_at timestamptz not null
    );
    create index assist_llm_calls_workspace on assist_llm_calls (workspace_id, id desc);
  `.execute(db);
}
