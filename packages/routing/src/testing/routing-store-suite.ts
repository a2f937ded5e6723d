import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptOffer,
  changePresence,
  dispatchAgent,
  dispatchConversation,
  enqueueForRouting,
  pullFromQueue,
  releaseConversation,
  takeOverConversation,
  transferConversation,
  withdrawOffer,
} from '../engine.js';
import { defaultQueue, noAttributes, type AgentProfile, type ChannelCapacity, type ItemAttributes, type RoutingQueue } from '../model.js';
import type { RoutingStore } from '../ports.js';

/** One isolated workspace of a store under test. */
export interface RoutingWorkspaceFixture {
  workspaceId: string;
  /** A conversation the store may reference (the SQL store has foreign keys); a new customer unless given. */
  newConversation(customerId?: string): Promise<{ conversationId: string; customerId: string; channelId: string }>;
  /** A user who may get a routing profile. */
  newUser(): Promise<string>;
}

export interface RoutingStoreFixture {
  store: RoutingStore;
  newWorkspace(): Promise<RoutingWorkspaceFixture>;
  close(): Promise<void>;
}

const CAP: ChannelCapacity = { voice: 1, chat: 2, async: 5, total: 3 };

/**
 * The routing store contract: every store (memory, PostgreSQL on PGlite and on a server) runs
 * it. It covers persistence round trips and the engine's guarantees on that store: skills and
 * proficiency, capacity under concurrency, one assignment per conversation, preferred advisor,
 * offers, pull, transfer and release.
 *
 * @example
 * describeRoutingStoreSuite('memory', async () => ({ store: new MemoryRoutingStore(), newWorkspace: ..., close: async () => {} }));
 */
export function describeRoutingStoreSuite(name: string, setup: () => Promise<RoutingStoreFixture>): void {
  describe(`routing store contract: ${name}`, () => {
    let fixture: RoutingStoreFixture;
    let store: RoutingStore;
    let clock = new Date('2026-01-05T10:00:00Z');
    const tick = (sec: number) => (clock = new Date(clock.getTime() + sec * 1000));

    beforeAll(async () => {
      fixture = await setup();
      store = fixture.store;
    });
    afterAll(async () => fixture?.close());

    async function workspace(queuePatch: Partial<RoutingQueue> = {}) {
      const ws = await fixture.newWorkspace();
      const queue = defaultQueue({
        id: crypto.randomUUID(),
        workspaceId: ws.workspaceId,
        name: 'Billing',
        isDefault: true,
        requiredSkills: [{ skill: 'billing', minLevel: 3 }],
        ...queuePatch,
      });
      await store.transaction((repo) => repo.saveQueue(queue));
      const agent = async (
        name: string,
        patch: { skills?: Record<string, number>; languages?: string[]; capacity?: ChannelCapacity; online?: boolean } = {},
      ): Promise<AgentProfile> => {
        const agentId = await ws.newUser();
        await store.transaction((repo) =>
          repo.saveAgent(
            {
              agentId,
              workspaceId: ws.workspaceId,
              name,
              skills: patch.skills ?? { billing: 4 },
              languages: patch.languages ?? ['fr'],
              teamIds: [],
              capacity: patch.capacity ?? CAP,
            },
            clock,
          ),
        );
        if (patch.online ?? true) await store.transaction((repo) => changePresence(repo, ws.workspaceId, agentId, 'online', null, clock));
        return (await store.read.getAgent(ws.workspaceId, agentId)) as AgentProfile;
      };
      const conversation = async (attributes: Partial<ItemAttributes> = {}, customerId?: string) => {
        const c = await ws.newConversation(customerId);
        await store.transaction((repo) =>
          enqueueForRouting(
            repo,
            {
              workspaceId: ws.workspaceId,
              conversationId: c.conversationId,
              customerId: c.customerId,
              channelId: c.channelId,
              channelKind: 'chat',
              attributes: noAttributes({ language: 'fr', ...attributes }),
            },
            clock,
          ),
        );
        return c;
      };
      const dispatch = (conversationId: string) => store.transaction((repo) => dispatchConversation(repo, ws.workspaceId, conversationId, clock));
      return { ws, queue, agent, conversation, dispatch, id: ws.workspaceId };
    }

    it('round-trips queues and advisor settings; settings keep presence and load', async () => {
      const { id, queue, agent } = await workspace({
        businessHours: { timeZone: 'Europe/Paris', windows: [{ day: 1, open: '09:00', close: '18:00' }], holidays: ['2026-05-01'] },
        overflow: null,
      });
      expect(await store.read.getQueue(id, queue.id)).toEqual(queue);
      expect((await store.read.listQueues(id)).map((q) => q.id)).toEqual([queue.id]);
      const lea = await agent('Léa');
      expect(lea).toMatchObject({ name: 'Léa', presence: 'online', skills: { billing: 4 }, capacity: CAP, load: { voice: 0, chat: 0, async: 0, total: 0 } });
      await store.transaction((repo) => repo.reserveSlot(id, lea.agentId, 'chat', clock));
      const updated = await store.transaction((repo) => repo.saveAgent({ ...lea, skills: { billing: 5 } }, clock));
      expect(updated).toMatchObject({ presence: 'online', skills: { billing: 5 }, load: { chat: 1, total: 1 } });
      const away = await store.transaction((repo) => changePresence(repo, id, lea.agentId, 'away', 'break', clock));
      expect(away).toMatchObject({ presence: 'away', presenceReason: 'break' });
      expect(await store.transaction((repo) => repo.deleteQueue(id, queue.id))).toBe(true);
      expect(await store.read.getQueue(id, queue.id)).toBeNull();
    });

    it('assigns the most proficient qualified advisor, with the explanation', async () => {
      const { agent, conversation, dispatch } = await workspace({ languages: ['fr'] });
      await agent('Marc', { skills: { billing: 3 } });
      const lea = await agent('Léa', { skills: { billing: 5 } });
      await agent('Zoé', { skills: { billing: 5 }, languages: ['en'] });
      await agent('Tom', { skills: { billing: 2, sales: 5 } });
      const c = await conversation();
      const { applied } = await dispatch(c.conversationId);
      expect(applied[0]).toMatchObject({ kind: 'assign', agentId: lea.agentId });
      expect(applied[0]?.explanation.text.en).toMatch(/^assigned to Léa: skill billing 5\/5, French, load 1\/2, waited 0 s/);
    });

    it('never exceeds capacity and never assigns a conversation twice, under concurrency', async () => {
      const { id, agent, conversation, dispatch } = await workspace();
      const agents = await Promise.all([agent('A1'), agent('A2'), agent('A3')]);
      const conversations = [];
      for (let i = 0; i < 12; i++) conversations.push(await conversation());
      // Every conversation dispatched three times at once, all in parallel.
      await Promise.all(conversations.flatMap((c) => [dispatch(c.conversationId), dispatch(c.conversationId), dispatch(c.conversationId)]));
      await Promise.all(agents.map((a) => store.transaction((repo) => dispatchAgent(repo, id, a.agentId, clock))));
      const active = await store.read.listAssignments(id, { statuses: ['offered', 'active'], limit: 100 });
      expect(active).toHaveLength(6); // 3 advisors × 2 chats
      expect(new Set(active.map((a) => a.conversationId)).size).toBe(6);
      for (const a of agents) {
        const profile = (await store.read.getAgent(id, a.agentId)) as AgentProfile;
        const mine = active.filter((x) => x.agentId === a.agentId).length;
        expect(profile.load.chat).toBe(mine);
        expect(mine).toBeLessThanOrEqual(2);
      }
      expect(await store.read.listItems(id, { statuses: ['waiting'], limit: 100 })).toHaveLength(6);
      const waiting = await store.read.listItems(id, { statuses: ['waiting'], limit: 100 });
      const newest = waiting.at(-1)?.requestedAt as Date;
      expect(await store.read.listItems(id, { statuses: ['waiting'], requestedSince: newest, limit: 100 })).toEqual(
        waiting.filter((i) => i.requestedAt >= newest),
      );
      expect(await store.read.listItems(id, { statuses: ['waiting'], requestedSince: new Date(newest.getTime() + 1), limit: 100 })).toEqual([]);

      // Releasing one frees a slot that the advisor's dispatch fills with the oldest waiting one.
      const done = active[0];
      const released = await store.transaction((repo) => releaseConversation(repo, id, done?.conversationId as string, clock));
      expect(released.freedAgentIds).toEqual([done?.agentId]);
      const next = await store.transaction((repo) => dispatchAgent(repo, id, done?.agentId as string, clock));
      expect(next.applied).toHaveLength(1);
      expect((await store.read.getAgent(id, done?.agentId as string))?.load.chat).toBe(2);
    });

    it('waits for a busy preferred advisor, then falls back; the last advisor is remembered', async () => {
      const { id, agent, conversation, dispatch } = await workspace({ preferredAgentWaitSec: 60 });
      const marc = await agent('Marc', { capacity: { voice: 1, chat: 1, async: 1, total: 1 } });
      const lea = await agent('Léa', { skills: { billing: 5 } });
      const first = await conversation({ preferredAgentId: marc.agentId, preferredReason: 'assigned_advisor' });
      expect((await dispatch(first.conversationId)).applied[0]).toMatchObject({ kind: 'assign', agentId: marc.agentId });

      // Same customer again: Marc is remembered as the last advisor, but he is full.
      const second = await conversation({}, first.customerId);
      expect((await store.read.getItem(id, second.conversationId))?.attributes).toMatchObject({
        preferredAgentId: marc.agentId,
        preferredReason: 'last_agent',
      });
      expect((await dispatch(second.conversationId)).applied[0]).toMatchObject({ kind: 'wait', reason: 'preferred_agent' });
      // Léa frees up but must leave it to Marc while the wait lasts.
      expect((await store.transaction((repo) => dispatchAgent(repo, id, lea.agentId, clock))).applied).toEqual([]);
      tick(61);
      const fallback = (await dispatch(second.conversationId)).applied[0];
      expect(fallback).toMatchObject({ kind: 'assign', agentId: lea.agentId });
      expect(fallback?.explanation.text.en).toContain('last advisor Marc did not free up in time');
    });

    it('offers, then on decline or expiry offers to the next advisor; accept makes it active', async () => {
      const { id, agent, conversation, dispatch } = await workspace({ offerTimeoutSec: 30 });
      const lea = await agent('Léa', { skills: { billing: 5 } });
      const marc = await agent('Marc', { skills: { billing: 4 } });
      const c = await conversation();
      expect((await dispatch(c.conversationId)).applied[0]).toMatchObject({ kind: 'offer', agentId: lea.agentId });
      expect((await store.read.getAgent(id, lea.agentId))?.load.chat).toBe(1); // an offer holds the slot

      const declined = await store.transaction((repo) => withdrawOffer(repo, id, c.conversationId, lea.agentId, 'declined', clock));
      expect(declined.applied[0]).toMatchObject({ kind: 'offer', agentId: marc.agentId });
      expect((await store.read.getAgent(id, lea.agentId))?.load.chat).toBe(0);
      await expect(store.transaction((repo) => acceptOffer(repo, id, c.conversationId, lea.agentId, clock))).rejects.toMatchObject({ code: 'invalid_state' });

      // Marc lets it expire: nobody else qualifies (Léa declined), so it waits.
      const expired = await store.transaction((repo) => withdrawOffer(repo, id, c.conversationId, marc.agentId, 'expired', clock));
      expect(expired.applied[0]).toMatchObject({ kind: 'wait', reason: 'no_agent' });
      // A stale expiry is harmless.
      expect((await store.transaction((repo) => withdrawOffer(repo, id, c.conversationId, marc.agentId, 'expired', clock))).applied).toEqual([]);

      const d = await conversation();
      expect((await dispatch(d.conversationId)).applied[0]).toMatchObject({ kind: 'offer', agentId: lea.agentId });
      const accepted = await store.transaction((repo) => acceptOffer(repo, id, d.conversationId, lea.agentId, clock));
      expect(accepted.status).toBe('active');
      expect((await store.read.getItem(id, d.conversationId))?.status).toBe('assigned');
    });

    it('pull: an advisor takes the most urgent conversation they qualify for', async () => {
      const { id, queue, agent, conversation, dispatch } = await workspace({ mode: 'pull' });
      const lea = await agent('Léa');
      const plain = await conversation();
      tick(1);
      const vip = await conversation({ vip: true });
      expect((await dispatch(plain.conversationId)).applied[0]).toMatchObject({ kind: 'wait', reason: 'pull_mode' });
      const taken = await store.transaction((repo) => pullFromQueue(repo, id, queue.id, lea.agentId, clock));
      expect(taken).toMatchObject({ conversationId: vip.conversationId, agentId: lea.agentId });
      expect(taken?.explanation.text.en).toContain('taken by Léa from Billing');
      const both = await Promise.all([
        store.transaction((repo) => pullFromQueue(repo, id, queue.id, lea.agentId, clock)),
        store.transaction((repo) => pullFromQueue(repo, id, queue.id, lea.agentId, clock)),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
    });

    it('transfers to an advisor or to a queue, with the note, freeing the previous slot', async () => {
      const { id, agent, conversation, dispatch } = await workspace();
      const lea = await agent('Léa', { skills: { billing: 5 } });
      const marc = await agent('Marc', { online: false });
      const c = await conversation();
      await dispatch(c.conversationId);
      const toMarc = await store.transaction((repo) =>
        transferConversation(repo, id, c.conversationId, { toAgentId: marc.agentId }, { note: 'needs a refund', byName: 'Léa' }, clock),
      );
      expect(toMarc.applied[0]).toMatchObject({ kind: 'assign', agentId: marc.agentId });
      expect(toMarc.applied[0]?.explanation.text.en).toBe('transferred to Marc by Léa (note: needs a refund): load 1/2');
      expect((await store.read.getAgent(id, lea.agentId))?.load.total).toBe(0);

      const other = defaultQueue({ id: crypto.randomUUID(), workspaceId: id, name: 'Sales', requiredSkills: [{ skill: 'sales', minLevel: 1 }] });
      await store.transaction((repo) => repo.saveQueue(other));
      const toQueue = await store.transaction((repo) =>
        transferConversation(repo, id, c.conversationId, { toQueueId: other.id }, { note: null, byName: 'Marc' }, clock),
      );
      expect(toQueue.freedAgentIds).toEqual([marc.agentId]);
      expect(toQueue.applied[0]).toMatchObject({ kind: 'wait', reason: 'no_agent' });
      expect(await store.read.getItem(id, c.conversationId)).toMatchObject({ status: 'waiting', queueId: other.id });
      const history = await store.read.listAssignments(id, { conversationId: c.conversationId, limit: 10 });
      expect(history.map((a) => a.status).sort()).toEqual(['transferred', 'transferred']);
    });

    it('a reply takes a conversation over: offer withdrawn, slot charged past capacity, an active assignment kept', async () => {
      const { ws, id, queue, agent, conversation, dispatch } = await workspace({ offerTimeoutSec: 30 });
      const lea = await agent('Léa', { skills: { billing: 5 } });
      const zoe = await agent('Zoé', { skills: {}, capacity: { voice: 0, chat: 0, async: 0, total: 0 }, online: false });
      const c = await conversation();
      expect((await dispatch(c.conversationId)).applied[0]).toMatchObject({ kind: 'offer', agentId: lea.agentId });
      const request = (conversationId: string, customerId: string, channelId: string) => ({
        workspaceId: id,
        conversationId,
        customerId,
        channelId,
        channelKind: 'chat' as const,
        attributes: noAttributes(),
      });
      const taken = await store.transaction((repo) =>
        takeOverConversation(repo, request(c.conversationId, c.customerId, c.channelId), zoe.agentId, { byName: 'Zoé', from: 'queue' }, clock),
      );
      expect(taken.applied[0]).toMatchObject({ kind: 'assign', agentId: zoe.agentId });
      expect(taken.applied[0]?.explanation.text.en).toBe('Zoé replied and took the conversation (above capacity, taken by hand): load 1/0');
      expect(taken).toMatchObject({ freedAgentIds: [lea.agentId], withdrawnOffer: { agentId: lea.agentId, status: 'offered' } });
      expect(await store.read.getItem(id, c.conversationId)).toMatchObject({ status: 'assigned', agentId: zoe.agentId });
      expect((await store.read.getAgent(id, lea.agentId))?.load.total).toBe(0);
      expect((await store.read.getAgent(id, zoe.agentId))?.load).toMatchObject({ chat: 1, total: 1 });
      // The withdrawn offer's expiry does nothing; Léa's reply does not take it from Zoé.
      expect((await store.transaction((repo) => withdrawOffer(repo, id, c.conversationId, lea.agentId, 'expired', clock))).applied).toEqual([]);
      const again = await store.transaction((repo) =>
        takeOverConversation(repo, request(c.conversationId, c.customerId, c.channelId), lea.agentId, { byName: 'Léa', from: 'queue' }, clock),
      );
      expect(again.applied).toEqual([]);
      expect((await store.read.getAgent(id, lea.agentId))?.load.total).toBe(0);

      // A conversation routing never saw (the bot's) gets its row; release works as for any assignment.
      const botC = await ws.newConversation();
      expect(await store.read.getItem(id, botC.conversationId)).toBeNull();
      const fromBot = await store.transaction((repo) =>
        takeOverConversation(repo, request(botC.conversationId, botC.customerId, botC.channelId), lea.agentId, { byName: 'Léa', from: 'bot' }, clock),
      );
      expect(fromBot.applied[0]?.explanation.text.en).toBe('Léa took over from the virtual agent: load 1/2');
      expect(await store.read.getItem(id, botC.conversationId)).toMatchObject({ status: 'assigned', agentId: lea.agentId, queueId: queue.id });
      expect((await store.transaction((repo) => releaseConversation(repo, id, botC.conversationId, clock))).freedAgentIds).toEqual([lea.agentId]);
      expect((await store.read.getAgent(id, lea.agentId))?.load.total).toBe(0);
    });

    it('round-trips the workspace settings, with defaults before any save', async () => {
      const a = await workspace();
      const b = await workspace();
      expect(await store.read.getSettings(a.id)).toEqual({ workspaceId: a.id, emotionPriority: false, hook: null });
      const hook = { url: 'https://router.example/pick', timeoutMs: 800, sealedSecret: { v: 1, kid: 'k1', data: 'opaque' } };
      await store.transaction((repo) => repo.saveSettings({ workspaceId: a.id, emotionPriority: true, hook }));
      expect(await store.read.getSettings(a.id)).toEqual({ workspaceId: a.id, emotionPriority: true, hook });
      expect(await store.read.getSettings(b.id)).toEqual({ workspaceId: b.id, emotionPriority: false, hook: null });
      await store.transaction((repo) => repo.saveSettings({ workspaceId: a.id, emotionPriority: true, hook: null }));
      expect((await store.read.getSettings(a.id)).hook).toBeNull();
    });

    it('keeps workspaces apart', async () => {
      const a = await workspace();
      const b = await workspace();
      await a.agent('Léa');
      expect(await store.read.listAgents(b.id)).toEqual([]);
      expect(await store.read.listQueues(b.id)).toHaveLength(1);
      expect(await store.read.getQueue(b.id, a.queue.id)).toBeNull();
    });
  });
}
