import { describe, expect, it } from 'vitest';
import { parseBotDefinition, type BotDefinition } from '../definition/bot-definition.schema.js';
import { fillSecrets } from '../definition/localized.js';
import { LUMI_BOT } from '../demo/lumi-bot.js';
import { compileBot } from '../nlu/compile-bot.js';
import { initialBotState, type BotAction, type BotState, type StepResult } from './bot-state.js';
import { createOtpChallenge } from './otp.js';
import { step } from './step.js';

const parsed = parseBotDefinition(LUMI_BOT);
if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
const lumi = compileBot(parsed.definition);
const now = new Date('2025-06-10T09:00:00Z');
const texts = (r: StepResult) => r.outputs.map((m) => m.map((b) => (b.type === 'text' ? b.text : b.type === 'cards' ? '' : (b.text ?? ''))).join(' '));
const otpAction = (r: StepResult) => r.actions.find((a): a is Extract<BotAction, { type: 'otp' }> => a.type === 'otp');

/** Starts the address change and answers the code request like the driver would; returns the code. */
function startAddressChange(lang: 'fr' | 'en' = 'fr', bot = lumi): { state: BotState; code: string; said: string[] } {
  const first = step(
    bot,
    initialBotState(lang),
    { kind: 'message', text: lang === 'fr' ? 'Bonjour, je voudrais changer mon adresse de livraison' : 'Hi, I want to change my delivery address' },
    now,
  );
  const request = otpAction(first);
  expect(request).toMatchObject({ type: 'otp', stepId: 'verify', via: ['sms', 'email'], digits: 6, ttlSeconds: 300, lang });
  const { code, challenge } = createOtpChallenge({ digits: 6, ttlSeconds: 300, now });
  const sent = step(bot, first.state, { kind: 'otp_result', ok: true, challenge, via: 'sms', masked: '•• •• •• •• 42' }, now);
  return { state: sent.state, code, said: [...texts(first), ...texts(sent)] };
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('OTP step (Lumi address change)', () => {
  it('sends a code, tells where without showing it, refuses a wrong code, accepts the right one and asks the address', () => {
    const { state, code, said } = startAddressChange();
    expect(said.join(' ')).toContain('code à 6 chiffres par SMS (•• •• •• •• 42)');
    expect(JSON.stringify(state)).not.toContain(`"${code}"`);
    expect(state.otp).toMatchObject({ stepId: 'verify', attempts: 0, resends: 0, via: 'sms' });

    const waiting = step(lumi, state, { kind: 'message', text: 'je ne l’ai pas encore reçu' }, now);
    expect(texts(waiting)[0]).toBe('J’attends le code à 6 chiffres envoyé par SMS (•• •• •• •• 42). Écrivez « renvoyer » pour en recevoir un nouveau.');
    expect(waiting.state.otp?.attempts).toBe(0);
    const wrong = step(lumi, waiting.state, { kind: 'message', text: wrongCode(code) }, now);
    expect(texts(wrong)[0]).toBe('Ce code n’est pas le bon. Il vous reste 2 essai(s).');
    const right = step(lumi, wrong.state, { kind: 'message', text: `c’est ${code.slice(0, 3)} ${code.slice(3)}` }, new Date(now.getTime() + 60_000));
    expect(texts(right)).toEqual(['Merci, c’est vérifié.', 'Quelle est votre nouvelle adresse (numéro, rue, code postal et ville) ?']);
    expect(right.state.attributes.verified).toEqual({ at: '2025-06-10T09:01:00.000Z', via: 'sms' });
    expect(right.actions).toEqual([{ type: 'otp_verified', stepId: 'verify', via: 'sms' }]);
    expect(wrong.actions).toEqual([]);
    expect(right.state.otp).toBeNull();
    // The remembered transcript (the handoff summary) never holds the code.
    expect(JSON.stringify(right.state.transcript)).not.toContain(code);

    const address = step(lumi, right.state, { kind: 'message', text: '12 rue des Lilas, 75011 Paris' }, now);
    const http = address.actions[0];
    expect(http).toMatchObject({ type: 'http', method: 'POST', url: '/demo/api/address-changes' });
    expect(http?.type === 'http' && JSON.parse(http.body ?? '')).toEqual({
      address: '12 rue des Lilas, 75011 Paris',
      verifiedVia: 'sms',
      verifiedAt: '2025-06-10T09:01:00.000Z',
    });
    const done = step(lumi, address.state, { kind: 'http_result', ok: true, status: 201, body: { reference: 'ADR-0001' } }, now);
    expect(texts(done)[0]).toBe('C’est noté : vos prochaines livraisons iront au 12 rue des Lilas, 75011 Paris (référence ADR-0001).');
    expect(done.actions).toContainEqual({ type: 'end', csat: true });
  });

  it('takes the failure branch (a handoff) after the maximum tries', () => {
    const started = startAddressChange('en');
    const code = started.code;
    let state = started.state;
    for (const left of [2, 1]) {
      const r = step(lumi, state, { kind: 'message', text: wrongCode(code) }, now);
      expect(texts(r)[0]).toBe(`That code is not right. You have ${left} try(ies) left.`);
      state = r.state;
    }
    const last = step(lumi, state, { kind: 'message', text: wrongCode(code) }, now);
    expect(texts(last)).toEqual(['I could not verify your identity.', 'An agent will help you change your address.']);
    expect(last.actions[0]).toMatchObject({ type: 'handoff', reason: 'otp_failed' });
    expect(last.state.otp).toBeNull();
  });

  it('an expired code sends a new one once (the resend limit), then fails', () => {
    const { state, code } = startAddressChange();
    const late = new Date(now.getTime() + 301_000);
    const expired = step(lumi, state, { kind: 'message', text: code }, late);
    expect(texts(expired)[0]).toBe('Ce code a expiré.');
    expect(otpAction(expired)).toMatchObject({ stepId: 'verify' });
    const fresh = createOtpChallenge({ digits: 6, ttlSeconds: 300, now: late });
    const resent = step(lumi, expired.state, { kind: 'otp_result', ok: true, challenge: fresh.challenge, via: 'sms', masked: '•• •• •• •• 42' }, late);
    expect(texts(resent)[0]).toContain('nouveau code par SMS');
    expect(resent.state.otp?.resends).toBe(1);
    // Asking again is over the limit (maxResends 1): the failure branch.
    const again = step(lumi, resent.state, { kind: 'message', text: 'renvoyez-moi le code svp' }, late);
    expect(otpAction(again)).toBeUndefined();
    expect(again.actions[0]).toMatchObject({ type: 'handoff', reason: 'otp_failed' });
  });

  it('says so and takes the failure branch when the customer has no verified phone or email', () => {
    const first = step(lumi, initialBotState('fr'), { kind: 'message', text: 'je voudrais changer mon adresse' }, now);
    const none = step(lumi, first.state, { kind: 'otp_result', ok: false, reason: 'no_address' }, now);
    expect(texts(none)[0]).toContain('je n’ai ni numéro de téléphone ni adresse e-mail vérifiés');
    expect(none.actions[0]).toMatchObject({ type: 'handoff', reason: 'otp_failed' });
  });

  it('rejects at publish an OTP step whose failure branch does not exist', () => {
    const broken = parseBotDefinition({
      ...LUMI_BOT,
      scenarios: [{ id: 's', intent: 'change_address', steps: [{ id: 'v', type: 'otp', onFail: 'nowhere' }] }],
    });
    expect(broken).toMatchObject({ ok: false, issues: ['scenarios.s.v: unknown step nowhere'] });
  });
});

describe('end step with satisfaction', () => {
  function ended(lang: 'fr' | 'en') {
    const { state, code } = startAddressChange(lang);
    const ok = step(lumi, state, { kind: 'message', text: code }, now);
    const address = step(lumi, ok.state, { kind: 'message', text: '12 rue des Lilas, 75011 Paris' }, now);
    return step(lumi, address.state, { kind: 'http_result', ok: true, status: 201, body: { reference: 'ADR-0002' } }, now);
  }

  it('asks the 3-level question as buttons, and a number or the button records the rating', () => {
    const done = ended('fr');
    const question = done.outputs.at(-1)?.[0];
    expect(question).toEqual({
      type: 'buttons',
      text: 'Êtes-vous satisfait de cet échange ?',
      buttons: [
        { id: 'csat_good', label: 'Satisfait', payload: 'csat_good' },
        { id: 'csat_neutral', label: 'Moyennement', payload: 'csat_neutral' },
        { id: 'csat_bad', label: 'Pas satisfait', payload: 'csat_bad' },
      ],
    });
    const rated = step(lumi, done.state, { kind: 'message', text: 'csat_neutral' }, now);
    expect(rated.actions).toEqual([{ type: 'csat', rating: 'neutral', scenarioId: 'address_change' }]);
    expect(texts(rated)).toEqual(['Merci pour votre avis !']);
    expect(rated.state.csat).toBeNull();
    const byNumber = step(lumi, done.state, { kind: 'message', text: '1' }, now);
    expect(byNumber.actions).toEqual([{ type: 'csat', rating: 'good', scenarioId: 'address_change' }]);
  });

  it('a message that is not a rating is handled as usual', () => {
    const done = ended('en');
    const next = step(lumi, done.state, { kind: 'message', text: 'where is my order' }, now);
    expect(next.actions.some((a) => a.type === 'csat')).toBe(false);
    expect(texts(next).join(' ')).toContain('order number');
  });
});

describe('persona: welcome back and audience', () => {
  const variant = (persona: Partial<BotDefinition['persona']>) => compileBot({ ...parsed.definition, persona: { ...parsed.definition.persona, ...persona } });

  it('greets a known customer back with the date of their last conversation (vous / tu, FR and EN)', () => {
    const previousConversationAt = '2025-05-03T15:00:00Z';
    const fr = step(lumi, initialBotState('fr'), { kind: 'message', text: 'Bonjour, où en est ma commande ?', previousConversationAt }, now);
    expect(texts(fr)[0]).toMatch(/Ravi de vous revoir ! Notre dernier échange date du 3 mai 2025\.$/);
    const tu = step(variant({ tone: 'tu' }), initialBotState('fr'), { kind: 'message', text: 'Bonjour, où en est ma commande ?', previousConversationAt }, now);
    expect(texts(tu)[0]).toContain('Ravi de te revoir !');
    const en = step(lumi, initialBotState('en'), { kind: 'message', text: 'Hello, where is my order?', previousConversationAt }, now);
    expect(texts(en)[0]).toMatch(/Good to see you again! We last talked on 3 May 2025\.$/);
    const first = step(lumi, initialBotState('fr'), { kind: 'message', text: 'Bonjour, où en est ma commande ?' }, now);
    expect(texts(first)[0]).not.toContain('revoir');
    const off = step(
      variant({ welcomeBack: false }),
      initialBotState('fr'),
      { kind: 'message', text: 'Bonjour, où en est ma commande ?', previousConversationAt },
      now,
    );
    expect(texts(off)[0]).not.toContain('revoir');
  });

  it('the simple audience uses the plainer built-in sentences in French and English', () => {
    const simple = variant({ audience: 'simple' });
    const fr = startAddressChange('fr', simple);
    expect(fr.said.join(' ')).toContain('Je vous ai envoyé un code par SMS (•• •• •• •• 42). Écrivez ce code ici.');
    const wrong = step(simple, fr.state, { kind: 'message', text: wrongCode(fr.code) }, now);
    expect(texts(wrong)[0]).toBe('Ce n’est pas le bon code. Vous pouvez encore essayer 2 fois.');
    const en = startAddressChange('en', simple);
    expect(en.said.join(' ')).toContain('I sent you a code by text message');
    const rephrase = step(
      simple,
      { ...initialBotState('en'), started: true, awaiting: { kind: 'answer', question: 'zzz' } },
      { kind: 'answer_result', answer: null },
      now,
    );
    expect(texts(rephrase)[0]).toBe('Sorry, I did not understand. Can you say it another way?');
  });
});

describe('secrets in HTTP actions', () => {
  it('keeps {{secrets.X}} out of the action until the driver fills it at call time', () => {
    const definition = parseBotDefinition({
      ...LUMI_BOT,
      scenarios: [
        {
          id: 'track',
          intent: 'track_order',
          steps: [
            {
              id: 'call',
              type: 'http',
              method: 'POST',
              url: '/x?k={{secrets.KEY}}',
              headers: { authorization: 'Bearer {{secrets.TOKEN}}' },
              body: '{"k":"{{secrets.KEY}}","m":"{{secrets.MISSING}}"}',
            },
          ],
        },
      ],
    });
    if (!definition.ok) throw new Error(definition.issues.join());
    const r = step(compileBot(definition.definition), initialBotState('fr'), { kind: 'message', text: 'où en est ma commande' }, now);
    const action = r.actions[0];
    if (action?.type !== 'http') throw new Error('expected an http action');
    // Never in the URL (URLs end up in logs), placeholders in headers and body.
    expect(action.url).toBe('/x?k=');
    expect(action.headers.authorization).toBe('Bearer {{secrets.TOKEN}}');
    const filled = fillSecrets(action, { TOKEN: 'tok-1', KEY: 'a"b' });
    expect(filled.headers.authorization).toBe('Bearer tok-1');
    expect(JSON.parse(filled.body ?? '')).toEqual({ k: 'a"b', m: '' });
    expect(JSON.stringify(r.state)).not.toContain('tok-1');
  });
});
