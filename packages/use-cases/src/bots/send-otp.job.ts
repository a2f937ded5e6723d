import type { Job, JobOutcome, SealedSecret } from '@parley/kernel';
import type { UseCaseDeps } from '../deps.js';
import { consentRefusal } from '../delivery/consent-gate.js';

/** Queue of the one-time-code delivery job. */
export const BOT_OTP_QUEUE = 'bot.otp_send';

/** The channel types that carry a code: SMS to a phone, email to an address. */
export const OTP_CHANNEL_TYPES: Record<'sms' | 'email', readonly string[]> = { sms: ['twilio_sms'], email: ['email'] };

/**
 * The `bot.otp_send` job's payload. The code and the address travel sealed (SecretBox): the jobs
 * table never holds a readable code.
 */
export interface SendOtpPayload {
  /** The challenge the code belongs to (the job's idempotency key). */
  challengeId: string;
  conversationId: string;
  customerId: string;
  botId: string;
  channelId: string;
  via: 'sms' | 'email';
  /** `{ code, to }`, sealed with the workspace secrets' SecretSealer. */
  sealed: SealedSecret;
  /** The address as the bot may show it, for the timeline. */
  masked: string;
  lang: string;
  /** Who the code comes from (the bot persona's name). */
  brand: string;
  minutes: number;
}

/**
 * Sends a bot's one-time code through a workspace SMS or email channel, out of band: not a
 * message of the conversation, so the code never appears in the transcript agents read. Records
 * `bot.otp_sent` on the timeline with the channel and the masked address, never the code. Like
 * the delivery job it is at-least-once and checks consent (an SMS STOP) at send time.
 *
 * @example
 * worker.register(BOT_OTP_QUEUE, (job) => sendOtpJob(deps, job));
 */
export async function sendOtpJob(deps: UseCaseDeps, job: Job<SendOtpPayload>): Promise<JobOutcome> {
  const { store } = deps;
  const workspaceId = job.workspaceId;
  const p = job.payload;
  const channel = await store.read.channels.get(workspaceId, p.channelId);
  if (!channel) return record(deps, job, { ok: false, retryable: false, error: 'the channel no longer exists' });
  const adapter = deps.channels.get(channel.type);
  const { code, to } = deps.secrets.open(p.sealed);
  if (!code || !to) return record(deps, job, { ok: false, retryable: false, error: 'the sealed code is unreadable' });
  const text = otpText(p.lang, p.brand, code, p.minutes);
  const refusal = adapter.manifest.consent ? await consentRefusal(deps, workspaceId, p.customerId, adapter.manifest.consent) : null;
  const result = refusal
    ? ({ ok: false, retryable: false, error: refusal } as const)
    : await adapter.send({
        channel: { id: channel.id, workspaceId, name: channel.name, config: channel.config },
        secrets: deps.secrets.open(await store.read.channels.getSecrets(workspaceId, channel.id)),
        conversationId: p.conversationId,
        // Only the address the bot named: an adapter takes the first identity of its kind.
        customer: { id: p.customerId, externalId: null, identities: [{ kind: p.via === 'sms' ? 'phone' : 'email', scope: '', value: to }] },
        message: { id: job.id, content: { v: 1, blocks: [{ type: 'text', text }] }, text, author: { kind: 'bot', name: p.brand } },
        deliveryId: job.id,
      });
  return record(deps, job, result);
}

async function record(
  deps: UseCaseDeps,
  job: Job<SendOtpPayload>,
  result: { ok: true } | { ok: false; retryable: boolean; error: string },
): Promise<JobOutcome> {
  const p = job.payload;
  const final = result.ok || !result.retryable || job.attempt >= job.maxAttempts;
  if (final)
    await deps.store.transaction(async (tx) => {
      await tx.events.record({
        workspaceId: job.workspaceId,
        type: 'bot.otp_sent',
        customerId: p.customerId,
        conversationId: p.conversationId,
        payload: {
          botId: p.botId,
          via: p.via,
          channelId: p.channelId,
          to: p.masked,
          status: result.ok ? 'sent' : 'failed',
          ...(result.ok ? {} : { error: result.error }),
        },
        actor: { kind: 'bot', id: p.botId },
        occurredAt: deps.clock.now(),
      });
    });
  if (result.ok) return { kind: 'done' };
  return result.retryable ? { kind: 'retry', error: result.error } : { kind: 'dead', error: result.error };
}

/** The code's message, short enough for one SMS segment with the brand. */
function otpText(lang: string, brand: string, code: string, minutes: number): string {
  return lang === 'fr'
    ? `${brand} : votre code de vérification est ${code}. Il expire dans ${minutes} min. Ne le communiquez à personne, pas même à un conseiller.`
    : `${brand}: your verification code is ${code}. It expires in ${minutes} min. Never share it, not even with an agent.`;
}
