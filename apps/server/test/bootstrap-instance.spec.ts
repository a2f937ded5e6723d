// bootstrapInstance (first start: a workspace and its administrator) on a real PGlite database.
// Use-case tests may not import the storage driver (lint boundary), so it lives here.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyPassword } from '@parley/kernel';
import { BUILT_IN_ROLES, type Store } from '@parley/domain';
import { createPgStore, type DatabaseHandle } from '@parley/storage-pg';
import { createTestDatabase } from '@parley/storage-pg/testing';
import { bootstrapInstance } from '@parley/use-cases';

let handle: DatabaseHandle | null = null;
afterEach(async () => {
  await handle?.close();
  handle = null;
});

/** bootstrapInstance looks at the whole database: every test starts from an empty one. */
async function emptyStore(): Promise<Store> {
  handle = await createTestDatabase('pglite');
  return createPgStore(handle.db, { enqueue: async () => ({ id: 'unused', created: true }), publish: async () => undefined });
}

async function adminOf(store: Store, email: string, workspaceId: string) {
  const user = await store.read.access.findUserByEmail(email);
  const membership = user ? await store.read.access.getMembership(workspaceId, user.id) : null;
  return { user, membership };
}

describe('bootstrapInstance', () => {
  it('first start: creates the workspace and an admin whose generated password works; it is returned once', async () => {
    const store = await emptyStore();
    const first = await bootstrapInstance(store, {});
    expect(first).toMatchObject({ created: true, adminEmail: 'admin@parley.local' });
    expect(first.generatedPassword).toMatch(/^\S{16,}$/);

    const { user, membership } = await adminOf(store, 'admin@parley.local', first.workspaceId);
    expect(membership?.roleKey).toBe('admin');
    expect(user?.passwordHash).not.toContain(first.generatedPassword);
    expect(await verifyPassword(user?.passwordHash as string, first.generatedPassword as string)).toBe(true);
    expect(await verifyPassword(user?.passwordHash as string, 'not the password')).toBe(false);
    const workspace = await store.read.workspaces.first();
    expect(workspace).toMatchObject({ id: first.workspaceId, name: 'Parley' });

    // Later starts find them, print nothing and keep the password.
    const again = await bootstrapInstance(store, {});
    expect(again).toEqual({ workspaceId: first.workspaceId, adminEmail: 'admin@parley.local', generatedPassword: null, created: false });
    const after = await adminOf(store, 'admin@parley.local', first.workspaceId);
    expect(after.user?.id).toBe(user?.id);
    expect(await verifyPassword(after.user?.passwordHash as string, first.generatedPassword as string)).toBe(true);
  });

  it('uses PARLEY_ADMIN_EMAIL / PARLEY_ADMIN_PASSWORD when given, and generates nothing', async () => {
    const store = await emptyStore();
    const result = await bootstrapInstance(store, { adminEmail: 'boss@example.com', adminPassword: 'a long chosen password', workspaceName: 'Maison Lumière' });
    expect(result).toMatchObject({ created: true, adminEmail: 'boss@example.com', generatedPassword: null });
    const { user, membership } = await adminOf(store, 'boss@example.com', result.workspaceId);
    expect(membership?.roleKey).toBe('admin');
    expect(await verifyPassword(user?.passwordHash as string, 'a long chosen password')).toBe(true);
    expect(await store.read.workspaces.first()).toMatchObject({ name: 'Maison Lumière', slug: 'maison-lumiere' });
  });

  it('gives the built-in roles to the workspace, and restores them on a later start', async () => {
    const store = await emptyStore();
    const { workspaceId } = await bootstrapInstance(store, {});
    const admin = BUILT_IN_ROLES.find((r) => r.key === 'admin');
    const { user } = await adminOf(store, 'admin@parley.local', workspaceId);
    const permissions = async () => (await store.read.access.getMembership(workspaceId, user?.id as string))?.permissions.sort();
    expect(await permissions()).toEqual([...(admin?.permissions ?? [])].sort());
    // A built-in role that lost permissions (an older version's set) gets the current set back.
    await sql`update roles set permissions = ${['conversations:read']} where key = 'admin'`.execute((handle as DatabaseHandle).db);
    expect(await permissions()).toEqual(['conversations:read']);
    await bootstrapInstance(store, {});
    expect(await permissions()).toEqual([...(admin?.permissions ?? [])].sort());
  });

  it('two starts at the same time make one workspace; only one of them gets the password', async () => {
    const store = await emptyStore();
    const results = await Promise.all([bootstrapInstance(store, {}), bootstrapInstance(store, {})]);
    expect(new Set(results.map((r) => r.workspaceId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.filter((r) => r.generatedPassword !== null)).toHaveLength(1);
  });
});
