import { sql, type Kysely } from 'kysely';

// Durable jobs live in the same database as the domain rows so that a job is enqueued in the
// same transaction as the write that causes it (no lost side effect after commit).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      id uuid primary key,
      seq bigserial not null unique,
      queue text not null,
      workspace_id uuid not null,
      payload jsonb not null,
      ordering_key text,
      idempotency_key text,
      status text not null check (status in ('pending', 'running', 'done', 'dead')),
      attempts integer not null default 0,
      max_attempts integer not null,
      run_at timestamptz not null default now(),
      locked_by text,
      locked_until timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create unique index jobs_idempotency_key on jobs (queue, idempotency_key) where idempotency_key is not null;
    create index jobs_due_idx on jobs (queue, run_at, seq) where status in ('pending', 'running');
    create index jobs_ordering_idx on jobs (ordering_key, seq) where status in ('pending', 'running');
  `.execute(db);
}
