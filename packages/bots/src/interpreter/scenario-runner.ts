import type { BotScenario, BotStep } from '../definition/bot-definition.schema.js';
import { pick, render, type TemplateScope } from '../definition/localized.js';
import type { BotBlock, BotInput, CsatLevel } from './bot-state.js';
import { builtinText } from './builtin-texts.js';
import { extractOtpCode, isOtpExpired, verifyOtpCode } from './otp.js';
import { handoffSummary } from './handoff-summary.js';
import { slotValue } from './slot-value.js';
import { say, type Turn } from './turn.js';

// Steps run one after the other until one needs the customer (question, choice), the driver
// (HTTP) or ends the scenario (handoff, end, no next step). A loop with no step waiting for the
// customer is rejected when the definition is saved (`silentCycles`); the bound on the steps run
// per turn still stops one stored before that check.
const MAX_STEPS_PER_TURN = 50;

function scopeOf(turn: Turn): TemplateScope {
  return { firstName: turn.state.firstName, slots: turn.state.slots, attributes: turn.state.attributes };
}

function text(turn: Turn, localized: Parameters<typeof pick>[0]): string {
  return render(pick(localized, turn.state.lang, turn.bot.definition.defaultLanguage), scopeOf(turn));
}

function findScenario(turn: Turn): BotScenario | null {
  const id = turn.state.scenario?.id;
  return turn.bot.definition.scenarios.find((s) => s.id === id) ?? null;
}

/**
 * Starts the scenario of an intent; slots the triggering message already gives are filled
 * ("où en est ma commande CMD-1?" does not ask for the number again).
 */
export function startScenario(turn: Turn, scenario: BotScenario, message: string): void {
  const first = scenario.steps[0];
  if (!first) return;
  for (const step of scenario.steps) {
    if (step.type !== 'question' || turn.state.slots[step.slot]) continue;
    const value = slotValue(turn.bot.definition, step, message, turn.state.lang, turn.now);
    if (value !== null && step.entity !== 'text') turn.state.slots[step.slot] = value;
  }
  turn.state.scenario = { id: scenario.id, stepId: first.id, tries: 0 };
  runFrom(turn, first.id);
}

// Steps that wait for the customer's next message (a question only when it asks).
const CUSTOMER_WAITS: ReadonlySet<BotStep['type']> = new Set(['question', 'choice', 'otp']);

/** Runs steps from `stepId` until one waits. */
export function runFrom(turn: Turn, stepId: string | undefined): void {
  const scenario = findScenario(turn);
  let current = stepId;
  for (let n = 0; n < MAX_STEPS_PER_TURN; n++) {
    const step = scenario?.steps.find((s) => s.id === current);
    if (!scenario || !step) {
      turn.state.scenario = null;
      return;
    }
    const previous = turn.state.scenario;
    const passed = previous?.id === scenario.id ? (previous.passed ?? []) : [];
    turn.state.scenario = { id: scenario.id, stepId: step.id, tries: previous?.stepId === step.id ? previous.tries : 0, passed };
    // A question reached again before the customer said anything else (a loop back to it, e.g.
    // "not found, which number?"): its old answer would send the loop round again, so it asks again.
    if (step.type === 'question' && passed.includes(step.id)) delete turn.state.slots[step.slot];
    const outcome = execute(turn, step);
    if (outcome === 'wait') {
      if (CUSTOMER_WAITS.has(step.type) && turn.state.scenario) turn.state.scenario = { ...turn.state.scenario, passed: [] };
      return;
    }
    if (step.type === 'question' && turn.state.scenario) turn.state.scenario = { ...turn.state.scenario, passed: [...passed, step.id] };
    current = outcome;
  }
  turn.state.scenario = null;
}

/** Executes one step: the next step id, or 'wait'. */
function execute(turn: Turn, step: BotStep): string | 'wait' | undefined {
  const { state } = turn;
  switch (step.type) {
    case 'message': {
      // Variants rotate with the transcript length: deterministic, yet not always the same sentence.
      const variant = step.variants[state.transcript.length % step.variants.length];
      say(turn, [{ type: 'text', text: text(turn, variant) }]);
      return step.next;
    }
    case 'question':
      if (state.slots[step.slot]) return step.next;
      say(turn, [{ type: 'text', text: text(turn, step.prompt) }]);
      return 'wait';
    case 'choice':
      say(turn, [choiceBlock(turn, step)]);
      return 'wait';
    case 'condition': {
      const value = readAttribute(turn, step.attribute);
      const holds = step.equals === undefined ? value !== undefined && value !== null && value !== '' : String(value) === step.equals;
      return holds ? step.then : step.else;
    }
    case 'set':
      state.attributes[step.attribute] = render(step.value, scopeOf(turn));
      return step.next;
    case 'http': {
      const encodeUrl = encodeURIComponent;
      const url = render(step.url, { ...scopeOf(turn), secrets: {} }, encodeUrl);
      // Secrets stay placeholders here: the driver fills them at call time, so they never enter
      // the state, the actions or a log.
      const kept = { ...scopeOf(turn), secrets: 'keep' as const };
      const headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, render(v, kept)]));
      const body = step.body === undefined ? undefined : render(step.body, kept, (v) => JSON.stringify(v).slice(1, -1));
      turn.actions.push({
        type: 'http',
        stepId: step.id,
        method: step.method,
        url,
        headers,
        ...(body === undefined ? {} : { body }),
        timeoutMs: step.timeoutMs,
      });
      state.awaiting = { kind: 'http', stepId: step.id };
      return 'wait';
    }
    case 'handoff':
      if (step.message) say(turn, [{ type: 'text', text: text(turn, step.message) }]);
      handOff(turn, step.reason, { ...(step.queueId ? { queueId: step.queueId } : {}), ...(step.skill ? { skill: step.skill } : {}) }, !step.message);
      return 'wait';
    case 'otp':
      sendOtp(turn, step);
      return 'wait';
    case 'end': {
      if (step.message) say(turn, [{ type: 'text', text: text(turn, step.message) }]);
      turn.actions.push({ type: 'end', csat: step.csat });
      const scenarioId = state.scenario?.id ?? '';
      state.status = 'ended';
      state.scenario = null;
      if (step.csat) {
        state.csat = { scenarioId };
        const voice = turn.bot.definition.persona;
        const choices = CSAT_LEVELS.map((level) => ({
          id: `csat_${level}`,
          label: builtinText(CSAT_LABELS[level], state.lang, voice),
          payload: `csat_${level}`,
        }));
        say(turn, [{ type: 'buttons', text: builtinText('csatQuestion', state.lang, voice), buttons: choices }]);
      }
      return 'wait';
    }
  }
}

const CSAT_LEVELS: readonly CsatLevel[] = ['good', 'neutral', 'bad'];
const CSAT_LABELS = { good: 'csatGood', neutral: 'csatNeutral', bad: 'csatBad' } as const;

/**
 * The customer's answer to the end step's satisfaction question: the button's payload, its
 * number ("1" is the first level) or its label. Returns false when the message is not a rating.
 */
export function answerCsat(turn: Turn, scenarioId: string, message: string, payload: string | null): boolean {
  const { state } = turn;
  const voice = turn.bot.definition.persona;
  const folded = message.trim().toLowerCase();
  const rating = CSAT_LEVELS.find(
    (level, i) => payload === `csat_${level}` || folded === String(i + 1) || folded === builtinText(CSAT_LABELS[level], state.lang, voice).toLowerCase(),
  );
  if (!rating) return false;
  turn.actions.push({ type: 'csat', rating, scenarioId });
  say(turn, [{ type: 'text', text: builtinText('csatThanks', state.lang, voice) }]);
  return true;
}

type OtpStep = Extract<BotStep, { type: 'otp' }>;

/** Asks the driver for a new code (first send or resend); the answer comes as `otp_result`. */
function sendOtp(turn: Turn, step: OtpStep): void {
  turn.actions.push({
    type: 'otp',
    stepId: step.id,
    via: step.via,
    ...(step.channelId ? { channelId: step.channelId } : {}),
    digits: step.digits,
    ttlSeconds: step.ttlSeconds,
    lang: turn.state.lang,
  });
  turn.state.awaiting = { kind: 'otp', stepId: step.id };
}

function otpVars(turn: Turn, step: OtpStep): Record<string, string> {
  const otp = turn.state.otp;
  const voice = turn.bot.definition.persona;
  return {
    digits: String(step.digits),
    minutes: String(Math.round(step.ttlSeconds / 60)),
    to: otp?.masked ?? '',
    via: otp ? builtinText(otp.via === 'sms' ? 'otpSms' : 'otpEmail', turn.state.lang, voice) : '',
  };
}

/** The code went out (or could not): tell the customer where, or take the failure branch. */
export function resumeOtp(turn: Turn, stepId: string, result: Extract<BotInput, { kind: 'otp_result' }>): void {
  const step = findScenario(turn)?.steps.find((s) => s.id === stepId);
  const { state } = turn;
  state.awaiting = null;
  if (!step || step.type !== 'otp') return;
  const voice = turn.bot.definition.persona;
  if (!result.ok) {
    state.otp = null;
    // No verified address: say so. An address but no channel to reach it: a plain failure.
    say(turn, [{ type: 'text', text: builtinText(result.reason === 'no_address' ? 'otpNoAddress' : 'otpFailed', state.lang, voice) }]);
    return failOtp(turn, step, 'otp_unavailable');
  }
  const resend = state.otp?.stepId === step.id;
  state.otp = {
    stepId: step.id,
    challenge: result.challenge,
    via: result.via,
    masked: result.masked,
    attempts: 0,
    resends: resend ? (state.otp?.resends ?? 0) + 1 : 0,
  };
  say(turn, [{ type: 'text', text: builtinText(resend ? 'otpResent' : 'otpSent', state.lang, voice, otpVars(turn, step)) }]);
}

function failOtp(turn: Turn, step: OtpStep, reason: string): void {
  turn.state.otp = null;
  if (step.onFail) runFrom(turn, step.onFail);
  else handOff(turn, reason);
}

// "renvoyer le code", "send it again", "nouveau code": the customer asks for another code.
const RESEND = /\b(renvo\w*|nouveau code|autre code|resend|send (it )?again|new code|another code)\b/i;

/** The customer's message while a code is pending: the code, a resend request, or a wrong try. */
function answerOtp(turn: Turn, step: OtpStep, message: string): void {
  const { state } = turn;
  const otp = state.otp;
  const voice = turn.bot.definition.persona;
  if (!otp || otp.stepId !== step.id) return sendOtp(turn, step);
  const expired = isOtpExpired(otp.challenge, turn.now);
  if (expired || RESEND.test(message)) {
    if (expired) say(turn, [{ type: 'text', text: builtinText('otpExpired', state.lang, voice) }]);
    if (otp.resends < step.maxResends) return sendOtp(turn, step);
    say(turn, [{ type: 'text', text: builtinText('otpFailed', state.lang, voice) }]);
    return failOtp(turn, step, 'otp_failed');
  }
  // No digits at all is not a try (a question, "I did not get it"): remind, keep the tries.
  if (!/\d/.test(message)) return say(turn, [{ type: 'text', text: builtinText('otpReminder', state.lang, voice, otpVars(turn, step)) }]);
  const code = extractOtpCode(message, step.digits);
  if (code !== null && verifyOtpCode(otp.challenge, code, turn.now)) {
    state.otp = null;
    state.attributes[step.attribute] = { at: turn.now.toISOString(), via: otp.via };
    turn.actions.push({ type: 'otp_verified', stepId: step.id, via: otp.via });
    say(turn, [{ type: 'text', text: builtinText('otpVerified', state.lang, voice) }]);
    return runFrom(turn, step.next);
  }
  const attempts = otp.attempts + 1;
  state.otp = { ...otp, attempts };
  if (attempts >= step.maxAttempts) {
    say(turn, [{ type: 'text', text: builtinText('otpFailed', state.lang, voice) }]);
    return failOtp(turn, step, 'otp_failed');
  }
  say(turn, [{ type: 'text', text: builtinText('otpWrong', state.lang, voice, { left: String(step.maxAttempts - attempts) }) }]);
}

function readAttribute(turn: Turn, name: string): unknown {
  if (name.startsWith('slots.')) return turn.state.slots[name.slice(6)];
  return turn.state.attributes[name.startsWith('attributes.') ? name.slice(11) : name];
}

function choiceBlock(turn: Turn, step: Extract<BotStep, { type: 'choice' }>): BotBlock {
  const prompt = text(turn, step.prompt);
  const buttons = step.options.map((o) => ({ id: o.id, label: text(turn, o.label), payload: o.id }));
  if (step.display === 'quick_replies') return { type: 'quick_replies', text: prompt, replies: buttons };
  if (step.display === 'cards') return { type: 'cards', cards: buttons.map((b) => ({ title: b.label, buttons: [b] })) };
  return { type: 'buttons', text: prompt, buttons };
}

/**
 * Hands the conversation to routing: says so (unless the step already did), records the summary.
 */
export function handOff(turn: Turn, reason: string, target: { queueId?: string; skill?: string } = {}, announce = true): void {
  const { state } = turn;
  if (announce) say(turn, [{ type: 'text', text: builtinText('handoff', state.lang, turn.bot.definition.persona) }]);
  turn.actions.push({ type: 'handoff', reason, ...target, summary: handoffSummary(state, reason) });
  state.status = 'handed_off';
  state.scenario = null;
  state.offers = null;
  state.awaiting = null;
  state.otp = null;
}

/**
 * The customer's answer to the waiting question or choice. Returns false when the message does
 * not answer it (the policy then tries other readings).
 */
export function answerStep(turn: Turn, message: string, payload: string | null): boolean {
  const scenario = findScenario(turn);
  const step = scenario?.steps.find((s) => s.id === turn.state.scenario?.stepId);
  if (!step || !turn.state.scenario) return false;
  if (step.type === 'otp') {
    answerOtp(turn, step, message);
    return true;
  }
  if (step.type === 'choice') {
    const folded = message.trim().toLowerCase();
    const index = Number.parseInt(folded, 10);
    const option = step.options.find(
      (o, i) => o.id === payload || o.id === folded || i + 1 === index || Object.values(o.label).some((l) => l.toLowerCase() === folded),
    );
    if (!option) return false;
    turn.state.slots[step.slot] = option.value ?? option.id;
    runFrom(turn, option.next ?? step.next);
    return true;
  }
  if (step.type !== 'question') return false;
  const value = slotValue(turn.bot.definition, step, message, turn.state.lang, turn.now);
  if (value !== null) {
    turn.state.slots[step.slot] = value;
    turn.state.scenario = { ...turn.state.scenario, passed: [...(turn.state.scenario.passed ?? []), step.id] };
    runFrom(turn, step.next);
    return true;
  }
  const tries = turn.state.scenario.tries + 1;
  turn.state.scenario = { ...turn.state.scenario, tries };
  if (tries >= step.maxTries) {
    say(turn, [{ type: 'text', text: builtinText('slotFailed', turn.state.lang, turn.bot.definition.persona) }]);
    if (step.onFail) runFrom(turn, step.onFail);
    else handOff(turn, 'slot_not_understood');
  } else say(turn, [{ type: 'text', text: text(turn, step.reprompt) }]);
  return true;
}

/**
 * Continues after the driver ran an HTTP step: maps the response, or takes the error branch (the
 * call failed or timed out, a non-2xx status, a body that is not JSON, or a required value missing).
 */
export function resumeHttp(
  turn: Turn,
  stepId: string,
  result: { ok: boolean; status: number; body: unknown },
  read: (body: unknown, path: string) => unknown,
): void {
  const step = findScenario(turn)?.steps.find((s) => s.id === stepId);
  turn.state.awaiting = null;
  if (!step || step.type !== 'http') return;
  const mapped = result.ok ? mapResponse(step.responseMap, result.body, read) : null;
  if (mapped) {
    Object.assign(turn.state.attributes, mapped);
    runFrom(turn, step.next);
    return;
  }
  turn.state.attributes.lastHttpStatus = result.status;
  if (step.onError) runFrom(turn, step.onError);
  else {
    say(turn, [{ type: 'text', text: builtinText('httpError', turn.state.lang, turn.bot.definition.persona) }]);
    handOff(turn, 'action_failed');
  }
}

/**
 * The attributes a response maps to, or null when a required one is missing. Every mapping is
 * required unless its path ends with `?` (`"carrier": "carrier?"`): a required path must lead to a
 * value other than null, so a 200 with an unexpected body takes the error branch instead of
 * answering with empty values. An optional one missing maps to null.
 */
function mapResponse(responseMap: Record<string, string>, body: unknown, read: (body: unknown, path: string) => unknown): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [attribute, path] of Object.entries(responseMap)) {
    const optional = path.endsWith('?');
    const value = read(body, optional ? path.slice(0, -1) : path) ?? null;
    if (value === null && !optional) return null;
    out[attribute] = value;
  }
  return out;
}
