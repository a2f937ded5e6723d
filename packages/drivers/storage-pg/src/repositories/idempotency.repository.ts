import type { Kysely } from 'kysely';
import type { IdempotencyRepository } from '@parley/domain';
import type { Database } from '../schema.js';

export class PgIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(workspaceId: string, scope: string, key: string): Promise<{ requestHash: string; response: unknown } | null> {
    const row = await this.db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response'])
      .where('workspace_id', '=', workspaceId)
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? { requestHash: row.request_hash, response: row.response } : null;
  }

  async save(workspaceId: string, scope: string, key: string, requestHash: string, response: unknown): Promise<void> {
    await this.db
      .insertInto('idempotency_keys')
      .values({ workspace_id: workspaceId, scope, key, request_hash: requestHash, response: JSON.stringify(response) })
      .execute();
  }
}
