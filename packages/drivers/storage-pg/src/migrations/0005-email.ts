import { sql, type Kysely } from 'kysely';

// Email channel: one row per IMAP-polled channel. `last_uid` is the highest UID committed under
// `uid_validity` (a changed UIDVALIDITY means the server renumbered the mailbox: start over and
// let the Message-ID dedupe drop what was already stored). The lease makes one process poll a
// mailbox at a time when several share the database.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table email_mailboxes (
      channel_id uuid primary key references channels(id) on delete cascade,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      uid_validity bigint,
      last_uid bigint not null default 0,
      lease_owner text,
      lease_until timestamptz,
      updated_at timestamptz not null default now()
    );
    create index email_mailboxes_workspace_idx on email_mailboxes (workspace_id, channel_id);
  `.execute(db);
}
