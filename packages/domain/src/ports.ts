import type { BusEvent, FileStorage, NewJob } from '@parley/kernel';
import type { Workspace } from './workspaces/workspace.js';
import type { Consent, Customer, CustomerIdentity } from './customers/customer.js';
import type { NormalizedIdentity } from './customers/identity.js';
import type { Channel } from './channels/channel.js';
import type {
  Conversation,
  ConversationStatus,
  ConversationSummary,
  DeliveryStatus,
  HandlerKind,
  Message,
  MessageDirection,
  AuthorKind,
  Visibility,
} from './conversations/conversation.js';
import type { MessageContent } from './conversations/content.js';
import type { TimelineEntry } from './timeline/timeline.js';
import type { Actor } from './access/principal.js';
import type { RoleDefinition } from './access/permissions.js';
import type { CustomerMergeRepository } from './customers/merge.js';
import type { ConversationRecipientRepository } from './conversations/recipient.js';

// Ports the domain needs from storage. Implementations live in drivers (storage-pg); every
// method takes the workspace id, so a query can never leave its tenant.

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface WorkspaceRepository {
  create(input: { id: string; name: string; slug: string; timeZone: string; locale: string }): Promise<Workspace>;
  update(id: string, patch: { name?: string; timeZone?: string; locale?: string }): Promise<Workspace | null>;
  get(id: string): Promise<Workspace | null>;
  /** The oldest workspace (the one created at first start). */
  first(): Promise<Workspace | null>;
  slugExists(slug: string): Promise<boolean>;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
}

export interface MembershipRecord {
  workspaceId: string;
  userId: string;
  roleKey: string;
  permissions: string[];
}

export interface SessionRecord {
  userId: string;
  workspaceId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ApiTokenRecord {
  id: string;
  workspaceId: string;
  userId: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AccessRepository {
  createUser(input: { id: string; email: string; name: string; passwordHash: string | null }): Promise<UserRecord>;
  findUserByEmail(email: string): Promise<UserRecord | null>;
  getUser(id: string): Promise<UserRecord | null>;
  upsertRoles(workspaceId: string, roles: RoleDefinition[], builtIn: boolean): Promise<void>;
  addMembership(workspaceId: string, userId: string, roleKey: string): Promise<void>;
  getMembership(workspaceId: string, userId: string): Promise<MembershipRecord | null>;
  listMemberships(userId: string): Promise<MembershipRecord[]>;
  listMembers(workspaceId: string): Promise<Array<UserRecord & { roleKey: string }>>;
  createSession(input: { tokenHash: string; userId: string; workspaceId: string; csrfToken: string; expiresAt: Date }): Promise<void>;
  findSession(tokenHash: string, now: Date): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  createApiToken(input: { id: string; workspaceId: string; userId: string; name: string; tokenHash: string }): Promise<ApiTokenRecord>;
  findApiToken(tokenHash: string): Promise<ApiTokenRecord | null>;
  listApiTokens(workspaceId: string): Promise<ApiTokenRecord[]>;
  revokeApiToken(workspaceId: string, id: string, now: Date): Promise<boolean>;
  touchApiToken(id: string, now: Date): Promise<void>;
}

export interface CustomerRepository {
  /** The customer owning this exact identity, following merges. */
  findByIdentity(workspaceId: string, identity: { kind: string; scope: string; value: string }): Promise<string | null>;
  create(input: { id: string; workspaceId: string; displayName: string | null; locale?: string | null }): Promise<void>;
  /** Adds the identity unless it exists; returns the owner (this customer, or another one that already had it). */
  addIdentity(
    workspaceId: string,
    customerId: string,
    identity: NormalizedIdentity,
  ): Promise<{ ownerId: string; created: boolean; identity: CustomerIdentity }>;
  /** Removes a profile that never got an identity or a conversation (the loser of a creation race). */
  deleteEmpty(workspaceId: string, customerId: string): Promise<void>;
  setDisplayNameIfEmpty(workspaceId: string, customerId: string, name: string): Promise<void>;
  get(workspaceId: string, id: string): Promise<Customer | null>;
  /**
   * Right to erasure: removes identities, consents' addresses, profile data and attachments,
   * and replaces the text of every message the customer wrote; the rows stay (as "[erased]")
   * so that conversations and statistics keep their shape. Returns how many messages were redacted.
   */
  erase(workspaceId: string, customerIds: string[], at: Date): Promise<number>;
  /** The ids whose stories make up this customer's (itself and the profiles merged into it). */
  storyIds(workspaceId: string, id: string): Promise<string[]>;
  /** Shallow-merges keys into the customer's attributes (null removes nothing; it stores null). */
  mergeAttributes(workspaceId: string, id: string, patch: Record<string, unknown>, at: Date): Promise<void>;
}

export interface NewConsent {
  workspaceId: string;
  customerId: string;
  addressKind: string;
  address: string;
  purpose: string;
  channelType: string | null;
  status: 'granted' | 'revoked';
  source: string;
  actor: Actor;
}

/** The consent ledger: append-only; the current state of an (address, purpose) is its latest record. */
export interface ConsentRepository {
  record(consent: NewConsent): Promise<Consent>;
  /** Latest record per (address kind, address, purpose) for these customers. */
  current(workspaceId: string, customerIds: string[]): Promise<Consent[]>;
  history(workspaceId: string, customerIds: string[]): Promise<Consent[]>;
}

export interface TeamRecord {
  id: string;
  name: string;
  memberIds: string[];
}

export interface TeamRepository {
  create(workspaceId: string, id: string, name: string): Promise<TeamRecord>;
  list(workspaceId: string): Promise<TeamRecord[]>;
  get(workspaceId: string, id: string): Promise<TeamRecord | null>;
  addMember(workspaceId: string, teamId: string, userId: string): Promise<void>;
  removeMember(workspaceId: string, teamId: string, userId: string): Promise<boolean>;
}

export interface ChannelRepository {
  create(input: {
    id: string;
    workspaceId: string;
    type: string;
    name: string;
    config: Record<string, unknown>;
    sealedSecrets: unknown;
    botId: string | null;
  }): Promise<Channel>;
  get(workspaceId: string, id: string): Promise<Channel | null>;
  /** Inbound webhooks know only the channel id; the workspace comes from the row. */
  getForInbound(id: string): Promise<(Channel & { sealedSecrets: unknown }) | null>;
  getSecrets(workspaceId: string, id: string): Promise<unknown>;
  list(workspaceId: string): Promise<Channel[]>;
  /** App-level webhooks (Meta) name a number or page, not a channel: the channel of this type whose public config has `key` = `value`. */
  findForInboundByConfig(type: string, key: string, value: string): Promise<(Channel & { sealedSecrets: unknown }) | null>;
  /** Channels of a type across workspaces (an app-level verification handshake checks each one's verify token), oldest first. */
  listForInboundByType(type: string, limit: number): Promise<Array<Channel & { sealedSecrets: unknown }>>;
}

export interface NewMessage {
  id: string;
  workspaceId: string;
  conversationId: string;
  channelId: string;
  providerMessageId: string | null;
  direction: MessageDirection;
  author: { kind: AuthorKind; id: string | null };
  visibility: Visibility;
  content: MessageContent;
  text: string;
  deliveryStatus: DeliveryStatus;
  createdAt: Date;
}

export interface ConversationRepository {
  /** Active conversations of the customer, locked so that two messages can't both start one. */
  lockActiveForCustomer(workspaceId: string, customerId: string): Promise<Conversation[]>;
  create(input: {
    id: string;
    workspaceId: string;
    customerId: string;
    channelId: string;
    topic: string;
    status: ConversationStatus;
    handlerKind: HandlerKind;
    now: Date;
  }): Promise<Conversation>;
  get(workspaceId: string, id: string): Promise<Conversation | null>;
  /** Row lock for the conversation (sequence numbers, status changes). */
  lock(workspaceId: string, id: string): Promise<Conversation | null>;
  list(workspaceId: string, filter: { status?: ConversationStatus; customerId?: string }, cursor: string | null, limit: number): Promise<Page<Conversation>>;
  /** The same page as `list` with each conversation's customer name, last message and unread count (one query). */
  listSummaries(
    workspaceId: string,
    filter: { status?: ConversationStatus; customerId?: string },
    cursor: string | null,
    limit: number,
  ): Promise<Page<ConversationSummary>>;
  /** Appends with seq = last_seq + 1; the conversation must be locked by the caller. */
  appendMessage(message: NewMessage): Promise<Message>;
  /** Applies status/channel/handler changes after a message or an action. */
  update(
    workspaceId: string,
    id: string,
    patch: {
      status?: ConversationStatus;
      channelId?: string;
      handler?: { kind: HandlerKind; id: string | null };
      resolvedAt?: Date | null;
      snoozedUntil?: Date | null;
      now: Date;
    },
  ): Promise<void>;
  findMessageByProviderId(channelId: string, providerMessageId: string): Promise<Message | null>;
  /**
   * Email threading: the conversations holding messages of this channel whose provider ids (an
   * email's Message-ID) are among `providerMessageIds`, most recent message first.
   */
  findByProviderMessageIds(
    workspaceId: string,
    channelId: string,
    providerMessageIds: string[],
  ): Promise<Array<{ conversationId: string; providerMessageId: string }>>;
  /** The most recent messages of the conversation on this channel that carry a provider id, oldest first (reply headers). */
  recentWithProviderId(workspaceId: string, conversationId: string, channelId: string, limit: number): Promise<Message[]>;
  getMessage(workspaceId: string, id: string): Promise<Message | null>;
  listMessages(workspaceId: string, conversationId: string, cursor: string | null, limit: number): Promise<Page<Message>>;
  setDeliveryStatus(workspaceId: string, messageId: string, status: DeliveryStatus, error: string | null, at: Date): Promise<void>;
  /** Replaces a message's content (an inbound attachment whose bytes were fetched later). */
  setMessageContent(workspaceId: string, messageId: string, content: MessageContent): Promise<void>;
  /** Remembers the provider's id of a sent message, so that its delivery statuses find it. */
  setProviderMessageId(workspaceId: string, messageId: string, providerMessageId: string): Promise<void>;
  /** When the customer last wrote in this conversation on this channel (messaging windows), or null. */
  lastInboundAt(workspaceId: string, conversationId: string, channelId: string): Promise<Date | null>;
  /**
   * Read receipts: public messages of this direction with seq <= upToSeq that were not read yet
   * become `read`. Returns the messages that changed.
   */
  markRead(workspaceId: string, conversationId: string, direction: MessageDirection, upToSeq: number): Promise<Array<{ id: string; seq: number }>>;
}

export interface RecordedEvent {
  workspaceId: string;
  type: string;
  customerId?: string | null;
  conversationId?: string | null;
  messageId?: string | null;
  payload?: Record<string, unknown>;
  actor: Actor;
  occurredAt?: Date;
}

export interface EventRepository {
  record(event: RecordedEvent): Promise<void>;
  /** Messages and events of these customers, oldest first (a story reads forward), across conversations and channels. */
  timeline(workspaceId: string, customerIds: string[], cursor: string | null, limit: number): Promise<Page<TimelineEntry>>;
  /** The newest event of each of these types in each of these conversations (one query for a whole board). */
  latestOfTypes(workspaceId: string, conversationIds: string[], types: string[]): Promise<LatestEvent[]>;
}

/** One conversation's newest event of a type, as {@link EventRepository.latestOfTypes} returns it. */
export interface LatestEvent {
  conversationId: string;
  type: string;
  actor: Actor;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

export interface IdempotencyRepository {
  find(workspaceId: string, scope: string, key: string): Promise<{ requestHash: string; response: unknown } | null>;
  save(workspaceId: string, scope: string, key: string, requestHash: string, response: unknown): Promise<void>;
}

/** Repositories bound to one transaction, plus what must commit with it. */
export interface TransactionScope {
  workspaces: WorkspaceRepository;
  access: AccessRepository;
  customers: CustomerRepository;
  channels: ChannelRepository;
  conversations: ConversationRepository;
  events: EventRepository;
  idempotency: IdempotencyRepository;
  files: FileStorage;
  consents: ConsentRepository;
  teams: TeamRepository;
  /** Merges as records (reversible) and merge suggestions: see customers/merge.ts. */
  merges: CustomerMergeRepository;
  /** Addresses agents chose for a conversation on a channel (channel switch). */
  recipients: ConversationRecipientRepository;
  /** Enqueues a durable job in this transaction: it exists if and only if the write commits. */
  enqueue(job: NewJob): Promise<{ id: string; created: boolean }>;
  /**
   * Runs `work` in a savepoint: if it throws, only its writes (and events) are undone and the
   * error is rethrown; the surrounding transaction goes on. Batched ingestion isolates each
   * message this way.
   */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
  /** Publishes on the bus once the transaction has committed (never for a rollback). */
  publishAfterCommit(event: Omit<BusEvent, 'id' | 'occurredAt'>): void;
}

/**
 * The storage port use-cases talk to: reads outside a transaction, writes inside one.
 *
 * @example
 * const id = await store.transaction(async (tx) => { ...; return id; });
 */
export interface Store {
  read: Omit<TransactionScope, 'enqueue' | 'publishAfterCommit' | 'savepoint'>;
  transaction<T>(work: (tx: TransactionScope) => Promise<T>): Promise<T>;
}
