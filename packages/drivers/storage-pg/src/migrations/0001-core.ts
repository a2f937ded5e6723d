import { sql, type Kysely } from 'kysely';

// Core tables of the conversation model. Every row carries workspace_id and every query filters
// on it; timestamps are timestamptz; writes record their actor.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table workspaces (
      id uuid primary key,
      name text not null,
      slug text not null unique,
      time_zone text not null default 'Europe/Paris',
      locale text not null default 'fr',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table users (
      id uuid primary key,
      email text not null,
      name text not null,
      password_hash text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email_key on users (lower(email));

    create table roles (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      key text not null,
      name text not null,
      permissions text[] not null,
      built_in boolean not null default false,
      primary key (workspace_id, key)
    );

    create table memberships (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      role_key text not null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, user_id),
      foreign key (workspace_id, role_key) references roles(workspace_id, key)
    );
    create index memberships_user_idx on memberships (user_id);

    create table teams (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null,
      created_at timestamptz not null default now(),
      unique (workspace_id, name)
    );

    create table team_members (
      workspace_id uuid not null,
      team_id uuid not null references teams(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      primary key (team_id, user_id)
    );

    create table sessions (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_expiry_idx on sessions (expires_at);

    create table api_tokens (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table customers (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      display_name text,
      attributes jsonb not null default '{}'::jsonb,
      time_zone text,
      locale text,
      merged_into uuid references customers(id),
      erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index customers_workspace_idx on customers (workspace_id, id);

    create table customer_identities (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      customer_id uuid not null references customers(id) on delete cascade,
      kind text not null,
      scope text not null default '',
      value text not null,
      raw_value text not null,
      verified boolean not null default false,
      provenance text not null,
      created_at timestamptz not null default now(),
      unique (workspace_id, kind, scope, value)
    );
    create index customer_identities_customer_idx on customer_identities (customer_id);

    create table consents (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      customer_id uuid not null references customers(id) on delete cascade,
      address_kind text not null,
      address text not null,
      purpose text not null,
      channel_type text,
      status text not null check (status in ('granted', 'revoked')),
      source text not null,
      actor_kind text not null,
      actor_id text,
      recorded_at timestamptz not null default now()
    );
    create index consents_lookup_idx on consents (workspace_id, address_kind, address, purpose, recorded_at desc);

    create table channels (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      type text not null,
      name text not null,
      config jsonb not null default '{}'::jsonb,
      secrets jsonb not null,
      bot_id uuid,
      enabled boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index channels_workspace_idx on channels (workspace_id);

    create table conversations (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      customer_id uuid not null references customers(id),
      channel_id uuid not null references channels(id),
      topic text not null default '',
      status text not null check (status in ('open', 'pending', 'snoozed', 'resolved', 'closed')),
      snoozed_until timestamptz,
      handler_kind text not null default 'none' check (handler_kind in ('none', 'bot', 'queue', 'agent')),
      handler_id text,
      last_seq integer not null default 0,
      last_message_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      resolved_at timestamptz
    );
    create index conversations_list_idx on conversations (workspace_id, status, id desc);
    create index conversations_customer_idx on conversations (workspace_id, customer_id, status);

    create table messages (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      seq integer not null,
      channel_id uuid not null references channels(id),
      provider_message_id text,
      direction text not null check (direction in ('inbound', 'outbound', 'internal')),
      author_kind text not null check (author_kind in ('customer', 'bot', 'agent', 'system')),
      author_id text,
      visibility text not null check (visibility in ('public', 'note', 'whisper')),
      content jsonb not null,
      text text not null default '',
      delivery_status text not null check (delivery_status in ('received', 'pending', 'sent', 'delivered', 'read', 'failed', 'not_applicable')),
      delivery_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      unique (conversation_id, seq),
      unique (channel_id, provider_message_id)
    );
    create index messages_workspace_idx on messages (workspace_id, conversation_id, seq);

    create table attachments (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      message_id uuid references messages(id) on delete cascade,
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      data bytea not null,
      created_at timestamptz not null default now()
    );

    create table domain_events (
      id bigserial primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      type text not null,
      customer_id uuid,
      conversation_id uuid,
      message_id uuid,
      payload jsonb not null default '{}'::jsonb,
      actor_kind text not null,
      actor_id text,
      occurred_at timestamptz not null default now()
    );
    create index domain_events_customer_idx on domain_events (workspace_id, customer_id, id);
    create index domain_events_conversation_idx on domain_events (workspace_id, conversation_id, id);

    create table idempotency_keys (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      scope text not null,
      key text not null,
      request_hash text not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, scope, key)
    );

    create table instance_settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
