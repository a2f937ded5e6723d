import { newId, randomToken, sha256Hex } from '@parley/kernel';
import { ACTIVE_STATUSES, type Channel, type Conversation, type Customer, type Message, type Store } from '@parley/domain';
import type { UseCaseDeps } from '../deps.js';

/** The storage form of a visitor token: only its SHA-256 is kept, as a `webchat_visitor` identity. */
export function visitorHashOf(visitorToken: string): string {
  return sha256Hex(visitorToken);
}

/** The visitor identity claim a widget message carries (the channel vouches for its own tokens). */
export function visitorIdentity(channelId: string, visitorHash: string) {
  return { kind: 'webchat_visitor' as const, raw: visitorHash, scope: channelId, verified: true, provenance: 'channel' as const };
}

export interface VisitorSession {
  /** Set only when a new token was issued (first visit, or an unknown token). */
  issuedToken: string | null;
  visitorHash: string;
  customer: Customer;
  /** The customer and the profiles merged into it. */
  storyIds: string[];
  conversation: Conversation | null;
  /** Public messages of `conversation`, oldest first; notes and whispers are never included. */
  messages: Message[];
  csatPending: string | null;
}

const HISTORY_LIMIT = 1000;

/** The customer behind a visitor token on this channel, following merges; null when unknown. */
export async function findVisitor(store: Store, channel: Pick<Channel, 'id' | 'workspaceId'>, visitorToken: string): Promise<string | null> {
  return store.read.customers.findByIdentity(channel.workspaceId, { kind: 'webchat_visitor', scope: channel.id, value: visitorHashOf(visitorToken) });
}

/**
 * A widget connects: resumes the visitor behind its token (history of the current
 * conversation, pending satisfaction survey), or creates a new visitor with a fresh token.
 *
 * @example
 * const session = await openVisitorSession(deps, channel, handshake.visitorToken);
 * if (session.issuedToken) localStorage.setItem('parley', session.issuedToken);
 */
export async function openVisitorSession(
  deps: UseCaseDeps,
  channel: Pick<Channel, 'id' | 'workspaceId'>,
  visitorToken: string | undefined,
): Promise<VisitorSession & { visitorToken: string }> {
  const { store } = deps;
  let token = visitorToken;
  let customerId = token ? await findVisitor(store, channel, token) : null;
  let issuedToken: string | null = null;
  if (!token || !customerId) {
    token = randomToken(32);
    issuedToken = token;
    customerId = await createVisitor(deps, channel, visitorHashOf(token));
  }
  const session = await loadVisitorState(deps, channel, customerId);
  return { ...session, issuedToken, visitorToken: token, visitorHash: visitorHashOf(token) };
}

async function createVisitor(deps: UseCaseDeps, channel: Pick<Channel, 'id' | 'workspaceId'>, visitorHash: string): Promise<string> {
  const id = newId();
  await deps.store.transaction(async (tx) => {
    await tx.customers.create({ id, workspaceId: channel.workspaceId, displayName: null });
    await tx.customers.addIdentity(channel.workspaceId, id, { ...visitorIdentity(channel.id, visitorHash), value: visitorHash });
    await tx.events.record({
      workspaceId: channel.workspaceId,
      type: 'customer.created',
      customerId: id,
      payload: { channelId: channel.id, via: 'webchat' },
      actor: { kind: 'system', id: null },
      occurredAt: deps.clock.now(),
    });
  });
  return id;
}

/** What a (re)connecting widget shows: the active conversation's public history and any CSAT still owed. */
export async function loadVisitorState(
  deps: UseCaseDeps,
  channel: Pick<Channel, 'id' | 'workspaceId'>,
  customerId: string,
): Promise<Omit<VisitorSession, 'issuedToken' | 'visitorHash'>> {
  const { store } = deps;
  const workspaceId = channel.workspaceId;
  const customer = await store.read.customers.get(workspaceId, customerId);
  if (!customer) throw new Error(`customer ${customerId} vanished`);
  const storyIds = await store.read.customers.storyIds(workspaceId, customer.id);
  const conversations: Conversation[] = [];
  for (const id of storyIds) conversations.push(...(await store.read.conversations.list(workspaceId, { customerId: id }, null, 20)).items);
  // Newest first (ids are UUIDv7, time-ordered).
  conversations.sort((a, b) => (a.id < b.id ? 1 : -1));
  const conversation = conversations.find((c) => ACTIVE_STATUSES.includes(c.status)) ?? null;
  const messages = conversation ? await publicHistory(store, workspaceId, conversation.id) : [];
  const latest = conversations[0];
  let csatPending: string | null = null;
  if (latest && latest.status === 'resolved' && latest.channelId === channel.id && !(await csatAnswered(store, workspaceId, latest.id)))
    csatPending = latest.id;
  return { customer, storyIds, conversation, messages, csatPending };
}

async function publicHistory(store: Store, workspaceId: string, conversationId: string): Promise<Message[]> {
  const out: Message[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.read.conversations.listMessages(workspaceId, conversationId, cursor, 200);
    // Notes and whispers are for the team only.
    out.push(...page.items.filter((m) => m.visibility === 'public'));
    cursor = page.nextCursor;
  } while (cursor && out.length < HISTORY_LIMIT);
  return out;
}

/** CSAT answers are keyed once per conversation in the idempotency table. */
export const CSAT_SCOPE = 'webchat:csat';

export async function csatAnswered(store: Store, workspaceId: string, conversationId: string): Promise<boolean> {
  return (await store.read.idempotency.find(workspaceId, CSAT_SCOPE, conversationId)) !== null;
}

/** The identity summary a widget shows (and whether a signed identify made it trustworthy). */
export function visitorIdentitySummary(customer: Customer, channelId: string): { name: string | null; email: string | null; verified: boolean } {
  const email = customer.identities.find((i) => i.kind === 'email' && i.verified) ?? customer.identities.find((i) => i.kind === 'email');
  const verified = customer.identities.some(
    (i) => (i.kind === 'external_id' && i.scope === channelId && i.verified) || (i.kind === 'email' && i.verified && i.provenance === 'signed_identify'),
  );
  return { name: customer.displayName, email: email?.value ?? null, verified };
}
