import type { Kysely } from 'kysely';
import type { Workspace, WorkspaceRepository } from '@parley/domain';
import type { Database, WorkspaceRow } from '../schema.js';

export class PgWorkspaceRepository implements WorkspaceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: { id: string; name: string; slug: string; timeZone: string; locale: string }): Promise<Workspace> {
    const row = await this.db
      .insertInto('workspaces')
      .values({ id: input.id, name: input.name, slug: input.slug, time_zone: input.timeZone, locale: input.locale })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toWorkspace(row);
  }

  async update(id: string, patch: { name?: string; timeZone?: string; locale?: string }): Promise<Workspace | null> {
    const row = await this.db
      .updateTable('workspaces')
      .set({
        updated_at: new Date(),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
        ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toWorkspace(row) : null;
  }

  async get(id: string): Promise<Workspace | null> {
    const row = await this.db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toWorkspace(row) : null;
  }

  async first(): Promise<Workspace | null> {
    const row = await this.db.selectFrom('workspaces').selectAll().orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
    return row ? toWorkspace(row) : null;
  }

  async slugExists(slug: string): Promise<boolean> {
    const row = await this.db.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirst();
    return row !== undefined;
  }
}

function toWorkspace(row: WorkspaceRow): Workspace {
  return { id: row.id, name: row.name, slug: row.slug, timeZone: row.time_zone, locale: row.locale, createdAt: row.created_at };
}
