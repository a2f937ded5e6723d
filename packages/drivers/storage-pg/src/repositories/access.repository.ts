import { sql, type Kysely } from 'kysely';
import type { AccessRepository, ApiTokenRecord, MembershipRecord, RoleDefinition, SessionRecord, UserRecord } from '@parley/domain';
import type { Database } from '../schema.js';

export class PgAccessRepository implements AccessRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createUser(input: { id: string; email: string; name: string; passwordHash: string | null }): Promise<UserRecord> {
    await this.db.insertInto('users').values({ id: input.id, email: input.email, name: input.name, password_hash: input.passwordHash }).execute();
    return { ...input };
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const row = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'password_hash'])
      .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash } : null;
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').select(['id', 'email', 'name', 'password_hash']).where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash } : null;
  }

  async upsertRoles(workspaceId: string, roles: RoleDefinition[], builtIn: boolean): Promise<void> {
    if (roles.length === 0) return;
    await this.db
      .insertInto('roles')
      .values(roles.map((r) => ({ workspace_id: workspaceId, key: r.key, name: r.name, permissions: r.permissions, built_in: builtIn })))
      .onConflict((oc) => oc.columns(['workspace_id', 'key']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), permissions: eb.ref('excluded.permissions') })))
      .execute();
  }

  async addMembership(workspaceId: string, userId: string, roleKey: string): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ workspace_id: workspaceId, user_id: userId, role_key: roleKey })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ role_key: roleKey }))
      .execute();
  }

  async getMembership(workspaceId: string, userId: string): Promise<MembershipRecord | null> {
    const row = await this.db
      .selectFrom('memberships as m')
      .innerJoin('roles as r', (j) => j.onRef('r.workspace_id', '=', 'm.workspace_id').onRef('r.key', '=', 'm.role_key'))
      .select(['m.workspace_id', 'm.user_id', 'm.role_key', 'r.permissions'])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.user_id', '=', userId)
      .executeTakeFirst();
    return row ? { workspaceId: row.workspace_id, userId: row.user_id, roleKey: row.role_key, permissions: row.permissions } : null;
  }

  async listMemberships(userId: string): Promise<MembershipRecord[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('roles as r', (j) => j.onRef('r.workspace_id', '=', 'm.workspace_id').onRef('r.key', '=', 'm.role_key'))
      .select(['m.workspace_id', 'm.user_id', 'm.role_key', 'r.permissions'])
      .where('m.user_id', '=', userId)
      .orderBy('m.created_at')
      .execute();
    return rows.map((row) => ({ workspaceId: row.workspace_id, userId: row.user_id, roleKey: row.role_key, permissions: row.permissions }));
  }

  async listMembers(workspaceId: string): Promise<Array<UserRecord & { roleKey: string }>> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.email', 'u.name', 'm.role_key'])
      .where('m.workspace_id', '=', workspaceId)
      .orderBy('u.email')
      .execute();
    return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, passwordHash: null, roleKey: r.role_key }));
  }

  async createSession(input: { tokenHash: string; userId: string; workspaceId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ token_hash: input.tokenHash, user_id: input.userId, workspace_id: input.workspaceId, csrf_token: input.csrfToken, expires_at: input.expiresAt })
      .execute();
  }

  async findSession(tokenHash: string, now: Date): Promise<SessionRecord | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['user_id', 'workspace_id', 'csrf_token', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? { userId: row.user_id, workspaceId: row.workspace_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async createApiToken(input: { id: string; workspaceId: string; userId: string; name: string; tokenHash: string }): Promise<ApiTokenRecord> {
    const row = await this.db
      .insertInto('api_tokens')
      .values({ id: input.id, workspace_id: input.workspaceId, user_id: input.userId, name: input.name, token_hash: input.tokenHash })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, workspaceId: row.workspace_id, userId: row.user_id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
  }

  async findApiToken(tokenHash: string): Promise<ApiTokenRecord | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? { id: row.id, workspaceId: row.workspace_id, userId: row.user_id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at } : null;
  }

  async listApiTokens(workspaceId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
    return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id, userId: row.user_id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at }));
  }

  async revokeApiToken(workspaceId: string, id: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touchApiToken(id: string, now: Date): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
  }
}
