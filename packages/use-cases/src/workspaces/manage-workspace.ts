import { AppError, newId } from '@parley/kernel';
import { actorOf, requirePermission, type Principal, type Store, type TeamRecord, type Workspace } from '@parley/domain';

/** True for any IANA zone ICU knows, aliases included (America/Montreal, Europe/Kiev…). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
export const SUPPORTED_LOCALES = ['fr', 'en'] as const;

export async function getWorkspace(store: Store, principal: Principal): Promise<Workspace> {
  const workspace = await store.read.workspaces.get(principal.workspaceId);
  if (!workspace) throw new AppError('workspace_not_found', 'The workspace no longer exists');
  return workspace;
}

/** Renames the workspace or changes its time zone (IANA) and default locale. */
export async function updateWorkspace(store: Store, principal: Principal, patch: { name?: string | undefined; timeZone?: string | undefined; locale?: string | undefined }): Promise<Workspace> {
  requirePermission(principal, 'workspace:manage');
  if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone)) throw new AppError('validation_failed', `Unknown time zone "${patch.timeZone}" (use an IANA name such as Europe/Paris)`);
  if (patch.locale !== undefined && !(SUPPORTED_LOCALES as readonly string[]).includes(patch.locale)) throw new AppError('validation_failed', `Unsupported locale "${patch.locale}"; supported: ${SUPPORTED_LOCALES.join(', ')}`);
  return store.transaction(async (tx) => {
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as { name?: string; timeZone?: string; locale?: string };
    const updated = await tx.workspaces.update(principal.workspaceId, clean);
    if (!updated) throw new AppError('workspace_not_found', 'The workspace no longer exists');
    await tx.events.record({ workspaceId: principal.workspaceId, type: 'workspace.updated', payload: clean, actor: actorOf(principal) });
    return updated;
  });
}

export async function createTeam(store: Store, principal: Principal, name: string): Promise<TeamRecord> {
  requirePermission(principal, 'users:manage');
  const existing = await store.read.teams.list(principal.workspaceId);
  if (existing.some((t) => t.name.toLowerCase() === name.toLowerCase())) throw new AppError('invalid_state', `A team named "${name}" already exists`);
  return store.transaction(async (tx) => {
    const team = await tx.teams.create(principal.workspaceId, newId(), name);
    await tx.events.record({ workspaceId: principal.workspaceId, type: 'team.created', payload: { teamId: team.id, name }, actor: actorOf(principal) });
    return team;
  });
}

/** Adds (or with `member: false` removes) a workspace member to a team. */
export async function setTeamMember(store: Store, principal: Principal, teamId: string, userId: string, member: boolean): Promise<TeamRecord> {
  requirePermission(principal, 'users:manage');
  return store.transaction(async (tx) => {
    const team = await tx.teams.get(principal.workspaceId, teamId);
    if (!team) throw new AppError('not_found', `Team ${teamId} does not exist`);
    if (!(await tx.access.getMembership(principal.workspaceId, userId))) throw new AppError('user_not_found', `User ${userId} is not a member of this workspace`);
    if (member) await tx.teams.addMember(principal.workspaceId, teamId, userId);
    else await tx.teams.removeMember(principal.workspaceId, teamId, userId);
    await tx.events.record({ workspaceId: principal.workspaceId, type: member ? 'team.member_added' : 'team.member_removed', payload: { teamId, userId }, actor: actorOf(principal) });
    return (await tx.teams.get(principal.workspaceId, teamId)) as TeamRecord;
  });
}
