import { sql, type Kysely } from 'kysely';

// Knowledge base: articles (latest content on the row, every saved state in kb_article_versions),
// phrasings learned from resolved questions (pending until an editor approves them), feedback on
// answers, the questions asked (for the gaps report) and per-workspace synonyms. Every row carries
// workspace_id and every index starts with it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table kb_articles (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      kind text not null check (kind in ('article', 'faq', 'procedure', 'canned')),
      language text not null,
      slug text not null,
      category text,
      tags text[] not null default '{}',
      audiences text[] not null default '{}',
      channels text[] not null default '{}',
      status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
      title text not null,
      body text not null,
      summary text,
      phrasings jsonb not null default '[]',
      steps jsonb not null default '[]',
      variants jsonb not null default '{}',
      version integer not null default 1 check (version >= 1),
      published_version integer,
      review_by timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      published_at timestamptz,
      unique (workspace_id, slug)
    );
    create index kb_articles_status_idx on kb_articles (workspace_id, status);

    create table kb_article_versions (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      article_id uuid not null references kb_articles(id) on delete cascade,
      version integer not null,
      title text not null,
      body text not null,
      summary text,
      phrasings jsonb not null default '[]',
      steps jsonb not null default '[]',
      variants jsonb not null default '{}',
      author_id uuid,
      note text,
      created_at timestamptz not null,
      primary key (article_id, version)
    );
    create index kb_article_versions_workspace_idx on kb_article_versions (workspace_id, article_id);

    create table kb_phrasings (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      article_id uuid not null references kb_articles(id) on delete cascade,
      text text not null,
      language text,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      source text not null check (source in ('agent', 'customer', 'editor')),
      created_by uuid,
      created_at timestamptz not null,
      reviewed_by uuid,
      reviewed_at timestamptz
    );
    create index kb_phrasings_status_idx on kb_phrasings (workspace_id, status);

    create table kb_feedback (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      article_id uuid references kb_articles(id) on delete cascade,
      question text,
      kind text not null check (kind in ('helpful', 'not_helpful', 'accepted', 'edited', 'rejected')),
      source text not null check (source in ('agent', 'customer')),
      actor_id uuid,
      channel text,
      created_at timestamptz not null
    );
    create index kb_feedback_article_idx on kb_feedback (workspace_id, article_id);

    create table kb_queries (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      question text not null,
      normalized text not null,
      language text,
      channel text,
      top_article_id uuid,
      top_confidence real not null,
      created_at timestamptz not null
    );
    create index kb_queries_recent_idx on kb_queries (workspace_id, created_at);

    create table kb_settings (
      workspace_id uuid primary key references workspaces(id) on delete cascade,
      synonyms jsonb not null default '[]',
      updated_at timestamptz not null
    );
  `.execute(db);
}
