import { sql, type Kysely } from 'kysely';

// Embedding vectors of knowledge articles, per provider, computed by the kb.reindex job. Stored as
// JSON arrays and scanned in process (a knowledge base is small); content_hash says which texts
// they embed, so an unchanged article is not sent to the provider again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table kb_embeddings (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      article_id uuid not null references kb_articles(id) on delete cascade,
      provider_id text not null,
      content_hash text not null,
      vectors jsonb not null,
      updated_at timestamptz not null,
      primary key (workspace_id, provider_id, article_id)
    );
  `.execute(db);
}
