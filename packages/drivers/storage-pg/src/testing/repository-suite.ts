import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type BusEvent } from '@parley/kernel';
import type { Store } from '@parley/domain';
import { createPgStore } from '../pg-store.js';
import { createTestDatabase, type TestBackend } from './test-database.js';

/**
 * The repositories' contract, run on PGlite (unit run) and on PostgreSQL (integration run), so
 * the same SQL is proven on both backends.
 */
export function describeRepositorySuite(backend: TestBackend): void {
  describe(`repositories on ${backend}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let store: Store;
    const published: BusEvent[] = [];
    let ws: string;
    let other: string;
    let channelId: string;

    beforeAll(async () => {
      handle = await createTestDatabase(backend);
      store = createPgStore(handle.db, {
        enqueue: async () => ({ id: newId(), created: true }),
        publish: async (e) => {
          published.push(e);
        },
      });
      ws = newId();
      other = newId();
      await store.transaction(async (tx) => {
        await tx.workspaces.create({ id: ws, name: 'A', slug: `a-${ws}`, timeZone: 'Europe/Paris', locale: 'fr' });
        await tx.workspaces.create({ id: other, name: 'B', slug: `b-${other}`, timeZone: 'Europe/Paris', locale: 'fr' });
        channelId = (await tx.channels.create({ id: newId(), workspaceId: ws, type: 'api', name: 'c', config: {}, sealedSecrets: {}, botId: null })).id;
      });
    });
    afterAll(async () => handle?.close());

    async function newCustomer(workspaceId = ws): Promise<string> {
      const id = newId();
      await store.transaction((tx) => tx.customers.create({ id, workspaceId, displayName: null }));
      return id;
    }

    async function newConversation(customerId: string): Promise<string> {
      const id = newId();
      await store.transaction((tx) =>
        tx.conversations.create({ id, workspaceId: ws, customerId, channelId, topic: '', status: 'open', handlerKind: 'none', now: new Date() }),
      );
      return id;
    }

    const message = (conversationId: string, providerMessageId: string | null, text: string) => ({
      id: newId(),
      workspaceId: ws,
      conversationId,
      channelId,
      providerMessageId,
      direction: 'inbound' as const,
      author: { kind: 'customer' as const, id: null },
      visibility: 'public' as const,
      content: { v: 1 as const, blocks: [{ type: 'text' as const, text }] },
      text,
      deliveryStatus: 'received' as const,
      createdAt: new Date(),
    });

    it('keeps identities unique per (workspace, kind, scope, value) and upgrades verification', async () => {
      const c1 = await newCustomer();
      const c2 = await newCustomer();
      const email = { kind: 'email' as const, raw: 'a@b.fr', scope: '', value: 'a@b.fr', verified: false, provenance: 'form' as const };
      const first = await store.transaction((tx) => tx.customers.addIdentity(ws, c1, email));
      const second = await store.transaction((tx) => tx.customers.addIdentity(ws, c2, { ...email, verified: true, provenance: 'channel' }));
      expect(first.created).toBe(true);
      expect(second).toMatchObject({ created: false, ownerId: c1 });
      // Proof presented for another profile does not vouch for c1's claim; c1's own proof does.
      expect((await store.read.customers.get(ws, c1))?.identities[0]?.verified).toBe(false);
      await store.transaction((tx) => tx.customers.addIdentity(ws, c1, { ...email, verified: true, provenance: 'channel' }));
      expect((await store.read.customers.get(ws, c1))?.identities[0]?.verified).toBe(true);
      // The same external id in another scope is another person.
      const ext = { kind: 'external_id' as const, raw: '42', value: '42', verified: true, provenance: 'channel' as const };
      await store.transaction((tx) => tx.customers.addIdentity(ws, c1, { ...ext, scope: 'site-1' }));
      expect(await store.read.customers.findByIdentity(ws, { kind: 'external_id', scope: 'site-1', value: '42' })).toBe(c1);
      expect(await store.read.customers.findByIdentity(ws, { kind: 'external_id', scope: 'site-2', value: '42' })).toBeNull();
      // Never across workspaces.
      expect(await store.read.customers.findByIdentity(other, { kind: 'email', scope: '', value: 'a@b.fr' })).toBeNull();
      expect(await store.read.customers.get(other, c1)).toBeNull();
    });

    it('deletes only empty profiles', async () => {
      const empty = await newCustomer();
      const used = await newCustomer();
      await store.transaction((tx) =>
        tx.customers.addIdentity(ws, used, { kind: 'phone', raw: '+33600000001', scope: '', value: '+33600000001', verified: false, provenance: 'form' }),
      );
      await store.transaction(async (tx) => {
        await tx.customers.deleteEmpty(ws, empty);
        await tx.customers.deleteEmpty(ws, used);
      });
      expect(await store.read.customers.get(ws, empty)).toBeNull();
      expect(await store.read.customers.get(ws, used)).not.toBeNull();
    });

    it('numbers messages without gaps under concurrent appends', async () => {
      const conversationId = await newConversation(await newCustomer());
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.transaction((tx) => tx.conversations.appendMessage(message(conversationId, `p-${conversationId}-${i}`, `m${i}`))),
        ),
      );
      const page = await store.read.conversations.listMessages(ws, conversationId, null, 100);
      expect(page.items.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await store.read.conversations.get(ws, conversationId))?.lastSeq).toBe(20);
    });

    it('refuses a second message with the same provider id on a channel', async () => {
      const conversationId = await newConversation(await newCustomer());
      await store.transaction((tx) => tx.conversations.appendMessage(message(conversationId, 'dup-1', 'a')));
      await expect(store.transaction((tx) => tx.conversations.appendMessage(message(conversationId, 'dup-1', 'b')))).rejects.toMatchObject({ code: '23505' });
      expect((await store.read.conversations.findMessageByProviderId(channelId, 'dup-1'))?.text).toBe('a');
    });

    it('rolls back only the failed savepoint and its events', async () => {
      const conversationId = await newConversation(await newCustomer());
      published.length = 0;
      await store.transaction(async (tx) => {
        await tx.savepoint(async () => {
          await tx.conversations.appendMessage(message(conversationId, 'sp-1', 'kept'));
          tx.publishAfterCommit({ name: 'message.received', workspaceId: ws, payload: { n: 1 } });
        });
        await tx
          .savepoint(async () => {
            await tx.conversations.appendMessage(message(conversationId, 'sp-2', 'undone'));
            tx.publishAfterCommit({ name: 'message.received', workspaceId: ws, payload: { n: 2 } });
            throw new Error('boom');
          })
          .catch(() => undefined);
      });
      const texts = (await store.read.conversations.listMessages(ws, conversationId, null, 10)).items.map((m) => m.text);
      expect(texts).toEqual(['kept']);
      await new Promise((r) => setTimeout(r, 10));
      expect(published.map((e) => e.payload)).toEqual([{ n: 1 }]);
    });

    it('paginates conversations with opaque cursors and rejects forged ones', async () => {
      const customer = await newCustomer();
      for (let i = 0; i < 5; i++) await newConversation(customer);
      const first = await store.read.conversations.list(ws, { customerId: customer }, null, 2);
      const second = await store.read.conversations.list(ws, { customerId: customer }, first.nextCursor, 2);
      const third = await store.read.conversations.list(ws, { customerId: customer }, second.nextCursor, 2);
      const ids = [...first.items, ...second.items, ...third.items].map((c) => c.id);
      expect(new Set(ids).size).toBe(5);
      expect(third.nextCursor).toBeNull();
      await expect(store.read.conversations.list(ws, {}, 'not-a-cursor', 2)).rejects.toMatchObject({ code: 'invalid_cursor' });
    });

    it('lists conversation summaries with the customer name, last message and unread count in one page', async () => {
      const named = newId();
      await store.transaction((tx) => tx.customers.create({ id: named, workspaceId: ws, displayName: 'Camille Martin' }));
      const empty = await newConversation(named);
      const busy = await newConversation(named);
      const long = `  Bonjour,\n\n  ma commande   ${'x'.repeat(300)}`;
      const [, second] = await store.transaction(async (tx) => {
        await tx.conversations.lock(ws, busy);
        return [await tx.conversations.appendMessage(message(busy, null, 'first')), await tx.conversations.appendMessage(message(busy, null, long))];
      });
      const note = {
        ...message(busy, null, 'internal note'),
        direction: 'internal' as const,
        author: { kind: 'agent' as const, id: null },
        visibility: 'note' as const,
        deliveryStatus: 'not_applicable' as const,
      };
      await store.transaction((tx) => tx.conversations.appendMessage(note));
      await store.transaction((tx) => tx.conversations.markRead(ws, busy, 'inbound', second!.seq - 1));

      const page = await store.read.conversations.listSummaries(ws, { customerId: named }, null, 10);
      expect(page.items.map((c) => c.id)).toEqual([busy, empty]);
      const [b, e] = page.items;
      expect(b).toMatchObject({ id: busy, lastSeq: 3, customer: { id: named, name: 'Camille Martin' }, unread: 1 });
      expect(b?.lastMessage).toMatchObject({ excerpt: 'internal note', authorKind: 'agent', visibility: 'note', seq: 3 });
      expect(b?.lastMessage?.at).toBeInstanceOf(Date);
      expect(e).toMatchObject({ id: empty, customer: { id: named, name: 'Camille Martin' }, lastMessage: null, unread: 0 });

      // The excerpt is one line, cut with an ellipsis; the cursor pages like list().
      const onlyLong = await newConversation(named);
      await store.transaction((tx) => tx.conversations.appendMessage(message(onlyLong, null, long)));
      const first = await store.read.conversations.listSummaries(ws, { customerId: named }, null, 1);
      expect(first.items[0]?.lastMessage?.excerpt).toMatch(/^Bonjour, ma commande x+…$/);
      expect(first.items[0]?.lastMessage?.excerpt.length).toBe(140);
      const rest = await store.read.conversations.listSummaries(ws, { customerId: named }, first.nextCursor, 10);
      expect(rest.items.map((c) => c.id)).toEqual([busy, empty]);
      expect(rest.nextCursor).toBeNull();
      // Scoped to the workspace, and filtered by status.
      expect((await store.read.conversations.listSummaries(other, { customerId: named }, null, 10)).items).toEqual([]);
      expect((await store.read.conversations.listSummaries(ws, { customerId: named, status: 'resolved' }, null, 10)).items).toEqual([]);
    });

    it('tells one story: messages and events of a customer in time order, across conversations', async () => {
      const customer = await newCustomer();
      const c1 = await newConversation(customer);
      const c2 = await newConversation(customer);
      const t0 = Date.now();
      await store.transaction(async (tx) => {
        await tx.conversations.appendMessage({ ...message(c1, null, 'first'), createdAt: new Date(t0) });
        await tx.events.record({
          workspaceId: ws,
          type: 'conversation.status_changed',
          customerId: customer,
          conversationId: c1,
          payload: { to: 'resolved' },
          actor: { kind: 'system', id: null },
          occurredAt: new Date(t0 + 1000),
        });
        await tx.conversations.appendMessage({ ...message(c2, null, 'second'), createdAt: new Date(t0 + 2000) });
      });
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.read.events.timeline(ws, [customer], cursor, 1);
        all.push(...page.items.map((e) => (e.kind === 'message' ? e.text : e.type)));
        cursor = page.nextCursor;
      } while (cursor);
      expect(all).toEqual(['first', 'conversation.status_changed', 'second']);
      expect((await store.read.events.timeline(other, [customer], null, 10)).items).toEqual([]);
    });

    it('reads the newest event of each type per conversation in one query, scoped to the workspace', async () => {
      const customer = await newCustomer();
      const c1 = await newConversation(customer);
      const c2 = await newConversation(customer);
      const t0 = Date.now();
      const event = (conversationId: string, type: string, note: string, at: number) =>
        ({
          workspaceId: ws,
          type,
          customerId: customer,
          conversationId,
          payload: { note },
          actor: { kind: 'user', id: 'u1' },
          occurredAt: new Date(at),
        }) as const;
      await store.transaction(async (tx) => {
        await tx.events.record(event(c1, 'conversation.help_requested', 'first', t0));
        await tx.events.record(event(c1, 'conversation.help_requested', 'second', t0 + 1000));
        await tx.events.record(event(c1, 'conversation.transferred', 'moved', t0 + 500));
        await tx.events.record(event(c2, 'conversation.status_changed', 'other type', t0));
      });
      const latest = await store.read.events.latestOfTypes(ws, [c1, c2], ['conversation.help_requested', 'conversation.transferred']);
      const view = latest.map((e) => [e.conversationId, e.type, e.payload.note, e.actor.id, e.occurredAt.getTime()]).sort();
      expect(view).toEqual(
        [
          [c1, 'conversation.help_requested', 'second', 'u1', t0 + 1000],
          [c1, 'conversation.transferred', 'moved', 'u1', t0 + 500],
        ].sort(),
      );
      expect(await store.read.events.latestOfTypes(other, [c1, c2], ['conversation.help_requested'])).toEqual([]);
      expect(await store.read.events.latestOfTypes(ws, [], ['conversation.help_requested'])).toEqual([]);
    });

    it('keeps the consent ledger and reads the latest record per address and purpose', async () => {
      const customer = await newCustomer();
      const base = {
        workspaceId: ws,
        customerId: customer,
        addressKind: 'email',
        address: 'x@y.fr',
        channelType: null,
        source: 'form',
        actor: { kind: 'system' as const, id: null },
      };
      await store.transaction(async (tx) => {
        await tx.consents.record({ ...base, purpose: 'marketing', status: 'granted' });
        await tx.consents.record({ ...base, purpose: 'marketing', status: 'revoked' });
        await tx.consents.record({ ...base, purpose: 'service', status: 'granted' });
      });
      const current = await store.read.consents.current(ws, [customer]);
      expect(current.map((c) => `${c.purpose}:${c.status}`).sort()).toEqual(['marketing:revoked', 'service:granted']);
      expect(await store.read.consents.current(other, [customer])).toEqual([]);
    });

    it('remembers idempotent responses per workspace and scope', async () => {
      await store.transaction((tx) => tx.idempotency.save(ws, 'reply:x', 'k1', 'h1', { ok: 1 }));
      expect(await store.read.idempotency.find(ws, 'reply:x', 'k1')).toEqual({ requestHash: 'h1', response: { ok: 1 } });
      expect(await store.read.idempotency.find(other, 'reply:x', 'k1')).toBeNull();
    });

    // Merges as records (and their undo) have their own contract suite: merge-suite.ts.

    it('merges attributes shallowly', async () => {
      const customer = await newCustomer();
      await store.transaction((tx) => tx.customers.mergeAttributes(ws, customer, { 'webchat.context': { page: '/a' }, plan: 'gold' }, new Date()));
      await store.transaction((tx) => tx.customers.mergeAttributes(ws, customer, { 'webchat.context': { cartValue: 12 } }, new Date()));
      await store.transaction((tx) => tx.customers.mergeAttributes(other, customer, { plan: 'stolen' }, new Date()));
      expect((await store.read.customers.get(ws, customer))?.attributes).toEqual({ 'webchat.context': { cartValue: 12 }, plan: 'gold' });
    });

    it('marks public messages of one direction read up to a sequence number, and a late "sent" never downgrades "read"', async () => {
      const conversationId = await newConversation(await newCustomer());
      const outbound = (text: string, visibility: 'public' | 'note' = 'public') => ({
        ...message(conversationId, null, text),
        direction: visibility === 'public' ? ('outbound' as const) : ('internal' as const),
        author: { kind: 'agent' as const, id: null },
        visibility,
        deliveryStatus: visibility === 'public' ? ('sent' as const) : ('not_applicable' as const),
      });
      const [m1, note, m2, m3] = await store.transaction(async (tx) => {
        await tx.conversations.lock(ws, conversationId);
        return [
          await tx.conversations.appendMessage(outbound('one')),
          await tx.conversations.appendMessage(outbound('note', 'note')),
          await tx.conversations.appendMessage({ ...outbound('two'), deliveryStatus: 'pending' }),
          await tx.conversations.appendMessage(outbound('three')),
        ];
      });
      const changed = await store.transaction((tx) => tx.conversations.markRead(ws, conversationId, 'outbound', m2!.seq));
      expect(changed).toEqual([
        { id: m1!.id, seq: m1!.seq },
        { id: m2!.id, seq: m2!.seq },
      ]);
      expect(await store.transaction((tx) => tx.conversations.markRead(ws, conversationId, 'outbound', m2!.seq))).toEqual([]);
      expect(await store.transaction((tx) => tx.conversations.markRead(other, conversationId, 'outbound', 99))).toEqual([]);
      await store.transaction((tx) => tx.conversations.setDeliveryStatus(ws, m2!.id, 'sent', null, new Date()));
      expect((await store.read.conversations.getMessage(ws, m2!.id))?.deliveryStatus).toBe('read');
      expect((await store.read.conversations.getMessage(ws, note!.id))?.deliveryStatus).toBe('not_applicable');
      expect((await store.read.conversations.getMessage(ws, m3!.id))?.deliveryStatus).toBe('sent');
    });
  });
}
