import { AppError, hashPassword, newId } from '@parley/kernel';
import { requirePermission, type Principal, type Store } from '@parley/domain';

/** Adds a user to the caller's workspace with a role (creating the account if the email is new). */
export async function addUserToWorkspace(
  store: Store,
  principal: Principal,
  input: { email: string; name: string; password: string; role: string },
): Promise<{ id: string; email: string; name: string; role: string }> {
  requirePermission(principal, 'users:manage');
  const passwordHash = await hashPassword(input.password);
  return store.transaction(async (tx) => {
    const existing = await tx.access.findUserByEmail(input.email);
    if (existing && (await tx.access.getMembership(principal.workspaceId, existing.id))) throw new AppError('email_taken', 'This user is already a member of the workspace');
    if (existing) throw new AppError('email_taken', 'A user with this email already exists');
    const user = await tx.access.createUser({ id: newId(), email: input.email.trim(), name: input.name, passwordHash });
    try {
      await tx.access.addMembership(principal.workspaceId, user.id, input.role);
    } catch {
      throw new AppError('validation_failed', `Unknown role "${input.role}"`);
    }
    await tx.events.record({ workspaceId: principal.workspaceId, type: 'user.added', payload: { userId: user.id, role: input.role }, actor: { kind: 'user', id: principal.userId } });
    return { id: user.id, email: user.email, name: user.name, role: input.role };
  });
}
