import { describe, expect, it } from 'vitest';
import { parseBotDefinition } from '../definition/bot-definition.schema.js';
import { LUMI_BOT } from '../demo/lumi-bot.js';
import { compileBot } from '../nlu/compile-bot.js';
import { initialBotState, type BotState } from './bot-state.js';
import { step } from './step.js';
import { runTurn } from './run-turn.js';

const parsed = parseBotDefinition(LUMI_BOT);
if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
const bot = compileBot(parsed.definition);
const now = new Date('2025-06-10T09:00:00Z');
const texts = (outputs: ReturnType<typeof step>['outputs']) => outputs.map((m) => m.map((b) => (b.type === 'text' ? b.text : b.type === 'cards' ? '' : (b.text ?? ''))).join(' '));

describe('bot interpreter (Lumi)', () => {
  it('introduces itself as a bot, recognises order tracking in French and asks for the number', () => {
    const r = step(bot, initialBotState('fr'), { kind: 'message', text: 'Bonjour, où en est ma commande ?' }, now);
    const said = texts(r.outputs);
    expect(said[0]).toContain('Je suis Lumi');
    expect(said[1]).toContain('numéro de commande');
    expect(r.state.intent).toBe('track_order');
    expect(r.state.lang).toBe('fr');
    expect(r.actions).toEqual([]);
  });

  it('fills the slot with the order-number pattern, calls the back-office and answers with its data', () => {
    const first = step(bot, initialBotState('fr'), { kind: 'message', text: 'Bonjour, où en est ma commande ?' }, now);
    const second = step(bot, first.state, { kind: 'message', text: 'c’est la CMD-10042' }, now);
    expect(second.state.slots.orderRef).toBe('CMD-10042');
    expect(second.actions).toEqual([expect.objectContaining({ type: 'http', method: 'GET', url: '/demo/api/orders/CMD-10042' })]);
    const third = step(bot, second.state, { kind: 'http_result', ok: true, status: 200, body: { statusLabel: 'expédiée', deliveryDate: '2025-06-12', carrier: 'Colissimo' } }, now);
    expect(texts(third.outputs)[0]).toBe('Votre commande CMD-10042 est expédiée. Livraison prévue le 2025-06-12 (Colissimo).');
    expect(third.state.scenario).toBeNull();
  });

  it('re-prompts on a bad number, then hands off after the maximum tries', () => {
    let state: BotState = step(bot, initialBotState('fr'), { kind: 'message', text: 'où est ma commande' }, now).state;
    const retry = step(bot, state, { kind: 'message', text: 'je ne sais plus' }, now);
    expect(texts(retry.outputs)[0]).toContain('Je n’ai pas reconnu');
    state = step(bot, retry.state, { kind: 'message', text: 'euh' }, now).state;
    const last = step(bot, state, { kind: 'message', text: 'aucune idée' }, now);
    expect(last.actions[0]).toMatchObject({ type: 'handoff', reason: 'slot_not_understood' });
  });

  it('takes the error branch when the back-office fails', () => {
    const s1 = step(bot, initialBotState('fr'), { kind: 'message', text: 'où en est ma commande CMD-99999' }, now);
    expect(s1.actions[0]).toMatchObject({ type: 'http', url: '/demo/api/orders/CMD-99999' });
    const s2 = step(bot, s1.state, { kind: 'http_result', ok: false, status: 404, body: null }, now);
    expect(texts(s2.outputs)[0]).toContain('Je ne trouve pas la commande CMD-99999');
  });

  it('always understands "talk to a human" (FR and EN) and hands off with a summary', () => {
    const s1 = step(bot, initialBotState('fr'), { kind: 'message', text: 'Bonjour, où en est ma commande ?' }, now);
    const fr = step(bot, s1.state, { kind: 'message', text: 'je veux parler à un conseiller' }, now);
    const handoff = fr.actions.find((a) => a.type === 'handoff');
    expect(handoff).toMatchObject({ type: 'handoff', reason: 'customer_request', summary: { intent: 'track_order', language: 'fr' } });
    expect(handoff?.type === 'handoff' && handoff.summary.lastMessages.map((m) => m.from)).toContain('customer');
    expect(fr.state.status).toBe('handed_off');
    for (const text of ['Can I speak to a real person please?', 'human please', 'passez-moi un humain']) {
      const r = step(bot, initialBotState('en'), { kind: 'message', text }, now);
      expect(r.actions.map((a) => a.type)).toContain('handoff');
    }
  });

  it('answers small talk in French and English', () => {
    const fr = step(bot, step(bot, initialBotState('fr'), { kind: 'message', text: 'où est ma commande' }, now).state, { kind: 'message', text: 'merci beaucoup' }, now);
    expect(texts(fr.outputs)[0]).toContain('Avec plaisir');
    const en = step(bot, initialBotState('fr'), { kind: 'message', text: 'Hello, where is my order?' }, now);
    expect(en.state.lang).toBe('en');
    expect(texts(en.outputs)[0]).toContain('I am Lumi');
    const bye = step(bot, en.state, { kind: 'message', text: 'thanks, bye' }, now);
    expect(texts(bye.outputs).join(' ')).toMatch(/welcome|Goodbye/);
  });

  it('answers from the knowledge base when the intent is unclear; out-of-scope asks to rephrase once, then offers a human', async () => {
    const ports = { http: async () => ({ ok: true, status: 200, body: {} }), answer: async (q: string) => (q.includes('garantie') ? { text: 'Nos lampes sont garanties 2 ans.', confidence: 0.8 } : null) };
    const kb = await runTurn(bot, initialBotState('fr'), { kind: 'message', text: 'Quelle est la durée de la garantie des lampes ?' }, now, ports);
    expect(texts(kb.outputs)).toContain('Nos lampes sont garanties 2 ans.');
    const oos1 = await runTurn(bot, kb.state, { kind: 'message', text: 'quel temps fait-il à Tokyo demain' }, now, ports);
    expect(texts(oos1.outputs)[0]).toContain('reformuler');
    const oos2 = await runTurn(bot, oos1.state, { kind: 'message', text: 'raconte-moi une blague sur les pingouins' }, now, ports);
    expect(oos2.outputs[0]?.[0]).toMatchObject({ type: 'buttons', buttons: [{ payload: 'human' }] });
    const chosen = await runTurn(bot, oos2.state, { kind: 'message', text: 'human' }, now, ports);
    expect(chosen.actions[0]).toMatchObject({ type: 'handoff' });
  });

  it('offers the top intents as choices when it hesitates, and a choice starts the scenario', () => {
    const state: BotState = { ...initialBotState('fr'), started: true, awaiting: { kind: 'answer', question: 'commande horaires' } };
    const r = step(bot, state, { kind: 'answer_result', answer: null }, now);
    const block = r.outputs[0]?.[0];
    if (block?.type === 'quick_replies') {
      expect(block.replies.map((b) => b.payload)).toContain('human');
      const picked = step(bot, r.state, { kind: 'message', text: block.replies[0]?.payload ?? '' }, now);
      expect(picked.outputs.length).toBeGreaterThan(0);
    } else expect(texts(r.outputs)[0]).toContain('reformuler');
  });

  it('speaks with "tu" and greets by first name when the persona says so', () => {
    const tu = compileBot({ ...parsed.definition, persona: { ...parsed.definition.persona, tone: 'tu', introduction: { fr: 'Salut{{firstName}}, je suis un bot.' } } });
    const r = step(tu, initialBotState('fr'), { kind: 'message', text: 'quel temps fait-il demain à Lyon', firstName: 'Marie' }, now);
    expect(texts(r.outputs)[0]).toBe('Salut Marie, je suis un bot.');
    const again = step(tu, r.state, { kind: 'answer_result', answer: null }, now);
    expect(texts(again.outputs)[0]).toContain('Tu peux reformuler');
  });

  it('rejects a definition whose steps point nowhere', () => {
    const broken = parseBotDefinition({ ...LUMI_BOT, scenarios: [{ id: 's', intent: 'track_order', steps: [{ id: 'a', type: 'set', attribute: 'x', value: 'y', next: 'missing' }] }] });
    expect(broken.ok).toBe(false);
  });
});
