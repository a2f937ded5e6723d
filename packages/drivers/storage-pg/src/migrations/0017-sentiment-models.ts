import { sql, type Kysely } from 'kysely';

// Workspace-trained sentiment models: per workspace and language, the latest training request (its
// labelled examples, read by the training job) and the model the analyses use, with its evaluation.
// `model_version` changes with every new model, so each process checks it before using its cached copy.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table nlu_sentiment_models (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      language text not null,
      request_id uuid not null,
      request_status text not null check (request_status in ('queued', 'done', 'failed')),
      examples jsonb not null,
      label_counts jsonb not null,
      requested_at timestamptz not null,
      requested_by jsonb not null,
      error text,
      model jsonb,
      model_version uuid,
      model_info jsonb,
      primary key (workspace_id, language)
    );
  `.execute(db);
}
