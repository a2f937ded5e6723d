import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LUMI_BOT, parseBotDefinition } from '@parley/bots';
import { PgBotRepository } from '../repositories/bot.repository.js';
import { createTestDatabase } from '../testing/index.js';
import { up } from './0015-bot-versions.js';

describe('migration 0015: bot version history', () => {
  it('starts the history of existing bots with their draft and their published definition', async () => {
    const database = await createTestDatabase();
    const db = database.db as unknown as Kysely<unknown>;
    try {
      const workspaceId = '0190a8a0-0000-7000-8000-000000000001';
      await sql`insert into workspaces (id, name, slug, time_zone, locale, created_at) values (${workspaceId}, 'w', 'w', 'UTC', 'fr', now())`.execute(db);
      const parsed = parseBotDefinition(LUMI_BOT);
      if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
      const repo = new PgBotRepository(db);
      const bot = await repo.create({ id: '0190a8a0-0000-7000-8000-000000000002', workspaceId, definition: parsed.definition, now: new Date() });
      await repo.publish(workspaceId, bot.id, new Date());
      await repo.saveDraft(workspaceId, bot.id, { ...parsed.definition, name: 'Lumi 2' }, new Date());
      // As before the migration: bots exist, no history.
      await sql`drop table bot_versions`.execute(db);
      await up(db);
      const versions = await repo.listVersions(workspaceId, bot.id, 10);
      expect(versions.map((v) => [v.version, v.name, v.publishedAt !== null, v.savedBy])).toEqual([
        [2, 'Lumi 2', false, null],
        [1, 'Lumi', true, null],
      ]);
      expect((await repo.getVersion(workspaceId, bot.id, 1))?.definition).toEqual(parsed.definition);
    } finally {
      await database.close();
    }
  });
});
