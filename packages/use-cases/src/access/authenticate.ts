import { AppError, hashPassword, newId, randomToken, sha256Hex, verifyPassword } from '@parley/kernel';
import { isPermission, requirePermission, type Permission, type Principal, type Store } from '@parley/domain';
import type { Clock } from '@parley/kernel';

// A fixed argon2id hash to compare against when the email is unknown, so that a wrong
// email takes as long as a wrong password (no account enumeration by timing).
let decoyHash: Promise<string> | null = null;

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; email: string; name: string };
  workspaceId: string;
  role: string;
}

/**
 * Password login: verifies the password and opens a session in the user's workspace. Only
 * the SHA-256 of the session token is stored; the token itself goes into an httpOnly cookie.
 *
 * @example
 * const { sessionToken, csrfToken } = await login(store, clock, { email, password }, 12);
 */
export async function login(
  store: Store,
  clock: Clock,
  input: { email: string; password: string; workspaceId?: string | undefined },
  ttlHours: number,
): Promise<LoginResult> {
  const user = await store.read.access.findUserByEmail(input.email);
  if (!user || !user.passwordHash) {
    decoyHash ??= hashPassword(randomToken(16));
    await verifyPassword(await decoyHash, input.password);
    throw new AppError('invalid_credentials', 'Wrong email or password');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) throw new AppError('invalid_credentials', 'Wrong email or password');
  const memberships = await store.read.access.listMemberships(user.id);
  const membership = input.workspaceId ? memberships.find((m) => m.workspaceId === input.workspaceId) : memberships[0];
  if (!membership) throw new AppError('invalid_credentials', 'This user has no access to that workspace');
  const sessionToken = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(clock.now().getTime() + ttlHours * 3_600_000);
  await store.transaction(async (tx) => {
    await tx.access.createSession({ tokenHash: sha256Hex(sessionToken), userId: user.id, workspaceId: membership.workspaceId, csrfToken, expiresAt });
    await tx.events.record({ workspaceId: membership.workspaceId, type: 'user.logged_in', payload: {}, actor: { kind: 'user', id: user.id } });
  });
  return { sessionToken, csrfToken, expiresAt, user: { id: user.id, email: user.email, name: user.name }, workspaceId: membership.workspaceId, role: membership.roleKey };
}

export async function logout(store: Store, sessionToken: string): Promise<void> {
  await store.transaction((tx) => tx.access.deleteSession(sha256Hex(sessionToken)));
}

function toPrincipal(userId: string, workspaceId: string, roleKey: string, permissions: string[], via: Principal['via']): Principal {
  return { userId, workspaceId, roleKey, permissions: new Set(permissions.filter(isPermission) as Permission[]), via };
}

/** The principal behind a session cookie, or null when unknown or expired. */
export async function principalFromSession(store: Store, clock: Clock, sessionToken: string): Promise<(Principal & { csrfToken: string }) | null> {
  const session = await store.read.access.findSession(sha256Hex(sessionToken), clock.now());
  if (!session) return null;
  const membership = await store.read.access.getMembership(session.workspaceId, session.userId);
  if (!membership) return null;
  return { ...toPrincipal(session.userId, session.workspaceId, membership.roleKey, membership.permissions, 'session'), csrfToken: session.csrfToken };
}

/** The principal behind an `Authorization: Bearer` API token, or null when unknown or revoked. */
export async function principalFromApiToken(store: Store, clock: Clock, token: string): Promise<Principal | null> {
  const record = await store.read.access.findApiToken(sha256Hex(token));
  if (!record || record.revokedAt) return null;
  const membership = await store.read.access.getMembership(record.workspaceId, record.userId);
  if (!membership) return null;
  await store.read.access.touchApiToken(record.id, clock.now());
  return toPrincipal(record.userId, record.workspaceId, membership.roleKey, membership.permissions, 'api_token');
}

/**
 * Creates an API token acting as the calling user in their workspace. The token is returned
 * once; only its hash is stored.
 */
export async function createApiToken(store: Store, principal: Principal, name: string): Promise<{ id: string; token: string; name: string; createdAt: Date }> {
  requirePermission(principal, 'api_tokens:manage');
  const token = `prly_${randomToken(32)}`;
  const record = await store.transaction(async (tx) => {
    const created = await tx.access.createApiToken({ id: newId(), workspaceId: principal.workspaceId, userId: principal.userId, name, tokenHash: sha256Hex(token) });
    await tx.events.record({ workspaceId: principal.workspaceId, type: 'api_token.created', payload: { tokenId: created.id, name }, actor: { kind: 'user', id: principal.userId } });
    return created;
  });
  return { id: record.id, token, name: record.name, createdAt: record.createdAt };
}

export async function revokeApiToken(store: Store, clock: Clock, principal: Principal, id: string): Promise<void> {
  requirePermission(principal, 'api_tokens:manage');
  const revoked = await store.transaction(async (tx) => {
    const done = await tx.access.revokeApiToken(principal.workspaceId, id, clock.now());
    if (done) await tx.events.record({ workspaceId: principal.workspaceId, type: 'api_token.revoked', payload: { tokenId: id }, actor: { kind: 'user', id: principal.userId } });
    return done;
  });
  if (!revoked) throw new AppError('api_token_not_found', `API token ${id} does not exist or is already revoked`);
}
