import { sql, type Kysely } from 'kysely';
import type { Channel, ChannelRepository } from '@parley/domain';
import type { ChannelRow, Database } from '../schema.js';

export class PgChannelRepository implements ChannelRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: { id: string; workspaceId: string; type: string; name: string; config: Record<string, unknown>; sealedSecrets: unknown; botId: string | null }): Promise<Channel> {
    const row = await this.db
      .insertInto('channels')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        type: input.type,
        name: input.name,
        config: JSON.stringify(input.config),
        secrets: JSON.stringify(input.sealedSecrets),
        bot_id: input.botId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toChannel(row);
  }

  async get(workspaceId: string, id: string): Promise<Channel | null> {
    const row = await this.db.selectFrom('channels').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row ? toChannel(row) : null;
  }

  async getForInbound(id: string): Promise<(Channel & { sealedSecrets: unknown }) | null> {
    const row = await this.db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...toChannel(row), sealedSecrets: row.secrets } : null;
  }

  async getSecrets(workspaceId: string, id: string): Promise<unknown> {
    const row = await this.db.selectFrom('channels').select('secrets').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row?.secrets ?? null;
  }

  async list(workspaceId: string): Promise<Channel[]> {
    const rows = await this.db.selectFrom('channels').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
    return rows.map(toChannel);
  }

  async findForInboundByConfig(type: string, key: string, value: string): Promise<(Channel & { sealedSecrets: unknown }) | null> {
    const row = await this.db
      .selectFrom('channels')
      .selectAll()
      .where('type', '=', type)
      .where(sql<string>`config->>${key}`, '=', value)
      .orderBy('created_at')
      .executeTakeFirst();
    return row ? { ...toChannel(row), sealedSecrets: row.secrets } : null;
  }

  async listForInboundByType(type: string, limit: number): Promise<Array<Channel & { sealedSecrets: unknown }>> {
    const rows = await this.db.selectFrom('channels').selectAll().where('type', '=', type).orderBy('created_at').limit(limit).execute();
    return rows.map((row) => ({ ...toChannel(row), sealedSecrets: row.secrets }));
  }
}

function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    type: row.type,
    name: row.name,
    config: row.config,
    botId: row.bot_id,
    enabled: row.enabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
