import { describe, expect, it } from 'vitest';
import { LUMI_BOT } from '../demo/lumi-bot.js';
import { parseBotDefinition, scenarioSchema, silentCycles, type BotDefinitionInput } from './bot-definition.schema.js';

type StepInput = NonNullable<BotDefinitionInput['scenarios']>[number]['steps'][number];

const say = (id: string, next?: string): StepInput => ({ id, type: 'message', variants: [{ fr: id }], ...(next ? { next } : {}) });
const ask = (id: string, next?: string): StepInput => ({
  id,
  type: 'question',
  slot: 'ref',
  entity: 'text',
  prompt: { fr: '?' },
  reprompt: { fr: '?' },
  ...(next ? { next } : {}),
});
const lookup = (id: string, next: string, onError?: string): StepInput => ({
  id,
  type: 'http',
  url: '/demo/api/orders/{{slots.ref}}',
  next,
  ...(onError ? { onError } : {}),
});
const when = (id: string, then: string, otherwise: string): StepInput => ({ id, type: 'condition', attribute: 'found', then, else: otherwise });

function withSteps(steps: StepInput[]): BotDefinitionInput {
  return { ...LUMI_BOT, scenarios: [{ id: 'loop', intent: 'track_order', steps }] };
}

function issuesOf(steps: StepInput[]): string[] {
  const parsed = parseBotDefinition(withSteps(steps));
  return parsed.ok ? [] : parsed.issues;
}

describe('loops in a scenario (rejected at save and publish)', () => {
  it('rejects a loop of steps that never wait for the customer, naming its steps in order', () => {
    const issues = issuesOf([
      say('start', 'set'),
      { id: 'set', type: 'set', attribute: 'n', value: '1', next: 'check' },
      when('check', 'start', 'done'),
      say('done'),
    ]);
    expect(issues).toEqual([
      'scenarios.loop: steps start → set → check → start form a loop where the bot never waits for the customer (add a question, choice or otp step to it, or an exit)',
    ]);
  });

  it('rejects a step that leads to itself, and a back-office call retried through its error branch', () => {
    expect(issuesOf([say('again', 'again')])).toEqual([expect.stringContaining('steps again → again form a loop')]);
    const retry = issuesOf([ask('ref', 'call'), lookup('call', 'answer', 'wait'), say('wait', 'call'), say('answer')]);
    expect(retry).toEqual([expect.stringContaining('steps call → wait → call form a loop')]);
  });

  it('reports each separate loop once', () => {
    const steps = [say('a', 'b'), say('b', 'a'), when('c', 'd', 'end'), say('d', 'c'), { id: 'end', type: 'end' } satisfies StepInput];
    expect(silentCycles(scenarioSchema.parse({ id: 'loop', intent: 'track_order', steps }))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('accepts a loop through a question (asks again), a choice (a menu) or a one-time code', () => {
    expect(
      issuesOf([ask('ref', 'call'), lookup('call', 'check', 'not_found'), when('check', 'answer', 'not_found'), say('not_found', 'ref'), say('answer')]),
    ).toEqual([]);
    const menu: StepInput = {
      id: 'menu',
      type: 'choice',
      slot: 'topic',
      prompt: { fr: 'Quoi ?' },
      options: [
        { id: 'track', label: { fr: 'Suivi' }, next: 'ref' },
        { id: 'stop', label: { fr: 'Fin' }, next: 'bye' },
      ],
    };
    expect(issuesOf([menu, ask('ref', 'tell'), say('tell', 'menu'), { id: 'bye', type: 'end' }])).toEqual([]);
    expect(issuesOf([{ id: 'code', type: 'otp', next: 'check', onFail: 'code' }, when('check', 'done', 'code'), say('done')])).toEqual([]);
  });

  it('ignores links the runner never follows (a condition’s next, after a handoff or an end)', () => {
    const steps = [when('check', 'out', 'out'), { id: 'out', type: 'handoff', reason: 'x', next: 'check' } satisfies StepInput];
    expect(issuesOf(steps)).toEqual([]);
    expect(
      issuesOf([
        { ...when('check', 'bye', 'bye'), next: 'check' },
        { id: 'bye', type: 'end', next: 'check' },
      ]),
    ).toEqual([]);
  });

  it('accepts the demo bot', () => {
    expect(parseBotDefinition(LUMI_BOT).ok).toBe(true);
  });
});
