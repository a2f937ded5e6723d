import { describe, expect, it } from 'vitest';
import { route } from './route.js';
import { defaultQueue, noAttributes, type AgentProfile, type RoutingItem, type RoutingQueue } from './model.js';
import { queueStats } from './estimate.js';
import { itemPriority } from './priority.js';

const ws = 'w';
const now = new Date('2026-01-05T10:00:42Z');
const billing: RoutingQueue = defaultQueue({
  id: 'q-billing',
  workspaceId: ws,
  name: 'Billing',
  requiredSkills: [{ skill: 'billing', minLevel: 3 }],
  languages: ['fr', 'en'],
});

function agent(agentId: string, patch: Partial<AgentProfile> = {}): AgentProfile {
  return {
    agentId,
    workspaceId: ws,
    name: agentId,
    skills: { billing: 4 },
    languages: ['fr'],
    teamIds: [],
    capacity: { voice: 1, chat: 3, async: 5, total: 5 },
    presence: 'online',
    presenceReason: null,
    load: { voice: 0, chat: 0, async: 0, total: 0 },
    lastActivityAt: null,
    lastAssignedAt: null,
    ...patch,
  };
}

function item(conversationId: string, patch: Partial<RoutingItem> = {}): RoutingItem {
  const at = new Date('2026-01-05T10:00:00Z');
  return {
    conversationId,
    workspaceId: ws,
    customerId: `cust-${conversationId}`,
    queueId: billing.id,
    channelKind: 'chat',
    status: 'waiting',
    enqueuedAt: at,
    requestedAt: at,
    attributes: noAttributes({ language: 'fr' }),
    declinedAgentIds: [],
    escalated: false,
    agentId: null,
    offerExpiresAt: null,
    firstResponseDueAt: null,
    updatedAt: at,
    ...patch,
  };
}

const waiting = (conversationId: string) => ({ kind: 'conversation_waiting' as const, conversationId });

describe('route: skills, proficiency and languages', () => {
  it('assigns the most proficient qualified advisor and explains why', () => {
    const agents = [
      agent('Marc', { skills: { billing: 3 } }),
      agent('Léa', { skills: { billing: 5 } }),
      agent('Zoé', { skills: { billing: 5 }, languages: ['en'] }),
      agent('Tom', { skills: { billing: 2 } }),
    ];
    const [d] = route({ queues: [billing], agents, items: [item('c1')] }, waiting('c1'), now);
    expect(d).toMatchObject({ kind: 'assign', agentId: 'Léa' });
    expect(d?.explanation.text.en).toBe('assigned to Léa: skill billing 5/5, French, load 1/3, waited 42 s');
    expect(d?.explanation.text.fr).toBe('attribuée à Léa : compétence billing 5/5, français, charge 1/3, attente 42 s');
  });

  it('never picks an advisor without the skill level, the language, presence or capacity', () => {
    const agents = [
      agent('low', { skills: { billing: 2 } }),
      agent('zero', { skills: { billing: 0 } }),
      agent('english', { languages: ['en'] }),
      agent('away', { presence: 'away' }),
      agent('full', { load: { voice: 0, chat: 3, async: 0, total: 3 } }),
      agent('total', { load: { voice: 1, chat: 0, async: 4, total: 5 } }),
    ];
    const [d] = route({ queues: [billing], agents, items: [item('c1')] }, waiting('c1'), now);
    expect(d).toMatchObject({ kind: 'wait', reason: 'no_agent' });
    expect(d?.explanation.text.en).toContain('no advisor available');
  });

  it('balances load between equally proficient advisors, then the longest idle', () => {
    const agents = [
      agent('busy', { load: { voice: 0, chat: 2, async: 0, total: 2 } }),
      agent('idle-late', { lastAssignedAt: new Date('2026-01-05T09:59:00Z') }),
      agent('idle-early', { lastAssignedAt: new Date('2026-01-05T09:00:00Z') }),
    ];
    expect(route({ queues: [billing], agents, items: [item('c1')] }, waiting('c1'), now)[0]).toMatchObject({ agentId: 'idle-early' });
  });

  it('prefers the advisor of the customer’s branch', () => {
    const agents = [agent('Léa', { skills: { billing: 5 } }), agent('Paul', { teamIds: ['lyon'] })];
    const [d] = route(
      { queues: [{ ...billing, teamAttribute: 'branch' }], agents, items: [item('c1', { attributes: noAttributes({ language: 'fr', team: 'lyon' }) })] },
      waiting('c1'),
      now,
    );
    expect(d).toMatchObject({ kind: 'assign', agentId: 'Paul' });
  });

  it('offers with an accept deadline when the queue has an offer timeout', () => {
    const [d] = route({ queues: [{ ...billing, offerTimeoutSec: 20 }], agents: [agent('Léa')], items: [item('c1')] }, waiting('c1'), now);
    expect(d).toMatchObject({ kind: 'offer', agentId: 'Léa', expiresAt: new Date(now.getTime() + 20_000) });
  });
});

describe('route: preferred advisor', () => {
  const preferred = (reason: 'assigned_advisor' | 'last_agent' = 'assigned_advisor') =>
    item('c1', { attributes: noAttributes({ language: 'fr', preferredAgentId: 'Marc', preferredReason: reason }) });

  it('goes to the preferred advisor first, even if another is more proficient', () => {
    const agents = [agent('Léa', { skills: { billing: 5 } }), agent('Marc', { skills: { billing: 3 } })];
    const [d] = route({ queues: [billing], agents, items: [preferred()] }, waiting('c1'), now);
    expect(d).toMatchObject({ kind: 'assign', agentId: 'Marc' });
    expect(d?.explanation.text.en).toContain('preferred advisor Marc chosen');
  });

  it('waits for a busy preferred advisor until the configured wait, then falls back', () => {
    const agents = [agent('Léa', { skills: { billing: 5 } }), agent('Marc', { load: { voice: 0, chat: 3, async: 0, total: 3 } })];
    const queue = { ...billing, preferredAgentWaitSec: 60 };
    const [held] = route({ queues: [queue], agents, items: [preferred()] }, waiting('c1'), now);
    expect(held).toMatchObject({ kind: 'wait', reason: 'preferred_agent', retryAt: new Date('2026-01-05T10:01:00Z') });
    const later = new Date('2026-01-05T10:01:00Z');
    const [fallback] = route({ queues: [queue], agents, items: [preferred('last_agent')] }, waiting('c1'), later);
    expect(fallback).toMatchObject({ kind: 'assign', agentId: 'Léa' });
    expect(fallback?.explanation.text.en).toContain('last advisor Marc did not free up in time');
  });

  it('falls back at once when the preferred advisor is offline', () => {
    const agents = [agent('Léa', { skills: { billing: 5 } }), agent('Marc', { presence: 'offline' })];
    const [d] = route({ queues: [billing], agents, items: [preferred()] }, waiting('c1'), now);
    expect(d?.explanation.text.en).toBe('assigned to Léa: skill billing 5/5, French, load 1/3, waited 42 s; preferred advisor Marc offline');
  });

  it('an advisor who becomes available does not take a conversation held for someone else', () => {
    const agents = [agent('Léa'), agent('Marc', { presence: 'away' })];
    expect(route({ queues: [billing], agents, items: [preferred()] }, { kind: 'agent_available', agentId: 'Léa' }, now)).toEqual([]);
  });
});

describe('route: a freed advisor among many', () => {
  it('skips what they cannot take and stays fast with 1,000 advisors and 10,000 waiting', () => {
    // 999 busy colleagues who all qualify, and a freed English-only advisor: every French
    // conversation, and the one they declined, is skipped without ranking the whole floor.
    const agents = [
      ...Array.from({ length: 999 }, (_, i) => agent(`busy-${i}`, { languages: ['fr', 'en'], load: { voice: 0, chat: 3, async: 0, total: 3 } })),
      agent('Sam', { languages: ['en'] }),
    ];
    const early = new Date('2026-01-05T09:00:00Z');
    const items = [
      ...Array.from({ length: 10_000 }, (_, i) => item(`fr-${i}`, { requestedAt: early, enqueuedAt: early })),
      item('declined', { attributes: noAttributes({ language: 'en' }), declinedAgentIds: ['Sam'] }),
      item('en', { attributes: noAttributes({ language: 'en' }) }),
    ];
    const t0 = performance.now();
    const decisions = route({ queues: [billing], agents, items }, { kind: 'agent_available', agentId: 'Sam' }, now);
    const ms = performance.now() - t0;
    expect(decisions.map((d) => [d.kind, d.conversationId, d.kind === 'assign' ? d.agentId : null])).toEqual([['assign', 'en', 'Sam']]);
    expect(decisions[0]?.explanation.text.en).toBe('assigned to Sam: skill billing 4/5, English, load 1/3, waited 42 s');
    // Ranking all advisors for every conversation took seconds here; a generous bound for a loaded machine.
    expect(ms).toBeLessThan(1_500);
  });
});

describe('route: priorities, hours, overflow, modes', () => {
  it('serves VIP, angry (when the queue says so) and longest waiting first, up to the advisor capacity', () => {
    const queue = { ...billing, priorityRules: { ...billing.priorityRules, angryBoost: 40 } };
    const early = new Date('2026-01-05T09:50:00Z');
    const items = [
      item('old', { requestedAt: early, enqueuedAt: early }),
      item('vip', { attributes: noAttributes({ language: 'fr', vip: true }) }),
      item('angry', { attributes: noAttributes({ language: 'fr', emotion: 'angry' }) }),
      item('plain'),
    ];
    const decisions = route(
      { queues: [queue], agents: [agent('Léa', { capacity: { voice: 1, chat: 3, async: 5, total: 3 } })], items },
      { kind: 'agent_available', agentId: 'Léa' },
      now,
    );
    expect(decisions.map((d) => d.conversationId)).toEqual(['vip', 'angry', 'old']);
    expect(decisions[1]?.explanation.text.en).toContain('(angry customer)');
    expect(decisions[1]?.explanation.text.fr).toContain('(client en colère)');
    // A queue that opts out (angryBoost 0) gives the angry customer no precedence.
    const optedOut = { ...billing, priorityRules: { ...billing.priorityRules, angryBoost: 0 } };
    expect(itemPriority(items[2] as RoutingItem, optedOut, now).reasons).toEqual([]);
  });

  it('sends conversations outside business hours to the after-hours action', () => {
    const queue: RoutingQueue = {
      ...billing,
      businessHours: { timeZone: 'Europe/Paris', windows: [{ day: 1, open: '14:00', close: '18:00' }], holidays: [] },
      afterHours: 'callback',
    };
    const [d] = route({ queues: [queue], agents: [agent('Léa')], items: [item('c1')] }, waiting('c1'), now);
    expect(d).toMatchObject({ kind: 'after_hours', action: 'callback', nextOpenAt: new Date('2026-01-05T13:00:00Z') });
    expect(d?.explanation.text.fr).toContain('rappel');
  });

  it('overflows to another queue after the configured wait when nobody can answer', () => {
    const general = defaultQueue({ id: 'q-general', workspaceId: ws, name: 'General' });
    const queue = { ...billing, overflow: { afterSec: 30, queueId: general.id } };
    const [d] = route({ queues: [queue, general], agents: [agent('Tom', { skills: {} })], items: [item('c1')] }, waiting('c1'), now);
    expect(d).toMatchObject({ kind: 'overflow', toQueueId: 'q-general' });
    expect(d?.explanation.text.en).toContain('overflow to General after 30 s');
    const [early] = route({ queues: [queue, general], agents: [], items: [item('c1')] }, waiting('c1'), new Date('2026-01-05T10:00:10Z'));
    expect(early).toMatchObject({ kind: 'wait', retryAt: new Date('2026-01-05T10:00:30Z') });
  });

  it('leaves pull and manual queues to the advisors', () => {
    expect(route({ queues: [{ ...billing, mode: 'pull' }], agents: [agent('Léa')], items: [item('c1')] }, waiting('c1'), now)[0]).toMatchObject({
      kind: 'wait',
      reason: 'pull_mode',
    });
  });

  it('estimates the wait from the free slots and the online capacity', () => {
    const agents = [agent('Léa', { load: { voice: 0, chat: 3, async: 0, total: 3 } }), agent('Marc', { load: { voice: 0, chat: 2, async: 0, total: 2 } })];
    const items = ['a', 'b', 'c'].map((id) => item(id));
    const stats = queueStats({ ...billing, averageHandleSec: 300 }, agents, items, now);
    expect(stats).toMatchObject({ waiting: 3, agentsOnline: 2, agentsAvailable: 1, freeSlots: 1, estimatedWaitSec: 150, longestWaitSec: 42 });
    expect(queueStats(billing, [], [], now).estimatedWaitSec).toBeNull();
  });
});

describe('route: the external routing hook', () => {
  const agents = [agent('Léa', { skills: { billing: 5 } }), agent('Marc', { skills: { billing: 3 } }), agent('Tom', { presence: 'offline' })];
  const decide = (hook: { agentId: string | null; failure: 'timeout' | 'error' | 'invalid' | 'ineligible' | null }) =>
    route({ queues: [billing], agents, items: [item('c1')] }, { ...waiting('c1'), hook }, now)[0];

  it("gives the conversation to the hook's advisor when still eligible, and says so", () => {
    const d = decide({ agentId: 'Marc', failure: null });
    expect(d).toMatchObject({ kind: 'assign', agentId: 'Marc' });
    expect(d?.explanation.factors[0]).toEqual({ kind: 'hook', outcome: 'chosen', agentId: 'Marc' });
    expect(d?.explanation.text.en).toMatch(/^assigned to Marc: chosen by the routing hook, skill billing 3\/5/);
    expect(d?.explanation.text.fr).toContain('choisi par le hook de routage');
  });

  it("falls back to Parley's choice on an ineligible advisor, a timeout or no choice", () => {
    const offline = decide({ agentId: 'Tom', failure: null });
    expect(offline).toMatchObject({ kind: 'assign', agentId: 'Léa' });
    expect(offline?.explanation.factors[0]).toEqual({ kind: 'hook', outcome: 'ineligible', agentId: 'Tom' });
    const late = decide({ agentId: null, failure: 'timeout' });
    expect(late).toMatchObject({ agentId: 'Léa' });
    expect(late?.explanation.text.en).toContain("routing hook timed out, Parley's choice");
    expect(decide({ agentId: null, failure: null })?.explanation.text.fr).toContain('hook de routage sans préférence, choix de Parley');
    // Without a hook, nothing changes in the explanation.
    expect(route({ queues: [billing], agents, items: [item('c1')] }, waiting('c1'), now)[0]?.explanation.factors.some((f) => f.kind === 'hook')).toBe(false);
  });
});
