import { analyzeSentiment, detectLanguage } from '@parley/nlu';
import { pick, render } from '../definition/localized.js';
import { BUILTIN, smallTalkOf, wantsHuman, type BuiltinIntent } from '../nlu/builtin-intents.js';
import type { PendingOffer } from './bot-state.js';
import { builtinText, nameVar } from './builtin-texts.js';
import { redactOtp } from './otp.js';
import { answerCsat, answerStep, handOff, startScenario } from './scenario-runner.js';
import { remember, say, type Turn } from './turn.js';

// The conversation policy, in order: "a human" always wins; a waiting question or offered choice
// takes the answer; a confident intent runs its scenario (or fixed answer); small talk is
// answered; anything else asks the knowledge base (the driver answers with `answer_result`).

/** Handles one customer message. */
export function onMessage(turn: Turn, message: string, payload: string | null, firstName: string | null, previousConversationAt: string | null = null): void {
  const { state, bot } = turn;
  const def = bot.definition;
  if (firstName) state.firstName = firstName;
  if (!state.started) state.lang = languageOf(message, def.languages, def.defaultLanguage);
  // A message answering a one-time code is remembered without its digits (handoff summaries).
  remember(state, 'customer', state.otp ? redactOtp(message) : message, turn.now);
  const sentiment = analyzeSentiment(message, { language: state.lang });
  state.sentiments = [...state.sentiments, { score: sentiment.score, emotions: sentiment.emotions }].slice(-20);
  if (state.status !== 'active') {
    // A new message after the end starts over; after a handoff the bot stays silent.
    if (state.status === 'handed_off') return;
    state.status = 'active';
  }
  if (!state.started) {
    state.started = true;
    // `{{firstName}}` in an introduction carries its own leading space: "Bonjour{{firstName}} !".
    const intro = render(pick(def.persona.introduction, state.lang, def.defaultLanguage), {
      firstName: state.firstName ? ` ${state.firstName}` : '',
      slots: {},
      attributes: {},
    });
    const back = def.persona.welcomeBack && previousConversationAt ? welcomeBack(turn, previousConversationAt) : null;
    say(turn, [{ type: 'text', text: back ? `${intro} ${back}` : intro }]);
  }

  // The end step asked for satisfaction: a rating answers it, anything else goes on as usual.
  if (state.csat) {
    const csat = state.csat;
    state.csat = null;
    if (answerCsat(turn, csat.scenarioId, message, payload)) return;
  }

  const offers = state.offers;
  state.offers = null;
  const offered = offers ? matchOffer(offers, message, payload) : null;
  if (payload === 'human' || offered?.target === 'human') return handOff(turn, 'customer_request');

  const prediction = bot.predict(message, state.lang);
  const top = prediction.oos ? undefined : prediction.ranking[0];
  const intent = top && top.confidence >= def.thresholds.intent ? top.intent : null;
  if (wantsHuman(message) || intent === BUILTIN.human) return handOff(turn, 'customer_request');

  // Small talk inside a scenario is answered without giving up the waiting question.
  const small = smallTalkOf(message);
  if (small && state.scenario) return smallTalk(turn, small);
  if (state.scenario && answerStep(turn, message, payload)) return;
  if (offered) return runIntent(turn, offered.target, message);

  if (small) return smallTalk(turn, small);
  if (intent) return runIntent(turn, intent, message);
  state.awaiting = { kind: 'answer', question: message };
  turn.actions.push({ type: 'answer', question: message });
}

/** The knowledge base answered (or not): answer, offer the top intents, or handle out-of-scope. */
export function onAnswer(turn: Turn, answer: { text: string; confidence: number } | null): void {
  const { state, bot } = turn;
  const def = bot.definition;
  const question = state.awaiting?.kind === 'answer' ? state.awaiting.question : '';
  state.awaiting = null;
  const voice = def.persona;
  if (answer && answer.confidence >= def.thresholds.answer) {
    state.rephrased = false;
    return say(turn, [{ type: 'text', text: answer.text }]);
  }
  const prediction = bot.predict(question, state.lang);
  const labelled = new Map(def.intents.filter((i) => i.label).map((i) => [i.id, i]));
  const top = prediction.oos ? [] : prediction.ranking.filter((c) => labelled.has(c.intent) && c.confidence >= MIN_CANDIDATE).slice(0, 3);
  if (top.length > 0) {
    const offers: PendingOffer[] = top.map((c) => ({
      id: c.intent,
      target: c.intent,
      label: pick(labelled.get(c.intent)?.label, state.lang, def.defaultLanguage),
    }));
    offers.push({ id: 'human', target: 'human', label: builtinText('humanButton', state.lang, voice) });
    state.offers = offers;
    return say(turn, [
      { type: 'quick_replies', text: builtinText('topChoices', state.lang, voice), replies: offers.map((o) => ({ id: o.id, label: o.label, payload: o.id })) },
    ]);
  }
  if (!state.rephrased) {
    state.rephrased = true;
    return say(turn, [{ type: 'text', text: builtinText('rephrase', state.lang, voice) }]);
  }
  state.rephrased = false;
  const human = builtinText('humanButton', state.lang, voice);
  state.offers = [{ id: 'human', target: 'human', label: human }];
  say(turn, [{ type: 'buttons', text: builtinText('offerHuman', state.lang, voice), buttons: [{ id: 'human', label: human, payload: 'human' }] }]);
}

// Below this an intent is noise, not a plausible reading worth offering.
const MIN_CANDIDATE = 0.12;

function runIntent(turn: Turn, intent: string, message: string): void {
  const { state, bot } = turn;
  state.intent = intent;
  state.rephrased = false;
  if (intent.startsWith('builtin.')) return smallTalk(turn, intent as BuiltinIntent);
  const scenario = bot.definition.scenarios.find((s) => s.intent === intent);
  if (scenario) return startScenario(turn, scenario, message);
  const fixed = bot.definition.answers.find((a) => a.intent === intent);
  if (fixed) return say(turn, [{ type: 'text', text: pick(fixed.text, state.lang, bot.definition.defaultLanguage) }]);
  state.awaiting = { kind: 'answer', question: message };
  turn.actions.push({ type: 'answer', question: message });
}

function smallTalk(turn: Turn, intent: BuiltinIntent): void {
  const { state, bot } = turn;
  const key = intent === BUILTIN.thanks ? 'thanks' : intent === BUILTIN.goodbye ? 'goodbye' : 'greeting';
  // The introduction already greeted: a lone "bonjour" right after it needs no second hello.
  if (key === 'greeting' && state.transcript.filter((m) => m.from === 'bot').length === 1) return;
  say(turn, [{ type: 'text', text: builtinText(key, state.lang, bot.definition.persona, nameVar(state.firstName)) }]);
}

/** "Good to see you again", with the previous conversation's date in the conversation's language. */
function welcomeBack(turn: Turn, previousAt: string): string | null {
  const date = new Date(previousAt);
  if (Number.isNaN(date.getTime())) return null;
  // UTC: the date must not depend on the server's time zone (tests, several processes).
  const formatted = new Intl.DateTimeFormat(turn.state.lang === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
  return builtinText('welcomeBack', turn.state.lang, turn.bot.definition.persona, { date: formatted });
}

function matchOffer(offers: PendingOffer[], message: string, payload: string | null): PendingOffer | null {
  const folded = message.trim().toLowerCase();
  const index = Number.parseInt(folded, 10);
  return offers.find((o, i) => o.id === payload || o.label.toLowerCase() === folded || i + 1 === index) ?? null;
}

function languageOf(text: string, languages: readonly string[], fallback: string): string {
  const detected = detectLanguage(text, { candidates: languages });
  return detected.language !== 'und' && languages.includes(detected.language) ? detected.language : fallback;
}
