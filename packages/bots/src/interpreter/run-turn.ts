import type { CompiledBot } from '../nlu/compile-bot.js';
import type { BotAction, BotBlock, BotInput, BotState } from './bot-state.js';
import { step } from './step.js';

/** What the driver of a turn needs from the outside world. */
export interface BotPorts {
  /** Runs an HTTP action (through the SSRF-guarded client); never throws. */
  http(request: Extract<BotAction, { type: 'http' }>): Promise<{ ok: boolean; status: number; body: unknown }>;
  /** The knowledge base's best answer to a question, with its confidence in [0, 1]. */
  answer(question: string, lang: string): Promise<{ text: string; confidence: number } | null>;
  /**
   * Sends a new one-time code out of band (a durable job) and returns its challenge, or why it
   * cannot. Optional: without it an `otp` step always takes its failure branch.
   */
  otp?(request: Extract<BotAction, { type: 'otp' }>): Promise<Extract<BotInput, { kind: 'otp_result' }>>;
}

/**
 * Runs one customer message to the end: steps the interpreter, performs the HTTP and knowledge
 * actions it asks for (and one-time codes) and feeds their results back, until only handoff, end
 * and satisfaction actions remain.
 *
 * @example
 * const { outputs, state, actions } = await runTurn(bot, state, { kind: 'message', text }, new Date(), ports);
 */
export async function runTurn(
  bot: CompiledBot,
  state: BotState,
  input: BotInput,
  now: Date,
  ports: BotPorts,
): Promise<{ outputs: BotBlock[][]; state: BotState; actions: BotAction[] }> {
  const outputs: BotBlock[][] = [];
  const final: BotAction[] = [];
  let result = step(bot, state, input, now);
  // An HTTP step may lead to another; the bound stops a definition that calls in a loop.
  for (let round = 0; round < 10; round++) {
    outputs.push(...result.outputs);
    const pending = result.actions.find((a) => a.type === 'http' || a.type === 'answer' || a.type === 'otp');
    final.push(...result.actions.filter((a) => a.type === 'handoff' || a.type === 'end' || a.type === 'csat' || a.type === 'otp_verified'));
    if (!pending) return { outputs, state: result.state, actions: final };
    const next: BotInput =
      pending.type === 'http'
        ? { kind: 'http_result', ...(await ports.http(pending)) }
        : pending.type === 'otp'
          ? ports.otp
            ? await ports.otp(pending)
            : { kind: 'otp_result', ok: false, reason: 'no_channel' }
          : { kind: 'answer_result', answer: await ports.answer(pending.question, result.state.lang) };
    result = step(bot, result.state, next, now);
  }
  return { outputs, state: { ...result.state, awaiting: null }, actions: final };
}
