import { sql, type Kysely } from 'kysely';

// Review moderation: a public reply on a channel with `requireApproval` waits as
// `pending_approval` until a supervisor approves it (then `pending`, and the delivery job runs)
// or rejects it (`rejected`, never sent). Additive: the existing statuses keep their meaning.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table messages drop constraint if exists messages_delivery_status_check;
    alter table messages add constraint messages_delivery_status_check
      check (delivery_status in ('received', 'pending', 'sent', 'delivered', 'read', 'failed', 'not_applicable', 'pending_approval', 'rejected'));
    create index messages_pending_approval_idx on messages (workspace_id, created_at) where delivery_status = 'pending_approval';
  `.execute(db);
}
