import { sql, type Kysely } from 'kysely';

// Customer 360° connectors: per-workspace HTTP calls to the brand's own systems (orders,
// contracts, deliveries) whose answers become cards. Secret headers are sealed like channel
// secrets; only their names are readable.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_connectors (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null,
      label jsonb not null,
      url_template text not null,
      headers jsonb not null default '{}'::jsonb,
      secret_header_names jsonb not null default '[]'::jsonb,
      sealed_secrets jsonb,
      timeout_ms integer not null,
      mapping jsonb not null,
      enabled boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (workspace_id, name)
    );
  `.execute(db);
}
