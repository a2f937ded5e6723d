import { newId, type Job, type JobOutcome } from '@parley/kernel';
import { plainTextOf, type Conversation, type Customer, type Message, type TransactionScope } from '@parley/domain';
import {
  createOtpChallenge,
  fillSecrets,
  initialBotState,
  maskAddress,
  redactOtp,
  runTurn,
  slowDownMessage,
  wantsHuman,
  type BotAction,
  type BotBlock,
  type BotRepository,
} from '@parley/bots';
import { QUEUES, type UseCaseDeps } from '../deps.js';
import { messageSnapshot } from '../events/message-snapshot.js';
import { requestRouting } from '../routing/routing-effects.js';
import type { BotTurnPayload } from './bot-deps.js';
import { changeHandler } from '../conversations/change-handler.js';
import { recordBotHandoff } from './bot-handoff.js';
import { compiledBotOf } from './compiled-bots.js';
import { BOT_OTP_QUEUE, OTP_CHANNEL_TYPES, type SendOtpPayload } from './send-otp.job.js';

const BOT_ACTOR = (botId: string) => ({ kind: 'bot' as const, id: botId });

/**
 * The `bot.turn` job: the bot answers one customer message. The interpreter (and its HTTP
 * actions) runs outside any transaction; its replies, its state and a handoff then commit
 * together. Replies are ordinary outbound messages authored by the bot, delivered by the
 * channel's adapter (live on web chat, numbered lists on SMS).
 *
 * @example
 * worker.register(BOT_TURN_QUEUE, (job) => botTurnJob(deps, job));
 */
export async function botTurnJob(deps: UseCaseDeps, job: Job<BotTurnPayload>): Promise<JobOutcome> {
  const bots = deps.bots;
  if (!bots) return { kind: 'done' };
  const workspaceId = job.workspaceId;
  const read = deps.store.read;
  const conversation = await read.conversations.get(workspaceId, job.payload.conversationId);
  const message = await read.conversations.getMessage(workspaceId, job.payload.messageId);
  // Handed to a person meanwhile (or the bot was detached): the bot keeps quiet.
  if (!conversation || !message || conversation.handler.kind !== 'bot' || !conversation.handler.id) return { kind: 'done' };
  const botId = conversation.handler.id;
  const stored = await bots.repository(read).get(workspaceId, botId);
  const bot = stored ? compiledBotOf(stored) : null;
  if (!bot) return handOffWithoutBot(deps, conversation);
  const previous = await bots.repository(read).lockState(workspaceId, conversation.id);
  const now = deps.clock.now();
  // A message answering a code step may hold the code: the stored copy gets bullets instead.
  const answersCode = Boolean(previous?.state.status === 'active' && previous.state.otp && previous.state.scenario?.stepId === previous.state.otp.stepId);
  // Turns of one conversation run one at a time (ordering key), so this count is not raced.
  const limit = deps.botRateLimit;
  // Asking for a person always gets through: the handoff is what ends a flood best.
  if (limit && limit.turns > 0 && !asksForHuman(message)) {
    const recent = await bots.repository(read).recentActivity(workspaceId, conversation.id, new Date(now.getTime() - limit.windowSec * 1000));
    if (recent.turns >= limit.turns) {
      await rateLimited(
        deps,
        { message, botId, limit, notify: !recent.slowedDown, answersCode, now },
        slowDownMessage(bot.definition, previous?.state ?? null),
      );
      return { kind: 'done' };
    }
  }
  const customer = await read.customers.get(workspaceId, conversation.customerId);
  const state = previous?.state ?? initialBotState(bot.definition.defaultLanguage);
  // Whether the policy fell back to the knowledge base, and what it got (for the turn's outcome).
  const fallback: { asked: boolean; answer: { text: string; confidence: number } | null } = { asked: false, answer: null };
  // Secrets are opened for this turn only and filled into HTTP actions at call time.
  const sealedSecrets = await bots.repository(read).getSealedSecrets(workspaceId, botId);
  const secrets = sealedSecrets ? deps.secrets.open(sealedSecrets) : {};
  // Codes generated during the turn; their delivery jobs commit with the turn's replies.
  const codes: SendOtpPayload[] = [];
  const previousConversationAt = state.started ? null : await previousConversationOf(deps, conversation);
  const input = {
    kind: 'message' as const,
    text: message.text || plainTextOf(message.content),
    firstName: firstNameOf(customer?.attributes),
    previousConversationAt,
  };
  const result = await runTurn(bot, state, input, now, {
    http: (request) => bots.http(fillSecrets(request, secrets)),
    otp: async (request) => {
      const target = customer ? await otpTarget(deps, customer, request) : null;
      if (!target) return { kind: 'otp_result', ok: false, reason: customer && hasVerifiedAddress(customer, request.via) ? 'no_channel' : 'no_address' };
      const { code, challenge } = createOtpChallenge({ digits: request.digits, ttlSeconds: request.ttlSeconds, now });
      const masked = maskAddress(target.to, target.via);
      codes.push({
        challengeId: challenge.id,
        conversationId: conversation.id,
        customerId: conversation.customerId,
        botId,
        channelId: target.channelId,
        via: target.via,
        sealed: deps.secrets.seal({ code, to: target.to }),
        masked,
        lang: request.lang,
        brand: bot.definition.persona.name,
        minutes: Math.round(request.ttlSeconds / 60),
      });
      return { kind: 'otp_result', ok: true, challenge, via: target.via, masked };
    },
    answer: async (question, lang) => {
      fallback.asked = true;
      fallback.answer = bots.answer ? await bots.answer(workspaceId, question, lang) : null;
      return fallback.answer;
    },
  });
  const outcome = turnOutcome(result, fallback, bot.definition.thresholds.answer);
  await deps.store.transaction(async (tx) => {
    const fresh = await tx.conversations.lock(workspaceId, conversation.id);
    if (!fresh || fresh.handler.kind !== 'bot') return;
    await bots.repository(tx).saveState({ workspaceId, conversationId: conversation.id, botId, state: result.state, now });
    if (answersCode) await redactCode(tx, bots.repository(tx), message, fresh.customerId);
    for (const blocks of result.outputs) await sendBotMessage(tx, fresh, botId, blocks, now);
    for (const payload of codes)
      await tx.enqueue({
        queue: BOT_OTP_QUEUE,
        workspaceId,
        payload,
        orderingKey: `otp:${conversation.id}`,
        idempotencyKey: `otp:${payload.challengeId}`,
        maxAttempts: 5,
      });
    for (const action of result.actions) await applyAction(deps, tx, fresh, botId, action, now);
    // One event per answered message, for the bot's containment and fallback rates. No
    // customer id: it stays off the customer's timeline (the messages already tell the story).
    const turn = { botId, messageId: message.id, outcome, intent: result.state.intent };
    await tx.events.record({ workspaceId, type: 'bot.turn', conversationId: conversation.id, payload: turn, actor: BOT_ACTOR(botId), occurredAt: now });
  });
  return { kind: 'done' };
}

/**
 * How the policy handled the turn: a handoff; understood (intent, scenario, small talk); or one
 * of the fallbacks (knowledge-base answer, top choices, "rephrase", offer a human).
 */
export type BotTurnOutcome = 'handoff' | 'understood' | 'silent' | 'kb' | 'top_choices' | 'rephrase' | 'offer_human';

/** Fallback outcomes: the bot did not understand the message by itself. */
export const FALLBACK_OUTCOMES: readonly BotTurnOutcome[] = ['kb', 'top_choices', 'rephrase', 'offer_human'];

function turnOutcome(
  result: { outputs: BotBlock[][]; state: { offers: unknown[] | null; rephrased: boolean }; actions: BotAction[] },
  fallback: { asked: boolean; answer: { confidence: number } | null },
  answerThreshold: number,
): BotTurnOutcome {
  if (result.actions.some((a) => a.type === 'handoff')) return 'handoff';
  if (!fallback.asked) return result.outputs.length > 0 ? 'understood' : 'silent';
  if (fallback.answer && fallback.answer.confidence >= answerThreshold) return 'kb';
  if (result.state.offers && result.state.offers.length > 1) return 'top_choices';
  if (result.state.rephrased) return 'rephrase';
  return 'offer_human';
}

function firstNameOf(attributes: Record<string, unknown> | undefined): string | null {
  const first = attributes?.firstName;
  if (typeof first === 'string' && first.length > 0) return first;
  return null;
}

async function sendBotMessage(tx: TransactionScope, conversation: Conversation, botId: string, blocks: BotBlock[], now: Date): Promise<void> {
  const content = { v: 1 as const, blocks };
  const text = plainTextOf(content);
  const message = await tx.conversations.appendMessage({
    id: newId(now.getTime()),
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    channelId: conversation.channelId,
    providerMessageId: null,
    direction: 'outbound',
    author: BOT_ACTOR(botId),
    visibility: 'public',
    content,
    text,
    deliveryStatus: 'pending',
    createdAt: now,
  });
  await tx.enqueue({
    queue: QUEUES.outboundDelivery,
    workspaceId: conversation.workspaceId,
    payload: { messageId: message.id },
    orderingKey: `conversation:${conversation.id}`,
    idempotencyKey: message.id,
    maxAttempts: 12,
  });
  tx.publishAfterCommit({
    name: 'message.created',
    workspaceId: conversation.workspaceId,
    payload: {
      conversationId: conversation.id,
      customerId: conversation.customerId,
      messageId: message.id,
      seq: message.seq,
      visibility: 'public',
      authorKind: 'bot',
      authorId: botId,
      text,
      message: messageSnapshot(message),
    },
  });
}

async function applyAction(deps: UseCaseDeps, tx: TransactionScope, conversation: Conversation, botId: string, action: BotAction, now: Date): Promise<void> {
  if (action.type === 'handoff') {
    await changeHandler(tx, conversation, { kind: 'queue', id: action.queueId ?? null }, BOT_ACTOR(botId), now);
    await recordBotHandoff(tx, conversation, botId, { reason: action.reason, ...(action.skill ? { skill: action.skill } : {}), summary: action.summary }, now);
    if (deps.routing)
      await requestRouting(
        tx,
        conversation,
        { reason: 'bot_handoff', hints: { botHandoff: true }, ...(action.queueId ? { queueId: action.queueId } : {}) },
        { idempotencyKey: `route:${conversation.id}:bot_handoff:${now.getTime()}` },
      );
  } else if (action.type === 'end') {
    await tx.events.record({
      workspaceId: conversation.workspaceId,
      type: 'bot.ended',
      customerId: conversation.customerId,
      conversationId: conversation.id,
      payload: { csat: action.csat },
      actor: BOT_ACTOR(botId),
      occurredAt: now,
    });
  } else if (action.type === 'otp_verified') {
    const payload = { botId, via: action.via, stepId: action.stepId };
    await tx.events.record({
      workspaceId: conversation.workspaceId,
      type: 'bot.otp_verified',
      customerId: conversation.customerId,
      conversationId: conversation.id,
      payload,
      actor: BOT_ACTOR(botId),
      occurredAt: now,
    });
  } else if (action.type === 'csat') {
    // The same event as the web chat's rating, with one level (`answer`), attributed to the bot:
    // the bot's stats count it, per scenario.
    const payload = { answer: action.rating, comment: null, handledBy: { kind: 'bot', id: botId }, source: 'bot', scenarioId: action.scenarioId };
    await tx.events.record({
      workspaceId: conversation.workspaceId,
      type: 'csat.recorded',
      customerId: conversation.customerId,
      conversationId: conversation.id,
      payload,
      actor: { kind: 'customer', id: conversation.customerId },
      occurredAt: now,
    });
  }
}

// A "talk to a person" button sends its payload as the text.
function asksForHuman(message: Message): boolean {
  const text = message.text || plainTextOf(message.content);
  return text.trim() === 'human' || wantsHuman(text);
}

/**
 * A customer message beyond the conversation's rate limit: stored already (the inbound flow
 * acknowledged it), never answered by the bot. The first one of a window gets the polite "slow
 * down" and a `bot.rate_limited` timeline event; the next ones, silence.
 */
async function rateLimited(
  deps: UseCaseDeps,
  input: { message: Message; botId: string; limit: { turns: number; windowSec: number }; notify: boolean; answersCode: boolean; now: Date },
  notice: BotBlock[],
): Promise<void> {
  const bots = deps.bots;
  if (!bots) return;
  const { message, botId, now } = input;
  await deps.store.transaction(async (tx) => {
    const fresh = await tx.conversations.lock(message.workspaceId, message.conversationId);
    if (!fresh || fresh.handler.kind !== 'bot') return;
    if (input.answersCode) await redactCode(tx, bots.repository(tx), message, fresh.customerId);
    if (!input.notify) return;
    await sendBotMessage(tx, fresh, botId, notice, now);
    await tx.events.record({
      workspaceId: fresh.workspaceId,
      type: 'bot.rate_limited',
      customerId: fresh.customerId,
      conversationId: fresh.id,
      messageId: message.id,
      payload: { botId, limit: input.limit.turns, windowSec: input.limit.windowSec },
      actor: BOT_ACTOR(botId),
      occurredAt: now,
    });
  });
}

/** Replaces the digits of a code in a customer's message, in storage and in the agents' live view. */
async function redactCode(tx: TransactionScope, repo: BotRepository, message: Message, customerId: string): Promise<void> {
  const blocks = message.content.blocks.map((b) => (b.type === 'text' ? { ...b, text: redactOtp(b.text) } : b));
  const text = redactOtp(message.text);
  if (text === message.text && JSON.stringify(blocks) === JSON.stringify(message.content.blocks)) return;
  const updated: Message = { ...message, text, content: { ...message.content, blocks } };
  await repo.redactCustomerMessage(message.workspaceId, message.id, text, updated.content);
  tx.publishAfterCommit({
    name: 'message.updated',
    workspaceId: message.workspaceId,
    payload: { conversationId: message.conversationId, customerId, messageId: message.id, message: messageSnapshot(updated) },
  });
}

/** When the customer's previous conversation started (ISO), for the persona's "good to see you again". */
async function previousConversationOf(deps: UseCaseDeps, conversation: Conversation): Promise<string | null> {
  // Ids are time-ordered (UUIDv7), newest first: the first other one is the previous conversation.
  const page = await deps.store.read.conversations.list(conversation.workspaceId, { customerId: conversation.customerId }, null, 5);
  const previous = page.items.find((c) => c.id !== conversation.id && c.createdAt < conversation.createdAt);
  return previous ? previous.createdAt.toISOString() : null;
}

const OTP_IDENTITY: Record<'sms' | 'email', string> = { sms: 'phone', email: 'email' };

function hasVerifiedAddress(customer: Customer, via: ReadonlyArray<'sms' | 'email'>): boolean {
  return via.some((v) => customer.identities.some((i) => i.kind === OTP_IDENTITY[v] && i.verified));
}

/** Where a code goes: the first verified address of the wanted kinds with a channel to reach it. */
async function otpTarget(
  deps: UseCaseDeps,
  customer: Customer,
  request: Extract<BotAction, { type: 'otp' }>,
): Promise<{ via: 'sms' | 'email'; to: string; channelId: string } | null> {
  const channels = await deps.store.read.channels.list(customer.workspaceId);
  for (const via of request.via) {
    // Only a verified address proves anything: an unverified one could be anyone's.
    const identity = customer.identities.find((i) => i.kind === OTP_IDENTITY[via] && i.verified);
    if (!identity) continue;
    const channel = channels.find((c) => OTP_CHANNEL_TYPES[via].includes(c.type) && (!request.channelId || c.id === request.channelId));
    if (channel) return { via, to: identity.value, channelId: channel.id };
  }
  return null;
}

/** A bot deleted or broken: the conversation must not stay with nobody. */
async function handOffWithoutBot(deps: UseCaseDeps, conversation: Conversation): Promise<JobOutcome> {
  await deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    await tx.conversations.update(conversation.workspaceId, conversation.id, { handler: { kind: 'queue', id: null }, now });
    if (deps.routing)
      await requestRouting(
        tx,
        conversation,
        { reason: 'bot_handoff', hints: { botHandoff: true } },
        { idempotencyKey: `route:${conversation.id}:bot_missing` },
      );
  });
  return { kind: 'done' };
}
