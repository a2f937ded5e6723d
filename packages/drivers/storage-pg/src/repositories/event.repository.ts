import { sql, type Kysely } from 'kysely';
import type { EventRepository, LatestEvent, Page, RecordedEvent, TimelineEntry } from '@parley/domain';
import type { Database } from '../schema.js';
import { decodeCursor, encodeCursor } from './cursor.js';

interface TimelineRow {
  kind: 'message' | 'event';
  at: Date;
  ref: string;
  conversation_id: string | null;
  channel_id: string | null;
  message_id: string | null;
  direction: string | null;
  author_kind: string;
  author_id: string | null;
  visibility: string | null;
  text: string | null;
  delivery_status: string | null;
  type: string | null;
  payload: Record<string, unknown> | null;
}

export class PgEventRepository implements EventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(event: RecordedEvent): Promise<void> {
    await this.db
      .insertInto('domain_events')
      .values({
        workspace_id: event.workspaceId,
        type: event.type,
        customer_id: event.customerId ?? null,
        conversation_id: event.conversationId ?? null,
        message_id: event.messageId ?? null,
        payload: JSON.stringify(event.payload ?? {}),
        actor_kind: event.actor.kind,
        actor_id: event.actor.id,
        ...(event.occurredAt ? { occurred_at: event.occurredAt } : {}),
      })
      .execute();
  }

  async latestOfTypes(workspaceId: string, conversationIds: string[], types: string[]): Promise<LatestEvent[]> {
    if (conversationIds.length === 0 || types.length === 0) return [];
    const result = await sql<{
      conversation_id: string;
      type: string;
      actor_kind: string;
      actor_id: string | null;
      payload: Record<string, unknown>;
      occurred_at: Date;
    }>`
      select distinct on (conversation_id, type) conversation_id, type, actor_kind, actor_id, payload, occurred_at
        from domain_events
       where workspace_id = ${workspaceId} and conversation_id = any(${conversationIds}::uuid[]) and type = any(${types}::text[])
       order by conversation_id, type, id desc`.execute(this.db);
    return result.rows.map((r) => ({
      conversationId: r.conversation_id,
      type: r.type,
      actor: { kind: r.actor_kind, id: r.actor_id } as LatestEvent['actor'],
      payload: r.payload,
      occurredAt: new Date(r.occurred_at),
    }));
  }

  async timeline(workspaceId: string, customerIds: string[], cursor: string | null, limit: number): Promise<Page<TimelineEntry>> {
    if (customerIds.length === 0) return { items: [], nextCursor: null };
    const after = decodeCursor(cursor, ['at', 'kind', 'ref']);
    // One story in time order: every message of the customer's conversations (any channel)
    // interleaved with the domain events about them. Ties break on (kind, ref) for a stable cursor.
    const afterClause = after
      ? sql`where (t.at, t.kind, t.ref) > (${new Date(String(after.at))}::timestamptz, ${String(after.kind)}, ${String(after.ref)})`
      : sql``;
    const result = await sql<TimelineRow>`
      select * from (
        select 'message' as kind, m.created_at as at, m.id::text as ref, m.conversation_id, m.channel_id, m.id as message_id,
               m.direction, m.author_kind, m.author_id, m.visibility, m.text, m.delivery_status, null::text as type, null::jsonb as payload
          from messages m
          join conversations c on c.id = m.conversation_id and c.workspace_id = m.workspace_id
         where m.workspace_id = ${workspaceId} and c.customer_id = any(${customerIds}::uuid[])
        union all
        select 'event' as kind, e.occurred_at as at, lpad(e.id::text, 20, '0') as ref, e.conversation_id, null, e.message_id,
               null, e.actor_kind, e.actor_id, null, null, null, e.type, e.payload
          from domain_events e
         where e.workspace_id = ${workspaceId} and e.customer_id = any(${customerIds}::uuid[])
      ) t
      ${afterClause}
      order by t.at, t.kind, t.ref
      limit ${limit + 1}`.execute(this.db);
    const rows = result.rows.slice(0, limit);
    const items: TimelineEntry[] = rows.map((r) => {
      const at = new Date(r.at);
      const cursorValue = encodeCursor({ at: at.toISOString(), kind: r.kind, ref: r.ref });
      if (r.kind === 'message') {
        return {
          kind: 'message',
          at,
          conversationId: r.conversation_id ?? '',
          channelId: r.channel_id ?? '',
          messageId: r.message_id ?? '',
          direction: r.direction ?? '',
          author: { kind: r.author_kind, id: r.author_id },
          visibility: r.visibility ?? 'public',
          text: r.text ?? '',
          deliveryStatus: r.delivery_status ?? '',
          cursor: cursorValue,
        };
      }
      return {
        kind: 'event',
        at,
        type: r.type ?? '',
        conversationId: r.conversation_id,
        messageId: r.message_id,
        payload: r.payload ?? {},
        actor: { kind: r.author_kind, id: r.author_id },
        cursor: cursorValue,
      };
    });
    const last = items.at(-1);
    return { items, nextCursor: result.rows.length > limit && last ? last.cursor : null };
  }
}
