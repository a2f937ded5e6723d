import type { Kysely } from 'kysely';
import type { ConversationRecipient, ConversationRecipientRepository } from '@parley/domain';
import type { Database } from '../schema.js';
import { withMergeTables, type MergeDatabase } from './merge-tables.js';

/** Addresses chosen for a conversation on a channel (a channel switch), and channel facts the switch checks. */
export class PgConversationRecipientRepository implements ConversationRecipientRepository {
  private readonly db: MergeDatabase;

  constructor(db: Kysely<Database>) {
    this.db = withMergeTables(db);
  }

  async set(workspaceId: string, conversationId: string, recipient: ConversationRecipient, at: Date): Promise<void> {
    await this.db
      .insertInto('conversation_recipients')
      .values({
        workspace_id: workspaceId,
        conversation_id: conversationId,
        channel_id: recipient.channelId,
        kind: recipient.kind,
        value: recipient.value,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'conversation_id', 'channel_id']).doUpdateSet({ kind: recipient.kind, value: recipient.value, updated_at: at }),
      )
      .execute();
  }

  async get(workspaceId: string, conversationId: string, channelId: string): Promise<ConversationRecipient | null> {
    const row = await this.db
      .selectFrom('conversation_recipients')
      .select(['channel_id', 'kind', 'value'])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return row ? { channelId: row.channel_id, kind: row.kind, value: row.value } : null;
  }

  async lastInboundAt(workspaceId: string, customerIds: string[], channelId: string): Promise<Date | null> {
    if (customerIds.length === 0) return null;
    const row = await this.db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', (join) => join.onRef('c.id', '=', 'm.conversation_id').onRef('c.workspace_id', '=', 'm.workspace_id'))
      .select((eb) => eb.fn.max('m.created_at').as('at'))
      .where('m.workspace_id', '=', workspaceId)
      .where('m.channel_id', '=', channelId)
      .where('m.direction', '=', 'inbound')
      .where('c.customer_id', 'in', customerIds)
      .executeTakeFirst();
    return row?.at ? new Date(row.at) : null;
  }
}
