import { AppError } from '@parley/kernel';
import type { Permission } from './permissions.js';

/** Who is acting, resolved at the edge from a session cookie or an API token. */
export interface Principal {
  userId: string;
  workspaceId: string;
  roleKey: string;
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'api_token';
}

/** The actor recorded on every write. */
export type Actor = { kind: 'user'; id: string } | { kind: 'customer'; id: string } | { kind: 'bot'; id: string } | { kind: 'system'; id: string | null };

export function actorOf(principal: Principal): Actor {
  return { kind: 'user', id: principal.userId };
}

/** Throws `forbidden` unless the principal holds the permission. */
export function requirePermission(principal: Principal, permission: Permission): void {
  if (!principal.permissions.has(permission)) {
    throw new AppError('forbidden', `This action needs the "${permission}" permission`);
  }
}
