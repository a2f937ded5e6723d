import { AppError } from '@parley/kernel';
import {
  actorOf,
  normalizeIdentity,
  requirePermission,
  type Channel,
  type Conversation,
  type IdentityKind,
  type Principal,
  type TransactionScope,
} from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';
import { reachPlan, recipientRule, type ReachPlan } from './channel-reach.js';

export interface SwitchChannelInput {
  conversationId: string;
  channelId: string;
  /** A phone number or email the customer gave in the conversation: added as an unverified identity (provenance agent) and delivered to. */
  address?: string | undefined;
}

/**
 * The agent continues a conversation on another channel the customer has (web chat → SMS,
 * WhatsApp or email): same conversation, same story. The target channel must reach the
 * customer (an identity of the kind it delivers to, or the address given), the consent for that
 * address must not be revoked, and the channel's messaging window (WhatsApp: 24 h since the
 * customer last wrote there) must be open. The chosen address is remembered for the
 * conversation, so the delivery job hands it to the adapter first; following replies go out on
 * the new channel through the normal delivery job.
 *
 * @example
 * await switchConversationChannel(deps, principal, { conversationId, channelId: smsChannelId, address: '06 12 34 56 78' });
 */
export async function switchConversationChannel(deps: UseCaseDeps, principal: Principal, input: SwitchChannelInput): Promise<Conversation> {
  requirePermission(principal, 'conversations:reply');
  const ws = principal.workspaceId;
  return deps.store.transaction(async (tx) => {
    const conversation = await tx.conversations.lock(ws, input.conversationId);
    if (!conversation) throw new AppError('conversation_not_found', `Conversation ${input.conversationId} does not exist`);
    if (conversation.status === 'closed') throw new AppError('invalid_state', 'A closed conversation cannot continue on another channel');
    const channel = await tx.channels.get(ws, input.channelId);
    if (!channel || !channel.enabled) throw new AppError('channel_not_found', `Channel ${input.channelId} does not exist`);
    if (channel.id === conversation.channelId && input.address === undefined) return conversation;
    const now = deps.clock.now();
    const plan = await planFor(deps, tx, ws, conversation, channel, input.address, now);
    if (plan.refusal) throw new AppError(plan.refusal.code, plan.refusal.message);
    const recipient = plan.recipient as NonNullable<ReachPlan['recipient']>;

    // Make sure the customer holds the exact identity the adapter reads: the collected address,
    // or a WhatsApp number copied as the phone SMS delivers to.
    const customerId = conversation.customerId;
    if (input.address !== undefined || (plan.from && plan.from.kind !== recipient.kind)) {
      const claim = {
        kind: recipient.kind,
        raw: recipient.value,
        scope: '',
        verified: plan.from?.verified ?? false,
        provenance: plan.from?.provenance ?? ('agent' as const),
      };
      const normalized = normalizeIdentity(claim);
      if (!normalized.ok) throw new AppError('validation_failed', normalized.reason);
      const added = await tx.customers.addIdentity(ws, customerId, normalized.identity);
      const owners = await tx.customers.storyIds(ws, customerId);
      if (!owners.includes(added.ownerId))
        throw new AppError('identity_conflict', `${recipient.value} belongs to another customer`, { customerId: added.ownerId });
      if (added.created) {
        await tx.events.record({
          workspaceId: ws,
          type: 'customer.identity_added',
          customerId,
          conversationId: conversation.id,
          payload: {
            kind: normalized.identity.kind,
            value: normalized.identity.value,
            verified: normalized.identity.verified,
            provenance: normalized.identity.provenance,
          },
          actor: actorOf(principal),
          occurredAt: now,
        });
      }
    }
    await tx.recipients.set(ws, conversation.id, { channelId: channel.id, kind: recipient.kind, value: recipient.value }, now);
    if (channel.id !== conversation.channelId) {
      await tx.conversations.update(ws, conversation.id, { channelId: channel.id, now });
      await tx.events.record({
        workspaceId: ws,
        type: 'conversation.channel_switched',
        customerId,
        conversationId: conversation.id,
        payload: {
          from: conversation.channelId,
          to: channel.id,
          by: 'agent',
          channelType: channel.type,
          recipient: { kind: recipient.kind, value: recipient.value },
        },
        actor: actorOf(principal),
        occurredAt: now,
      });
      tx.publishAfterCommit({
        name: 'conversation.channel_switched',
        workspaceId: ws,
        payload: { conversationId: conversation.id, customerId, from: conversation.channelId, to: channel.id, by: 'agent' },
      });
    }
    return (await tx.conversations.get(ws, conversation.id)) as Conversation;
  });
}

export interface ReachableChannel {
  channelId: string;
  type: string;
  name: string;
  current: boolean;
  reachable: boolean;
  address: string | null;
  /** What the agent may type in to reach the customer there. */
  collect: 'phone' | 'email' | null;
  refusal: { code: string; message: string } | null;
}

/**
 * The channels a conversation could continue on, each with the address it would use or why
 * not (the "Continue on…" menu).
 *
 * @example
 * const options = await listReachableChannels(deps, principal, conversationId);
 */
export async function listReachableChannels(deps: UseCaseDeps, principal: Principal, conversationId: string): Promise<ReachableChannel[]> {
  requirePermission(principal, 'conversations:read');
  const ws = principal.workspaceId;
  const read = deps.store.read;
  const conversation = await read.conversations.get(ws, conversationId);
  if (!conversation) throw new AppError('conversation_not_found', `Conversation ${conversationId} does not exist`);
  const now = deps.clock.now();
  const out: ReachableChannel[] = [];
  for (const channel of await read.channels.list(ws)) {
    const rule = recipientRule(channel.type);
    if (!channel.enabled || !rule || !deps.channels.types().includes(channel.type)) continue;
    const plan = await planFor(deps, read, ws, conversation, channel, undefined, now);
    out.push({
      channelId: channel.id,
      type: channel.type,
      name: channel.name,
      current: channel.id === conversation.channelId,
      reachable: plan.refusal === null,
      address: plan.recipient?.value ?? null,
      collect: rule.collect,
      refusal: plan.refusal,
    });
  }
  return out;
}

async function planFor(
  deps: UseCaseDeps,
  scope: Pick<TransactionScope, 'customers' | 'consents' | 'recipients'>,
  ws: string,
  conversation: Conversation,
  channel: Channel,
  address: string | undefined,
  now: Date,
): Promise<ReachPlan> {
  const manifest = deps.channels.get(channel.type).manifest as { messageWindowHours: number | null; consent?: { purpose: string; addressKind: string } };
  const customer = await scope.customers.get(ws, conversation.customerId);
  if (!customer) throw new AppError('customer_not_found', `Customer ${conversation.customerId} does not exist`);
  const ids = await scope.customers.storyIds(ws, customer.id);
  let given: { kind: IdentityKind; value: string } | undefined;
  if (address !== undefined) {
    const rule = recipientRule(channel.type);
    if (!rule?.collect) throw new AppError('validation_failed', `A ${channel.type} channel does not deliver to a typed-in address`);
    const normalized = normalizeIdentity({ kind: rule.collect, raw: address, scope: '', verified: false, provenance: 'agent' });
    if (!normalized.ok) throw new AppError('validation_failed', normalized.reason);
    // Stored under the kind the adapter reads first (a number typed for WhatsApp is a `whatsapp` identity).
    given = { kind: rule.kinds[0] as IdentityKind, value: normalized.identity.value };
  }
  return reachPlan({
    channel,
    manifest,
    customer,
    consents: await scope.consents.current(ws, ids),
    lastInboundAt: await scope.recipients.lastInboundAt(ws, ids, channel.id),
    now,
    address: given,
  });
}
