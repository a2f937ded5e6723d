import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Where IMAP polling of one mailbox stands. */
export interface MailboxCursor {
  uidValidity: number | null;
  lastUid: number;
}

/**
 * IMAP polling state of email channels: the UID cursor and a lease so that, with several
 * processes on one PostgreSQL, exactly one polls a mailbox at a time. A lease (not an advisory
 * lock) because a poller holds it for minutes across many connections from the pool; it expires
 * by itself when its process dies.
 *
 * @example
 * const mailboxes = new PgEmailMailboxRepository(db);
 * if (await mailboxes.acquireLease(ws, channelId, 'host:pid', new Date(), 30_000)) { ... }
 */
export class PgEmailMailboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Takes or renews the lease; true when `owner` holds it until `now + ttlMs`. */
  async acquireLease(workspaceId: string, channelId: string, owner: string, now: Date, ttlMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + ttlMs);
    const result = await sql<{ channel_id: string }>`
      insert into email_mailboxes (channel_id, workspace_id, lease_owner, lease_until, updated_at)
      values (${channelId}, ${workspaceId}, ${owner}, ${until}::timestamptz, ${now}::timestamptz)
      on conflict (channel_id) do update
         set lease_owner = excluded.lease_owner, lease_until = excluded.lease_until, updated_at = excluded.updated_at
       where email_mailboxes.lease_owner is null
          or email_mailboxes.lease_owner = ${owner}
          or email_mailboxes.lease_until < ${now}::timestamptz
      returning channel_id`.execute(this.db);
    return result.rows.length === 1;
  }

  /** Gives the lease up (on shutdown) so another process need not wait for it to expire. */
  async releaseLease(channelId: string, owner: string): Promise<void> {
    await this.db
      .updateTable('email_mailboxes')
      .set({ lease_owner: null, lease_until: null })
      .where('channel_id', '=', channelId)
      .where('lease_owner', '=', owner)
      .execute();
  }

  async cursor(workspaceId: string, channelId: string): Promise<MailboxCursor> {
    const row = await this.db
      .selectFrom('email_mailboxes')
      .select(['uid_validity', 'last_uid'])
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return { uidValidity: row?.uid_validity ?? null, lastUid: row?.last_uid ?? 0 };
  }

  /** Moves the cursor forward, only while `owner` still holds the lease (a lost lease stops a stale poller). */
  async advance(workspaceId: string, channelId: string, owner: string, cursor: MailboxCursor, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('email_mailboxes')
      .set({ uid_validity: cursor.uidValidity, last_uid: cursor.lastUid, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channelId)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
