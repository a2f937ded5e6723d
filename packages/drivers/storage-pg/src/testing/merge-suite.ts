import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@parley/kernel';
import type { NormalizedIdentity, Store } from '@parley/domain';
import { createPgStore } from '../pg-store.js';
import { createTestDatabase, type TestBackend } from './test-database.js';

/**
 * The merge repository's contract on one backend: a merge moves identities, consents and
 * conversations and records a snapshot; an undo restores both profiles exactly or refuses;
 * suggestions keep a dismissal; identity owners match phones across SMS and WhatsApp.
 *
 * @example
 * describeMergeRepositorySuite('pglite');
 */
export function describeMergeRepositorySuite(backend: TestBackend): void {
  describe(`customer merges on ${backend}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let store: Store;
    let ws: string;
    let other: string;
    let channelId: string;
    const system = { kind: 'system' as const, id: null };
    const agent = { kind: 'user' as const, id: 'u1' };

    beforeAll(async () => {
      handle = await createTestDatabase(backend);
      store = createPgStore(handle.db, { enqueue: async () => ({ id: newId(), created: true }), publish: async () => undefined });
      ws = newId();
      other = newId();
      await store.transaction(async (tx) => {
        await tx.workspaces.create({ id: ws, name: 'A', slug: `a-${ws}`, timeZone: 'Europe/Paris', locale: 'fr' });
        await tx.workspaces.create({ id: other, name: 'B', slug: `b-${other}`, timeZone: 'Europe/Paris', locale: 'fr' });
        channelId = (await tx.channels.create({ id: newId(), workspaceId: ws, type: 'api', name: 'c', config: {}, sealedSecrets: {}, botId: null })).id;
      });
    });
    afterAll(async () => handle?.close());

    const identity = (kind: NormalizedIdentity['kind'], value: string, verified = true): NormalizedIdentity => ({
      kind,
      raw: value,
      value,
      scope: '',
      verified,
      provenance: 'channel',
    });

    async function customerWith(
      name: string | null,
      identities: NormalizedIdentity[],
      attributes: Record<string, unknown> = {},
    ): Promise<{ id: string; conversationId: string }> {
      const id = newId();
      const conversationId = newId();
      await store.transaction(async (tx) => {
        await tx.customers.create({ id, workspaceId: ws, displayName: name });
        for (const i of identities) await tx.customers.addIdentity(ws, id, i);
        if (Object.keys(attributes).length > 0) await tx.customers.mergeAttributes(ws, id, attributes, new Date('2026-01-01T00:00:00Z'));
        await tx.conversations.create({
          id: conversationId,
          workspaceId: ws,
          customerId: id,
          channelId,
          topic: '',
          status: 'resolved',
          handlerKind: 'none',
          now: new Date(),
        });
        await tx.consents.record({
          workspaceId: ws,
          customerId: id,
          addressKind: 'email',
          address: `${id}@x.fr`,
          purpose: 'marketing',
          channelType: null,
          status: 'granted',
          source: 't',
          actor: system,
        });
      });
      return { id, conversationId };
    }

    async function state(id: string) {
      const customer = await store.read.customers.get(ws, id);
      const conversations = (await store.read.conversations.list(ws, { customerId: id }, null, 50)).items;
      const consents = await store.read.consents.history(ws, [id]);
      return { customer, conversations, consents };
    }

    const merge = (source: string, target: string, workspaceId = ws) =>
      store.transaction((tx) =>
        tx.merges.merge({
          id: newId(),
          workspaceId,
          sourceCustomerId: source,
          targetCustomerId: target,
          reason: 'test',
          evidence: { identities: [] },
          provenance: 'agent',
          actor: agent,
          at: new Date(),
        }),
      );

    it('moves identities, consents and every conversation, fills what the target lacks and keeps conflicts', async () => {
      const a = await customerWith('Léa', [identity('phone', '+33611111111')], { plan: 'gold' });
      const b = await customerWith(null, [identity('email', `b-${newId()}@x.fr`)], { plan: 'free', vip: true });
      const record = await merge(b.id, a.id);
      expect(record.snapshot).toMatchObject({
        identityIds: expect.any(Array),
        conversationIds: [b.conversationId],
        conflicts: [{ field: 'attributes.plan', targetValue: 'gold', sourceValue: 'free' }],
      });
      const merged = await store.read.customers.get(ws, b.id);
      expect(merged?.id).toBe(a.id);
      expect(merged?.attributes).toEqual({ plan: 'gold', vip: true });
      expect(merged?.identities.map((i) => i.kind).sort()).toEqual(['email', 'phone']);
      expect((await store.read.conversations.get(ws, b.conversationId))?.customerId).toBe(a.id);
      expect((await store.read.customers.storyIds(ws, a.id)).sort()).toEqual([a.id, b.id].sort());
      expect((await store.read.merges.listForCustomers(ws, [b.id])).map((m) => m.id)).toEqual([record.id]);
    });

    it('undo restores both profiles exactly', async () => {
      const a = await customerWith(null, [identity('phone', '+33622222222')], { plan: 'gold' });
      const b = await customerWith('Bob', [identity('email', `b-${newId()}@x.fr`, false)], { plan: 'free', city: 'Lyon' });
      const before = [await state(a.id), await state(b.id)];
      const record = await merge(b.id, a.id);
      expect((await store.read.customers.get(ws, a.id))?.displayName).toBe('Bob');
      const undone = await store.transaction((tx) => tx.merges.undo(ws, record.id, agent, new Date()));
      expect(undone).toMatchObject({ ok: true, merge: { undoneAt: expect.any(Date), undoneBy: agent } });
      expect([await state(a.id), await state(b.id)]).toEqual(before);
      expect(await store.transaction((tx) => tx.merges.undo(ws, record.id, agent, new Date()))).toMatchObject({ ok: false, reason: 'already_undone' });
    });

    it('refuses an undo once a later merge moved the rows again, until that one is undone', async () => {
      const a = await customerWith(null, [identity('phone', '+33633333333')]);
      const b = await customerWith(null, [identity('email', `b-${newId()}@x.fr`)]);
      const c = await customerWith(null, []);
      const first = await merge(b.id, a.id);
      const second = await merge(a.id, c.id);
      expect(await store.transaction((tx) => tx.merges.undo(ws, first.id, agent, new Date()))).toMatchObject({ ok: false, reason: 'target_merged_since' });
      expect(await store.transaction((tx) => tx.merges.undo(ws, second.id, agent, new Date()))).toMatchObject({ ok: true });
      expect(await store.transaction((tx) => tx.merges.undo(ws, first.id, agent, new Date()))).toMatchObject({ ok: true });
      expect((await store.read.customers.get(ws, b.id))?.id).toBe(b.id);
    });

    it('refuses to merge a profile into itself, or one already merged', async () => {
      const a = await customerWith(null, []);
      const b = await customerWith(null, []);
      await expect(merge(a.id, a.id)).rejects.toMatchObject({ code: 'invalid_state' });
      await merge(b.id, a.id);
      await expect(merge(b.id, a.id)).rejects.toMatchObject({ code: 'invalid_state' });
    });

    it('stays inside its workspace', async () => {
      const a = await customerWith(null, []);
      const b = await customerWith(null, []);
      await expect(merge(b.id, a.id, other)).rejects.toMatchObject({ code: 'customer_not_found' });
      const record = await merge(b.id, a.id);
      expect(await store.read.merges.get(other, record.id)).toBeNull();
      expect(await store.transaction((tx) => tx.merges.undo(other, record.id, agent, new Date()))).toMatchObject({ ok: false, reason: 'not_found' });
    });

    it('finds identity owners, phones across SMS and WhatsApp, following merges', async () => {
      const number = `+3364${String(Date.now()).slice(-7)}`;
      const a = await customerWith(null, [identity('whatsapp', number)]);
      const owners = await store.read.merges.identityOwners(ws, [{ kind: 'phone', scope: '', value: number }]);
      expect(owners).toEqual([expect.objectContaining({ kind: 'whatsapp', value: number, customerId: a.id, verified: true })]);
      expect(await store.read.merges.identityOwners(other, [{ kind: 'phone', scope: '', value: number }])).toEqual([]);
    });

    it('keeps one suggestion per pair, refreshes it while open and remembers a dismissal', async () => {
      const a = await customerWith(null, []);
      const b = await customerWith(null, []);
      const evidence = { identities: [{ kind: 'email' as const, value: 'x@y.fr', targetVerified: false, sourceVerified: true }] };
      const s1 = await store.transaction((tx) =>
        tx.merges.suggest({ id: newId(), workspaceId: ws, customerIds: [a.id, b.id], evidence, score: 0.6, at: new Date() }),
      );
      const s2 = await store.transaction((tx) =>
        tx.merges.suggest({ id: newId(), workspaceId: ws, customerIds: [b.id, a.id], evidence, score: 0.9, at: new Date() }),
      );
      expect(s2).toMatchObject({ id: s1.id, score: 0.9, status: 'open' });
      expect((await store.read.merges.listSuggestions(ws, [a.id], 'open')).map((s) => s.id)).toEqual([s1.id]);
      await store.transaction((tx) => tx.merges.decideSuggestion(ws, s1.id, 'dismissed', agent, new Date()));
      const s3 = await store.transaction((tx) =>
        tx.merges.suggest({ id: newId(), workspaceId: ws, customerIds: [a.id, b.id], evidence, score: 1, at: new Date() }),
      );
      expect(s3).toMatchObject({ id: s1.id, status: 'dismissed', score: 0.9 });
      expect(await store.read.merges.listSuggestions(ws, [a.id], 'open')).toEqual([]);
      expect(await store.read.merges.listSuggestions(other, [a.id], null)).toEqual([]);
    });

    it('remembers the recipient chosen for a conversation on a channel', async () => {
      const a = await customerWith(null, []);
      await store.transaction((tx) => tx.recipients.set(ws, a.conversationId, { channelId, kind: 'phone', value: '+33600000001' }, new Date()));
      await store.transaction((tx) => tx.recipients.set(ws, a.conversationId, { channelId, kind: 'phone', value: '+33600000002' }, new Date()));
      expect(await store.read.recipients.get(ws, a.conversationId, channelId)).toEqual({ channelId, kind: 'phone', value: '+33600000002' });
      expect(await store.read.recipients.get(other, a.conversationId, channelId)).toBeNull();
      expect(await store.read.recipients.lastInboundAt(ws, [a.id], channelId)).toBeNull();
    });
  });
}
