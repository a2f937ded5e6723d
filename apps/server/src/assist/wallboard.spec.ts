import { describe, expect, it } from 'vitest';
import type { QueueBoard } from '@parley/use-cases';
import { struggleOf } from './wallboard.js';
import type { MessageMood } from './emotion-cues.js';

const now = new Date('2026-03-02T10:00:00Z');
const ago = (sec: number) => new Date(now.getTime() - sec * 1000);
const queue: QueueBoard = {
  queueId: 'q',
  name: 'Facturation',
  open: true,
  waiting: 0,
  longestWaitSec: 0,
  estimatedWaitSec: 0,
  nextResponseSec: 120,
  averageHandleSec: 600,
  serviceLevel: { targetSec: 60, met: 0, decided: 0, share: null },
  agents: { online: 1, busy: 0, away: 0, offline: 0 },
  occupancy: { load: 1, capacity: 2, share: 0.5 },
};
const mood = (label: MessageMood['label']): MessageMood => ({
  messageId: 'm',
  language: 'fr',
  label,
  score: label === 'negative' ? -0.6 : 0,
  emotions: { anger: 0, satisfaction: 0, urgency: 0, confusion: 0 },
  source: 'lexicon',
});
const row = (over: Partial<Parameters<typeof struggleOf>[0]> = {}) => ({
  agentId: 'lea',
  lastMood: mood('negative'),
  trend: { direction: 'stable' as const, current: -0.6 },
  waitingSince: ago(90).toISOString(),
  ...over,
});

describe('the wallboard struggle rule', () => {
  it('flags a negative conversation handled too long with the customer waiting past half the target', () => {
    expect(struggleOf(row(), ago(900), false, queue, now)).toEqual({ mood: 'negative', handlingSec: 900, slaRisk: 'waiting' });
    expect(struggleOf(row({ trend: { direction: 'worsening', current: -0.2 }, lastMood: mood('neutral') }), ago(900), false, queue, now)?.mood).toBe(
      'worsening',
    );
  });

  it('needs all three: mood, handling time and SLA risk', () => {
    expect(struggleOf(row({ lastMood: mood('neutral') }), ago(900), false, queue, now)).toBeNull();
    expect(struggleOf(row(), ago(300), false, queue, now)).toBeNull();
    expect(struggleOf(row({ waitingSince: ago(30).toISOString() }), ago(900), false, queue, now)).toBeNull();
    expect(struggleOf(row({ waitingSince: null }), ago(900), false, queue, now)).toBeNull();
  });

  it('counts a late first response as SLA risk even when the customer has an answer', () => {
    expect(struggleOf(row({ waitingSince: null }), ago(900), true, queue, now)?.slaRisk).toBe('escalated');
  });

  it('falls back to the first-response target, and needs an advisor, a queue and a running assignment', () => {
    const noNext = { ...queue, nextResponseSec: null };
    expect(struggleOf(row({ waitingSince: ago(31).toISOString() }), ago(900), false, noNext, now)?.slaRisk).toBe('waiting');
    expect(struggleOf(row({ agentId: null }), ago(900), false, queue, now)).toBeNull();
    expect(struggleOf(row(), null, false, queue, now)).toBeNull();
    expect(struggleOf(row(), ago(900), false, undefined, now)).toBeNull();
  });
});
