import { describe, expect, it } from 'vitest';
import { parseBotDefinition, type BotDefinitionInput } from '../definition/bot-definition.schema.js';
import { LUMI_BOT } from '../demo/lumi-bot.js';
import { compileBot, type CompiledBot } from '../nlu/compile-bot.js';
import { initialBotState, type StepResult } from './bot-state.js';
import { step } from './step.js';

const now = new Date('2025-06-10T09:00:00Z');
const texts = (r: StepResult) => r.outputs.map((m) => m.map((b) => (b.type === 'text' ? b.text : b.type === 'cards' ? '' : (b.text ?? ''))).join(' '));
const httpCalls = (r: StepResult) => r.actions.filter((a) => a.type === 'http');

function botWith(change: (definition: BotDefinitionInput) => BotDefinitionInput): CompiledBot {
  const parsed = parseBotDefinition(change(structuredClone(LUMI_BOT)));
  if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
  return compileBot(parsed.definition);
}

// Order tracking where an unknown number loops back to the question ("which number?").
const retrying = botWith((d) => ({
  ...d,
  scenarios: (d.scenarios ?? []).map((s) =>
    s.id !== 'order_tracking' ? s : { ...s, steps: s.steps.map((st) => (st.id === 'not_found' ? { ...st, next: 'ask_ref' } : st)) },
  ),
}));

describe('a loop back to a question', () => {
  it('asks the question again instead of reusing the answer that led round the loop', () => {
    const first = step(retrying, initialBotState('fr'), { kind: 'message', text: 'où en est ma commande CMD-99999 ?' }, now);
    expect(httpCalls(first)).toMatchObject([{ url: '/demo/api/orders/CMD-99999' }]);
    const missing = step(retrying, first.state, { kind: 'http_result', ok: false, status: 404, body: null }, now);
    expect(httpCalls(missing)).toEqual([]);
    expect(texts(missing)).toEqual([
      'Je ne trouve pas la commande CMD-99999. Vérifiez le numéro, ou demandez un conseiller.',
      expect.stringContaining('Quel est votre numéro de commande ?'),
    ]);
    expect(missing.state.scenario).toMatchObject({ stepId: 'ask_ref' });

    const again = step(retrying, missing.state, { kind: 'message', text: 'CMD-10042' }, now);
    expect(httpCalls(again)).toMatchObject([{ url: '/demo/api/orders/CMD-10042' }]);
    const wrongAgain = step(retrying, again.state, { kind: 'http_result', ok: false, status: 404, body: null }, now);
    expect(httpCalls(wrongAgain)).toEqual([]);
    expect(texts(wrongAgain)[1]).toContain('Quel est votre numéro de commande ?');
  });

  it('keeps a known answer when the customer was asked something else in between (a menu)', () => {
    const menu = botWith((d) => ({
      ...d,
      scenarios: (d.scenarios ?? []).map((s) =>
        s.id !== 'order_tracking'
          ? s
          : {
              ...s,
              steps: [
                ...s.steps.map((st) => (st.id === 'answer' ? { ...st, next: 'more' } : st)),
                {
                  id: 'more',
                  type: 'choice' as const,
                  slot: 'more',
                  prompt: { fr: 'Autre chose ?' },
                  options: [{ id: 'recheck', label: { fr: 'Revérifier' }, next: 'ask_ref' }],
                },
              ],
            },
      ),
    }));
    const first = step(menu, initialBotState('fr'), { kind: 'message', text: 'où en est ma commande CMD-10042 ?' }, now);
    const found = step(
      menu,
      first.state,
      { kind: 'http_result', ok: true, status: 200, body: { statusLabel: 'expédiée', deliveryDate: '2025-06-12', carrier: 'Colissimo' } },
      now,
    );
    expect(texts(found)[1]).toBe('Autre chose ?');
    const recheck = step(menu, found.state, { kind: 'message', text: 'recheck' }, now);
    expect(httpCalls(recheck)).toMatchObject([{ url: '/demo/api/orders/CMD-10042' }]);
  });
});

describe('a back-office answer the scenario cannot use', () => {
  const lumi = botWith((d) => d);
  const asked = () => step(lumi, initialBotState('fr'), { kind: 'message', text: 'où en est ma commande CMD-10042 ?' }, now);
  const notFound = 'Je ne trouve pas la commande CMD-10042. Vérifiez le numéro, ou demandez un conseiller.';

  it('takes the error branch on a 200 whose body is not what the mapping reads (garbage, another shape, a null)', () => {
    for (const body of [
      '<html>Service Unavailable</html>',
      { unexpected: true },
      null,
      [1, 2],
      { statusLabel: 'expédiée', deliveryDate: null, carrier: 'Colissimo' },
    ]) {
      const r = step(lumi, asked().state, { kind: 'http_result', ok: true, status: 200, body }, now);
      expect(texts(r)).toEqual([notFound]);
      expect(r.state.attributes).toMatchObject({ lastHttpStatus: 200 });
      expect(r.state.attributes.orderStatus).toBeUndefined();
    }
  });

  it('maps a complete answer; a path ending with "?" is optional and maps to null when missing', () => {
    const full = step(
      lumi,
      asked().state,
      { kind: 'http_result', ok: true, status: 200, body: { statusLabel: 'expédiée', deliveryDate: '2025-06-12', carrier: 'Colissimo' } },
      now,
    );
    expect(texts(full)[0]).toBe('Votre commande CMD-10042 est expédiée. Livraison prévue le 2025-06-12 (Colissimo).');
    const lenient = botWith((d) => ({
      ...d,
      scenarios: (d.scenarios ?? []).map((s) => ({
        ...s,
        steps: s.steps.map((st) => (st.id === 'lookup' && st.type === 'http' ? { ...st, responseMap: { ...st.responseMap, carrier: 'carrier?' } } : st)),
      })),
    }));
    const first = step(lenient, initialBotState('fr'), { kind: 'message', text: 'où en est ma commande CMD-10042 ?' }, now);
    const partial = step(
      lenient,
      first.state,
      { kind: 'http_result', ok: true, status: 200, body: { statusLabel: 'expédiée', deliveryDate: '2025-06-12' } },
      now,
    );
    expect(texts(partial)[0]).toBe('Votre commande CMD-10042 est expédiée. Livraison prévue le 2025-06-12 ().');
    expect(partial.state.attributes.carrier).toBeNull();
  });
});
