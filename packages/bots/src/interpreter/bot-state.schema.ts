import { z } from 'zod';
import type { BotState } from './bot-state.js';

// The builder's test console keeps the bot state on the client and sends it back on the next
// turn: the server checks its shape before the interpreter trusts it.

const text = z.string().max(2000);
const offer = z.object({ id: text, label: text, target: text });

/**
 * The shape of a {@link BotState} coming from outside (the test console's client).
 *
 * @example
 * const state = botStateSchema.parse(request.body.state);
 */
export const botStateSchema = z.object({
  lang: z.string().min(2).max(15),
  started: z.boolean(),
  status: z.enum(['active', 'handed_off', 'ended']),
  firstName: text.nullable(),
  scenario: z.object({ id: text, stepId: text, tries: z.number().int().min(0).max(100), passed: z.array(text).max(100).optional() }).nullable(),
  slots: z.record(z.string(), text),
  attributes: z.record(z.string(), z.unknown()),
  intent: text.nullable(),
  rephrased: z.boolean(),
  offers: z.array(offer).max(20).nullable(),
  awaiting: z
    .union([
      z.object({ kind: z.literal('http'), stepId: text }),
      z.object({ kind: z.literal('answer'), question: text }),
      z.object({ kind: z.literal('otp'), stepId: text }),
    ])
    .nullable(),
  transcript: z.array(z.object({ from: z.enum(['customer', 'bot']), text, at: text })).max(50),
  sentiments: z.array(z.object({ score: z.number(), emotions: z.record(z.string(), z.number()) })).max(50),
  otp: z
    .object({
      stepId: text,
      challenge: z.object({ id: text, hash: text, salt: text, expiresAt: text }),
      via: z.enum(['sms', 'email']),
      masked: text,
      attempts: z.number().int().min(0).max(100),
      resends: z.number().int().min(0).max(100),
    })
    .nullable()
    .optional(),
  csat: z.object({ scenarioId: text }).nullable().optional(),
}) satisfies z.ZodType<BotState>;
