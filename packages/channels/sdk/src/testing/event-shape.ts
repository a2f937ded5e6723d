import { z } from 'zod';
import { IDENTITY_KINDS, messageContentSchema, normalizeIdentity, type IdentityClaim, type IdentityProvenance } from '@parley/domain';
import type { InboundEvent, ParseResult, SendResult } from '../channel-adapter.js';

const PROVENANCES = ['channel', 'signed_identify', 'form', 'agent', 'api', 'import'] as const satisfies readonly IdentityProvenance[];

const identitySchema = z
  .object({ kind: z.enum(IDENTITY_KINDS), raw: z.string(), scope: z.string(), verified: z.boolean(), provenance: z.enum(PROVENANCES) })
  .strict();
const validDate = z.custom<Date>((d) => d instanceof Date && !Number.isNaN(d.getTime()), 'must be a valid Date (not Invalid Date)');
// A unique-index key in storage: PostgreSQL's btree refuses entries over about 2.7 kB, so keep ids short.
const providerId = z.string().min(1).max(1024);

const messageEventSchema = z
  .object({
    kind: z.literal('message'),
    providerMessageId: providerId,
    identities: z.array(identitySchema),
    displayName: z.string().nullable(),
    // Exactly what the domain stores: an adapter may not hand the core content it would refuse elsewhere.
    content: messageContentSchema,
    text: z.string(),
    sentAt: validDate.nullable(),
    topic: z.string().optional(),
    // Hints (InboundMessageHints).
    skipRouting: z.boolean().optional(),
    autoReply: z.string().min(1).optional(),
    menuChoice: z.number().int().positive().optional(),
  })
  .strict();
const statusEventSchema = z
  .object({
    kind: z.literal('delivery_status'),
    providerMessageId: providerId,
    status: z.enum(['sent', 'delivered', 'read', 'failed']),
    error: z.string().optional(),
  })
  .strict();
const consentEventSchema = z
  .object({
    kind: z.literal('consent'),
    identity: identitySchema,
    status: z.enum(['granted', 'revoked']),
    purpose: z.string().min(1),
    keyword: z.string().min(1),
  })
  .strict();
const eventSchema = z.discriminatedUnion('kind', [messageEventSchema, statusEventSchema, consentEventSchema]);

/**
 * What is wrong with a parse result, as readable lines (empty when it keeps the contract): an
 * error is `validation_failed` with a message; events are normalized (domain-valid content, real
 * dates, well-formed identities, non-empty provider ids).
 *
 * @example
 * expect(parseResultProblems(adapter.parseInbound(request, channel))).toEqual([]);
 */
export function parseResultProblems(result: ParseResult): string[] {
  if (typeof result !== 'object' || result === null) return ['parseInbound returned no result object'];
  if (!result.ok) {
    const problems: string[] = [];
    if (result.code !== 'validation_failed') problems.push(`error code ${String(result.code)} is not validation_failed`);
    if (typeof result.message !== 'string' || result.message.length === 0) problems.push('error without a message');
    return problems;
  }
  if (!Array.isArray(result.events)) return ['ok result without an events array'];
  return result.events.flatMap((event, index) => inboundEventProblems(event).map((p) => `events[${index}]: ${p}`));
}

/**
 * What is wrong with one normalized event (empty when nothing).
 *
 * @example
 * inboundEventProblems({ kind: 'delivery_status', providerMessageId: '', status: 'read' }); // ['providerMessageId: …']
 */
export function inboundEventProblems(event: InboundEvent): string[] {
  const parsed = eventSchema.safeParse(event);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
}

/** True when the channel proves at least one identity the core can file the customer under. */
export function hasProvenIdentity(identities: readonly IdentityClaim[]): boolean {
  return identities.some((i) => i.verified && normalizeIdentity(i).ok);
}

/**
 * What is wrong with a send result: a success carries a provider id or null; a failure says
 * whether a retry can help and why, without echoing a secret (a token in a URL, a password).
 *
 * @example
 * expect(sendResultProblems(await adapter.send(context), Object.values(context.secrets))).toEqual([]);
 */
export function sendResultProblems(result: SendResult, secrets: readonly string[]): string[] {
  if (typeof result !== 'object' || result === null) return ['send resolved to no result object'];
  if (result.ok) {
    const id = result.providerMessageId;
    return id === null || (typeof id === 'string' && id.length > 0) ? [] : [`providerMessageId ${JSON.stringify(id)} is neither a non-empty string nor null`];
  }
  const problems: string[] = [];
  if (typeof result.retryable !== 'boolean') problems.push('a failure must say whether it is retryable');
  if (typeof result.error !== 'string' || result.error.trim().length === 0) problems.push('a failure must say why');
  for (const secret of secrets) if (secret.length >= 8 && String(result.error).includes(secret)) problems.push('the error echoes a secret');
  return problems;
}
