import type { Kysely } from 'kysely';
import type { TeamRecord, TeamRepository } from '@parley/domain';
import type { Database } from '../schema.js';

export class PgTeamRepository implements TeamRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(workspaceId: string, id: string, name: string): Promise<TeamRecord> {
    await this.db.insertInto('teams').values({ id, workspace_id: workspaceId, name }).execute();
    return { id, name, memberIds: [] };
  }

  async list(workspaceId: string): Promise<TeamRecord[]> {
    const teams = await this.db.selectFrom('teams').select(['id', 'name']).where('workspace_id', '=', workspaceId).orderBy('name').execute();
    const members = await this.db.selectFrom('team_members').select(['team_id', 'user_id']).where('workspace_id', '=', workspaceId).execute();
    return teams.map((t) => ({ id: t.id, name: t.name, memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.user_id) }));
  }

  async get(workspaceId: string, id: string): Promise<TeamRecord | null> {
    return (await this.list(workspaceId)).find((t) => t.id === id) ?? null;
  }

  async addMember(workspaceId: string, teamId: string, userId: string): Promise<void> {
    await this.db.insertInto('team_members').values({ workspace_id: workspaceId, team_id: teamId, user_id: userId }).onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing()).execute();
  }

  async removeMember(workspaceId: string, teamId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('team_members').where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
