import { hashPassword, newId, randomToken } from '@parley/kernel';
import { BUILT_IN_ROLES, slugify, type Store } from '@parley/domain';

export interface BootstrapResult {
  workspaceId: string;
  adminEmail: string;
  /** Set only when the password was generated on this run (printed once, never stored in clear). */
  generatedPassword: string | null;
  created: boolean;
}

/**
 * First start: creates the workspace and its administrator; later starts find them and do
 * nothing. Safe when several processes start together (the second sees the first's rows or
 * fails on the unique slug and re-reads).
 */
export async function bootstrapInstance(store: Store, input: { adminEmail?: string | undefined; adminPassword?: string | undefined; workspaceName?: string }): Promise<BootstrapResult> {
  const existing = await store.read.workspaces.first();
  const adminEmail = input.adminEmail ?? 'admin@parley.local';
  if (existing) {
    // Built-in roles may gain permissions in a new version: keep them in step on every start.
    await store.transaction((tx) => tx.access.upsertRoles(existing.id, BUILT_IN_ROLES, true));
    return { workspaceId: existing.id, adminEmail, generatedPassword: null, created: false };
  }
  const generatedPassword = input.adminPassword ? null : randomToken(16);
  const passwordHash = await hashPassword(input.adminPassword ?? (generatedPassword as string));
  const name = input.workspaceName ?? 'Parley';
  try {
    return await store.transaction(async (tx) => {
      const workspace = await tx.workspaces.create({ id: newId(), name, slug: slugify(name), timeZone: 'Europe/Paris', locale: 'fr' });
      await tx.access.upsertRoles(workspace.id, BUILT_IN_ROLES, true);
      const user = (await tx.access.findUserByEmail(adminEmail)) ?? (await tx.access.createUser({ id: newId(), email: adminEmail, name: 'Admin', passwordHash }));
      await tx.access.addMembership(workspace.id, user.id, 'admin');
      await tx.events.record({ workspaceId: workspace.id, type: 'workspace.created', payload: { name }, actor: { kind: 'system', id: null } });
      return { workspaceId: workspace.id, adminEmail, generatedPassword, created: true };
    });
  } catch (error) {
    const raced = await store.read.workspaces.first();
    if (raced) return { workspaceId: raced.id, adminEmail, generatedPassword: null, created: false };
    throw error;
  }
}

/** Creates another workspace with its built-in roles and makes the user its admin (tenancy tests, multi-brand setups). */
export async function createWorkspace(store: Store, input: { name: string; adminUserId: string }): Promise<string> {
  return store.transaction(async (tx) => {
    let slug = slugify(input.name);
    if (await tx.workspaces.slugExists(slug)) slug = `${slug}-${randomToken(16).slice(0, 6).toLowerCase()}`;
    const workspace = await tx.workspaces.create({ id: newId(), name: input.name, slug, timeZone: 'Europe/Paris', locale: 'fr' });
    await tx.access.upsertRoles(workspace.id, BUILT_IN_ROLES, true);
    await tx.access.addMembership(workspace.id, input.adminUserId, 'admin');
    return workspace.id;
  });
}
