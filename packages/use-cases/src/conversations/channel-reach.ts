import type { Channel, Consent, Customer, CustomerIdentity, IdentityKind } from '@parley/domain';

/**
 * Which identity a channel type delivers to. `kinds` in order of preference (the first is the
 * one its adapter reads: SMS reads `phone`, so a WhatsApp number is copied as a phone);
 * `scoped` ids must be issued by that very channel; `collect` is what an agent may type in
 * (a phone number or an email collected in the conversation).
 */
interface RecipientRule {
  kinds: IdentityKind[];
  scoped: boolean;
  collect: 'phone' | 'email' | null;
}

const RULES: Record<string, RecipientRule> = {
  twilio_sms: { kinds: ['phone', 'whatsapp'], scoped: false, collect: 'phone' },
  whatsapp: { kinds: ['whatsapp', 'phone'], scoped: false, collect: 'phone' },
  email: { kinds: ['email'], scoped: false, collect: 'email' },
  api: { kinds: ['external_id'], scoped: true, collect: null },
  webchat: { kinds: ['webchat_visitor'], scoped: true, collect: null },
  telegram: { kinds: ['telegram_id'], scoped: true, collect: null },
  messenger: { kinds: ['messenger_psid'], scoped: true, collect: null },
  instagram: { kinds: ['instagram_id'], scoped: true, collect: null },
};

export function recipientRule(channelType: string): RecipientRule | null {
  return RULES[channelType] ?? null;
}

export interface ReachPlan {
  /** The address replies will go to on that channel. */
  recipient: { kind: IdentityKind; value: string } | null;
  /** The identity it comes from (null for an address to be collected). */
  from: CustomerIdentity | null;
  /** Why the channel cannot be used now. */
  refusal: { code: 'customer_unreachable' | 'consent_revoked' | 'message_window_closed'; message: string } | null;
}

/**
 * Whether a customer can be reached on a channel, and at which address: the address given
 * (collected by the agent), else the best identity of the right kind (verified first, then the
 * newest); then the consent ledger (the channel's consent purpose, or its type, for that
 * address) and the channel's messaging window (since the customer last wrote on it).
 *
 * @example
 * const plan = reachPlan({ channel, manifest, customer, consents, lastInboundAt, now });
 */
export function reachPlan(input: {
  channel: Pick<Channel, 'id' | 'type'>;
  /** The adapter manifest's window and (optional) consent rule. */
  manifest: { messageWindowHours: number | null; consent?: { purpose: string; addressKind: string } | undefined };
  customer: Pick<Customer, 'identities'>;
  consents: Consent[];
  lastInboundAt: Date | null;
  now: Date;
  address?: { kind: IdentityKind; value: string } | undefined;
}): ReachPlan {
  const rule = recipientRule(input.channel.type);
  if (!rule)
    return {
      recipient: null,
      from: null,
      refusal: { code: 'customer_unreachable', message: `Conversations cannot be moved to a ${input.channel.type} channel` },
    };
  let recipient = input.address ?? null;
  let from: CustomerIdentity | null = null;
  if (!recipient) {
    const candidates = input.customer.identities
      .filter((i) => rule.kinds.includes(i.kind) && (!rule.scoped || i.scope === input.channel.id))
      .sort(
        (a, b) =>
          Number(b.verified) - Number(a.verified) || rule.kinds.indexOf(a.kind) - rule.kinds.indexOf(b.kind) || b.createdAt.getTime() - a.createdAt.getTime(),
      );
    from = candidates[0] ?? null;
    if (!from) {
      const hint = rule.collect ? `; give a ${rule.collect === 'phone' ? 'phone number' : 'email address'} collected in the conversation` : '';
      return {
        recipient: null,
        from: null,
        refusal: { code: 'customer_unreachable', message: `The customer has no address this ${input.channel.type} channel can reach${hint}` },
      };
    }
    recipient = { kind: rule.kinds[0] as IdentityKind, value: from.value };
  }
  const purpose = input.manifest.consent?.purpose ?? input.channel.type;
  const revoked = input.consents.find((c) => c.purpose === purpose && c.status === 'revoked' && c.address === recipient.value);
  if (revoked)
    return {
      recipient,
      from,
      refusal: { code: 'consent_revoked', message: `The customer revoked consent for "${purpose}" on ${revoked.address} (${revoked.source})` },
    };
  const hours = input.manifest.messageWindowHours;
  if (hours !== null && (!input.lastInboundAt || input.now.getTime() - input.lastInboundAt.getTime() > hours * 3_600_000)) {
    return {
      recipient,
      from,
      refusal: {
        code: 'message_window_closed',
        message: `The customer has not written on this channel in the last ${hours} hours: free-form messages are not allowed`,
      },
    };
  }
  return { recipient, from, refusal: null };
}
