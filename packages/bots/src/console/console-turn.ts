import { extractEntities, type FeatureContribution, type IntentCandidate } from '@parley/nlu';
import type { CompiledBot } from '../nlu/compile-bot.js';
import { smallTalkOf } from '../nlu/builtin-intents.js';
import { initialBotState, type BotAction, type BotBlock, type BotState } from '../interpreter/bot-state.js';
import { createConsoleOtpChallenge, consoleOtpCode } from '../interpreter/otp.js';
import { runTurn } from '../interpreter/run-turn.js';

// The builder's test console: one turn of a definition, explained. Nothing is stored and nothing
// is sent: the caller keeps the state and sends it back; a one-time code is never sent (the
// documented test code is accepted instead); HTTP actions do run, through the caller's port.

/** How the policy handled the message, as the console shows it. */
export type ConsoleDecision =
  | { kind: 'scenario'; intent: string | null; scenarioId: string | null; stepId: string | null }
  | { kind: 'answer'; intent: string }
  | { kind: 'kb'; confidence: number }
  | { kind: 'choices'; intents: string[] }
  | { kind: 'rephrase' }
  | { kind: 'offer_human' }
  | { kind: 'handoff'; reason: string }
  | { kind: 'small_talk' }
  | { kind: 'silent' };

/** One HTTP action the turn ran: its response as the bot saw it (secret values masked). */
export interface ConsoleHttpCall {
  stepId: string;
  method: string;
  url: string;
  ok: boolean;
  status: number;
  body: unknown;
}

/** Something the author must know about the turn that the customer would not see. */
export type ConsoleNote = { kind: 'otp_not_sent'; code: string } | { kind: 'end'; csat: boolean };

/** One explained turn of the test console. */
export interface ConsoleTurn {
  replies: BotBlock[][];
  state: BotState;
  nlu: {
    language: string;
    intent: string | null;
    confidence: number;
    oos: boolean;
    threshold: number;
    ranking: IntentCandidate[];
    features: FeatureContribution[];
  };
  entities: Array<{ kind: string; name: string; text: string; normalized: string }>;
  slots: Record<string, string>;
  attributes: Record<string, unknown>;
  decision: ConsoleDecision;
  http: ConsoleHttpCall[];
  notes: ConsoleNote[];
}

/** What the console needs from outside: HTTP actions and the knowledge base. */
export interface ConsolePorts {
  http(request: Extract<BotAction, { type: 'http' }>): Promise<{ ok: boolean; status: number; body: unknown }>;
  answer(question: string, lang: string): Promise<{ text: string; confidence: number } | null>;
}

/**
 * Runs one message through the bot as a conversation would, and explains it: the NLU ranking and
 * the features that weighed most, entities found, the policy's decision, the slots and attributes.
 *
 * @example
 * const turn = await runConsoleTurn(compileBot(draft), null, 'où est ma commande ?', new Date(), ports);
 * turn.nlu.ranking[0] // { intent: 'track_order', confidence: 0.91 }
 */
export async function runConsoleTurn(bot: CompiledBot, previous: BotState | null, text: string, now: Date, ports: ConsolePorts): Promise<ConsoleTurn> {
  const def = bot.definition;
  const state = previous ?? initialBotState(def.defaultLanguage);
  const http: ConsoleHttpCall[] = [];
  const notes: ConsoleNote[] = [];
  const fallback: { asked: boolean; answer: { text: string; confidence: number } | null } = { asked: false, answer: null };
  const result = await runTurn(bot, state, { kind: 'message', text }, now, {
    http: async (request) => {
      const response = await ports.http(request);
      http.push({ stepId: request.stepId, method: request.method, url: request.url, ...response });
      return response;
    },
    answer: async (question, lang) => {
      fallback.asked = true;
      fallback.answer = await ports.answer(question, lang);
      return fallback.answer;
    },
    otp: async (request) => {
      notes.push({ kind: 'otp_not_sent', code: consoleOtpCode(request.digits) });
      const via = request.via[0] ?? 'sms';
      return {
        kind: 'otp_result',
        ok: true,
        challenge: createConsoleOtpChallenge({ ...request, now }),
        via,
        masked: via === 'sms' ? '•• •• •• •• 00' : 't•••@test',
      };
    },
  });
  for (const action of result.actions) if (action.type === 'end') notes.push({ kind: 'end', csat: action.csat });
  // The language the turn ran in: detected on the first message, kept afterwards.
  const language = result.state.lang;
  const prediction = bot.explain(text, language);
  const top = prediction.oos ? undefined : prediction.ranking[0];
  const intent = top && top.confidence >= def.thresholds.intent ? top.intent : null;
  return {
    replies: result.outputs,
    state: result.state,
    nlu: {
      language,
      intent,
      confidence: prediction.confidence,
      oos: prediction.oos,
      threshold: def.thresholds.intent,
      ranking: prediction.ranking,
      features: prediction.explanation,
    },
    entities: extractEntities(text, { language, now, custom: { regexes: def.entities.regexes } }).map((e) => ({
      kind: e.kind,
      name: e.name,
      text: e.text,
      normalized: e.normalized,
    })),
    slots: result.state.slots,
    attributes: result.state.attributes,
    decision: decisionOf(bot, state, result, fallback, text, intent),
    http,
    notes,
  };
}

function decisionOf(
  bot: CompiledBot,
  before: BotState,
  result: { outputs: BotBlock[][]; state: BotState; actions: BotAction[] },
  fallback: { asked: boolean; answer: { confidence: number } | null },
  text: string,
  understood: string | null,
): ConsoleDecision {
  const def = bot.definition;
  const handoff = result.actions.find((a) => a.type === 'handoff');
  if (handoff) return { kind: 'handoff', reason: handoff.reason };
  const after = result.state;
  if (fallback.asked) {
    if (fallback.answer && fallback.answer.confidence >= def.thresholds.answer) return { kind: 'kb', confidence: fallback.answer.confidence };
    const intents = (after.offers ?? []).filter((o) => o.target !== 'human').map((o) => o.target);
    if (intents.length > 0) return { kind: 'choices', intents };
    return after.rephrased ? { kind: 'rephrase' } : { kind: 'offer_human' };
  }
  const scenario = after.scenario ?? before.scenario;
  const ended = result.actions.some((a) => a.type === 'end' || a.type === 'csat');
  if (after.scenario || (ended && after.intent) || (before.scenario && result.outputs.length > 0)) {
    const id = scenario?.id ?? def.scenarios.find((s) => s.intent === after.intent)?.id ?? null;
    return { kind: 'scenario', intent: after.intent, scenarioId: id, stepId: after.scenario?.stepId ?? null };
  }
  if (understood && after.intent === understood && def.answers.some((a) => a.intent === understood)) return { kind: 'answer', intent: understood };
  return result.outputs.length > 0 || smallTalkOf(text) ? { kind: 'small_talk' } : { kind: 'silent' };
}
