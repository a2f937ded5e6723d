import { describe, expect, it } from 'vitest';
import { parseBotDefinition } from '../definition/bot-definition.schema.js';
import { LUMI_BOT } from '../demo/lumi-bot.js';
import { botStateSchema } from '../interpreter/bot-state.schema.js';
import { compileBot } from '../nlu/compile-bot.js';
import { runConsoleTurn, type ConsolePorts } from './console-turn.js';

const parsed = parseBotDefinition(LUMI_BOT);
if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
const lumi = compileBot(parsed.definition);
const now = new Date('2025-06-10T09:00:00Z');
const texts = (replies: Array<Array<{ type: string; text?: string }>>) => replies.flat().map((b) => b.text ?? '');

function ports(calls: string[] = []): ConsolePorts {
  return {
    async http(request) {
      calls.push(`${request.method} ${request.url}`);
      if (request.url.includes('CMD-10042'))
        return {
          ok: true,
          status: 200,
          body: { ref: 'CMD-10042', status: 'shipped', statusLabel: 'expédiée', deliveryDate: '2025-06-12', carrier: 'Colissimo' },
        };
      return { ok: true, status: 201, body: { reference: 'ADR-0001' } };
    },
    async answer() {
      return null;
    },
  };
}

describe('test console turn', () => {
  it('explains the intent (ranking and weighing features), then runs the scenario and its HTTP action', async () => {
    const calls: string[] = [];
    const first = await runConsoleTurn(lumi, null, 'Bonjour, où en est ma commande ?', now, ports(calls));
    expect(first.nlu.language).toBe('fr');
    expect(first.nlu.intent).toBe('track_order');
    expect(first.nlu.ranking[0]?.intent).toBe('track_order');
    expect(first.nlu.features.length).toBeGreaterThan(0);
    expect(first.nlu.features.some((f) => f.feature.includes('command'))).toBe(true);
    expect(first.decision).toMatchObject({ kind: 'scenario', scenarioId: 'order_tracking', stepId: 'ask_ref' });
    expect(texts(first.replies).join(' ')).toContain('numéro de commande');
    // The state goes to the client and comes back: it must pass the route's check.
    const state = botStateSchema.parse(JSON.parse(JSON.stringify(first.state)));
    const second = await runConsoleTurn(lumi, state, 'CMD-10042', now, ports(calls));
    expect(calls).toEqual(['GET /demo/api/orders/CMD-10042']);
    expect(second.http[0]).toMatchObject({ stepId: 'lookup', status: 200, body: { status: 'shipped' } });
    expect(second.slots).toMatchObject({ orderRef: 'CMD-10042' });
    expect(second.entities.some((e) => e.normalized === 'CMD-10042')).toBe(true);
  });

  it('sends no code for an OTP step, says so, and accepts the documented test code', async () => {
    const first = await runConsoleTurn(lumi, null, 'Bonjour, je voudrais changer mon adresse de livraison', now, ports());
    expect(first.notes).toContainEqual({ kind: 'otp_not_sent', code: '123456' });
    expect(first.state.otp?.stepId).toBe('verify');
    const wrong = await runConsoleTurn(lumi, first.state, '654321', now, ports());
    expect(wrong.state.otp?.attempts).toBe(1);
    const right = await runConsoleTurn(lumi, wrong.state, '123456', now, ports());
    expect(right.state.otp).toBeNull();
    expect(right.attributes['verified']).toMatchObject({ via: 'sms' });
    expect(right.decision).toMatchObject({ kind: 'scenario', scenarioId: 'address_change', stepId: 'ask_address' });
  });

  it('reports the fallback and the handoff as the policy decided them', async () => {
    const unknown = await runConsoleTurn(lumi, null, 'quel temps fait-il à Lyon demain', now, ports());
    expect(['choices', 'rephrase']).toContain(unknown.decision.kind);
    expect(unknown.nlu.intent).toBeNull();
    const human = await runConsoleTurn(lumi, unknown.state, 'je veux parler à un conseiller', now, ports());
    expect(human.decision).toEqual({ kind: 'handoff', reason: 'customer_request' });
  });
});
