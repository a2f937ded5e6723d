import { sql, type Kysely } from 'kysely';
import type {
  Conversation,
  ConversationRepository,
  ConversationStatus,
  ConversationSummary,
  DeliveryStatus,
  HandlerKind,
  Message,
  MessageContent,
  NewMessage,
  Page,
} from '@parley/domain';
import type { ConversationRow, Database, MessageRow } from '../schema.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const ACTIVE: ConversationStatus[] = ['open', 'pending', 'snoozed'];
/** Characters of a message read for its list excerpt (the excerpt itself is shorter). */
const EXCERPT_SOURCE_CHARS = 400;
const EXCERPT_CHARS = 140;

type SummaryRow = ConversationRow & {
  customer_name: string | null;
  lm_seq: number | null;
  lm_text: string | null;
  lm_author_kind: Message['author']['kind'] | null;
  lm_visibility: Message['visibility'] | null;
  lm_created_at: Date | string | null;
  unread: number;
};

export class PgConversationRepository implements ConversationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async lockActiveForCustomer(workspaceId: string, customerId: string): Promise<Conversation[]> {
    // Locking the customer row serialises "find or start a conversation" for one customer
    // across processes, so two first messages can't start two conversations.
    await this.db.selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).where('id', '=', customerId).forUpdate().execute();
    const rows = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .where('status', 'in', ACTIVE)
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    return rows.map(toConversation);
  }

  async create(input: { id: string; workspaceId: string; customerId: string; channelId: string; topic: string; status: ConversationStatus; handlerKind: HandlerKind; now: Date }): Promise<Conversation> {
    const row = await this.db
      .insertInto('conversations')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        customer_id: input.customerId,
        channel_id: input.channelId,
        topic: input.topic,
        status: input.status,
        handler_kind: input.handlerKind,
        created_at: input.now,
        updated_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toConversation(row);
  }

  async get(workspaceId: string, id: string): Promise<Conversation | null> {
    const row = await this.db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row ? toConversation(row) : null;
  }

  async lock(workspaceId: string, id: string): Promise<Conversation | null> {
    const row = await this.db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? toConversation(row) : null;
  }

  async list(workspaceId: string, filter: { status?: ConversationStatus; customerId?: string }, cursor: string | null, limit: number): Promise<Page<Conversation>> {
    const after = decodeCursor(cursor, ['id']);
    let query = this.db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
    if (after) query = query.where('id', '<', String(after.id));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const items = rows.slice(0, limit).map(toConversation);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
  }

  async listSummaries(workspaceId: string, filter: { status?: ConversationStatus; customerId?: string }, cursor: string | null, limit: number): Promise<Page<ConversationSummary>> {
    const after = decodeCursor(cursor, ['id']);
    let page = this.db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.status) page = page.where('status', '=', filter.status);
    if (filter.customerId) page = page.where('customer_id', '=', filter.customerId);
    if (after) page = page.where('id', '<', String(after.id));
    // One statement for the whole page: the customer's name by join, the newest message and the
    // unread count by lateral subqueries on messages (workspace_id, conversation_id, seq).
    const result = await sql<SummaryRow>`
      with page as (${page.orderBy('id', 'desc').limit(limit + 1)})
      select page.*, cu.display_name as customer_name,
             lm.seq as lm_seq, lm.text as lm_text, lm.author_kind as lm_author_kind, lm.visibility as lm_visibility, lm.created_at as lm_created_at,
             ur.unread
        from page
        left join customers cu on cu.workspace_id = page.workspace_id and cu.id = page.customer_id
        left join lateral (
          select m.seq, left(m.text, ${EXCERPT_SOURCE_CHARS}) as text, m.author_kind, m.visibility, m.created_at
            from messages m
           where m.workspace_id = page.workspace_id and m.conversation_id = page.id
           order by m.seq desc
           limit 1
        ) lm on true
        cross join lateral (
          select count(*)::int as unread
            from messages m
           where m.workspace_id = page.workspace_id and m.conversation_id = page.id
             and m.direction = 'inbound' and m.visibility = 'public' and m.delivery_status <> 'read'
        ) ur
       order by page.id desc`.execute(this.db);
    const rows = result.rows;
    const items = rows.slice(0, limit).map(toSummary);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
  }

  async appendMessage(message: NewMessage): Promise<Message> {
    // One statement: bump the conversation's sequence (row-locked by the UPDATE) and insert
    // the message with it, so numbers are gap-free and ordered even across processes.
    const result = await sql<MessageRow>`
      with bumped as (
        update conversations
           set last_seq = last_seq + 1,
               last_message_at = case when ${message.visibility} = 'public' then ${message.createdAt}::timestamptz else last_message_at end,
               updated_at = ${message.createdAt}::timestamptz
         where workspace_id = ${message.workspaceId} and id = ${message.conversationId}
        returning last_seq
      )
      insert into messages (id, workspace_id, conversation_id, seq, channel_id, provider_message_id, direction,
                            author_kind, author_id, visibility, content, text, delivery_status, created_at)
      select ${message.id}, ${message.workspaceId}, ${message.conversationId}, bumped.last_seq, ${message.channelId},
             ${message.providerMessageId}, ${message.direction}, ${message.author.kind}, ${message.author.id},
             ${message.visibility}, ${JSON.stringify(message.content)}::jsonb, ${message.text}, ${message.deliveryStatus},
             ${message.createdAt}::timestamptz
        from bumped
      returning *`.execute(this.db);
    const row = result.rows[0];
    if (!row) throw new Error(`Conversation ${message.conversationId} not found while appending a message`);
    return toMessage(row);
  }

  async update(
    workspaceId: string,
    id: string,
    patch: { status?: ConversationStatus; channelId?: string; handler?: { kind: HandlerKind; id: string | null }; resolvedAt?: Date | null; snoozedUntil?: Date | null; now: Date },
  ): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({
        updated_at: patch.now,
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.channelId !== undefined ? { channel_id: patch.channelId } : {}),
        ...(patch.handler !== undefined ? { handler_kind: patch.handler.kind, handler_id: patch.handler.id } : {}),
        ...(patch.resolvedAt !== undefined ? { resolved_at: patch.resolvedAt } : {}),
        ...(patch.snoozedUntil !== undefined ? { snoozed_until: patch.snoozedUntil } : {}),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async findMessageByProviderId(channelId: string, providerMessageId: string): Promise<Message | null> {
    const row = await this.db.selectFrom('messages').selectAll().where('channel_id', '=', channelId).where('provider_message_id', '=', providerMessageId).executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async findByProviderMessageIds(workspaceId: string, channelId: string, providerMessageIds: string[]): Promise<Array<{ conversationId: string; providerMessageId: string }>> {
    if (providerMessageIds.length === 0) return [];
    // The unique (channel_id, provider_message_id) index serves this.
    const rows = await this.db
      .selectFrom('messages')
      .select(['conversation_id', 'provider_message_id'])
      .where('channel_id', '=', channelId)
      .where('workspace_id', '=', workspaceId)
      .where('provider_message_id', 'in', providerMessageIds)
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
    return rows.map((r) => ({ conversationId: r.conversation_id, providerMessageId: r.provider_message_id ?? '' }));
  }

  async recentWithProviderId(workspaceId: string, conversationId: string, channelId: string, limit: number): Promise<Message[]> {
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('channel_id', '=', channelId)
      .where('provider_message_id', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map(toMessage);
  }

  async getMessage(workspaceId: string, id: string): Promise<Message | null> {
    const row = await this.db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async listMessages(workspaceId: string, conversationId: string, cursor: string | null, limit: number): Promise<Page<Message>> {
    const after = decodeCursor(cursor, ['seq']);
    let query = this.db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId);
    if (after) query = query.where('seq', '>', Number(after.seq));
    const rows = await query.orderBy('seq').limit(limit + 1).execute();
    const items = rows.slice(0, limit).map(toMessage);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ seq: last.seq }) : null };
  }

  async setDeliveryStatus(workspaceId: string, messageId: string, status: DeliveryStatus, error: string | null, at: Date): Promise<void> {
    let query = this.db
      .updateTable('messages')
      .set({ delivery_status: status, delivery_error: error, ...(status === 'sent' || status === 'delivered' ? { sent_at: at } : {}) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', messageId);
    // A real-time reader can see a reply before its delivery job records `sent`: never step back from `read`.
    if (status === 'sent' || status === 'delivered') query = query.where('delivery_status', '!=', 'read');
    await query.execute();
  }

  async setMessageContent(workspaceId: string, messageId: string, content: MessageContent): Promise<void> {
    await this.db
      .updateTable('messages')
      .set({ content: JSON.stringify(content) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', messageId)
      .execute();
  }

  async setProviderMessageId(workspaceId: string, messageId: string, providerMessageId: string): Promise<void> {
    await this.db.updateTable('messages').set({ provider_message_id: providerMessageId }).where('workspace_id', '=', workspaceId).where('id', '=', messageId).execute();
  }

  async lastInboundAt(workspaceId: string, conversationId: string, channelId: string): Promise<Date | null> {
    const row = await this.db
      .selectFrom('messages')
      .select('created_at')
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('channel_id', '=', channelId)
      .where('direction', '=', 'inbound')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.created_at ?? null;
  }

  async markRead(workspaceId: string, conversationId: string, direction: Message['direction'], upToSeq: number): Promise<Array<{ id: string; seq: number }>> {
    const rows = await this.db
      .updateTable('messages')
      .set({ delivery_status: 'read' })
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', direction)
      .where('visibility', '=', 'public')
      .where('seq', '<=', upToSeq)
      .where('delivery_status', 'in', ['received', 'pending', 'sent', 'delivered'])
      .returning(['id', 'seq'])
      .execute();
    return rows.sort((a, b) => a.seq - b.seq);
  }
}

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    customerId: row.customer_id,
    channelId: row.channel_id,
    topic: row.topic,
    status: row.status,
    snoozedUntil: row.snoozed_until,
    handler: { kind: row.handler_kind, id: row.handler_id },
    lastSeq: row.last_seq,
    lastMessageAt: row.last_message_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
  };
}

function toSummary(row: SummaryRow): ConversationSummary {
  const conversation = toConversation(row);
  const oneLine = (row.lm_text ?? '').replace(/\s+/g, ' ').trim();
  return {
    ...conversation,
    customer: { id: row.customer_id, name: row.customer_name },
    lastMessage:
      row.lm_seq === null || row.lm_author_kind === null || row.lm_visibility === null || row.lm_created_at === null
        ? null
        : {
            excerpt: oneLine.length > EXCERPT_CHARS ? `${oneLine.slice(0, EXCERPT_CHARS - 1)}…` : oneLine,
            authorKind: row.lm_author_kind,
            visibility: row.lm_visibility,
            seq: row.lm_seq,
            at: new Date(row.lm_created_at),
          },
    unread: Number(row.unread),
  };
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    conversationId: row.conversation_id,
    seq: row.seq,
    channelId: row.channel_id,
    providerMessageId: row.provider_message_id,
    direction: row.direction,
    author: { kind: row.author_kind, id: row.author_id },
    visibility: row.visibility,
    content: row.content as MessageContent,
    text: row.text,
    deliveryStatus: row.delivery_status,
    deliveryError: row.delivery_error,
    sentAt: row.sent_at,
    createdAt: new Date(row.created_at),
  };
}
