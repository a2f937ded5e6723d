import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Kysely table types for the migrations in ./migrations. Keep both in step.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface WorkspacesTable {
  id: string;
  name: string;
  slug: string;
  time_zone: Generated<string>;
  locale: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RolesTable {
  workspace_id: string;
  key: string;
  name: string;
  permissions: string[];
  built_in: Generated<boolean>;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role_key: string;
  created_at: Timestamp;
}

export interface TeamsTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: Timestamp;
}

export interface TeamMembersTable {
  workspace_id: string;
  team_id: string;
  user_id: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  workspace_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface CustomersTable {
  id: string;
  workspace_id: string;
  display_name: string | null;
  attributes: Json<Record<string, unknown>>;
  time_zone: string | null;
  locale: string | null;
  merged_into: string | null;
  erased_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerIdentitiesTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  kind: string;
  scope: Generated<string>;
  value: string;
  raw_value: string;
  verified: Generated<boolean>;
  provenance: string;
  created_at: Timestamp;
}

export interface ConsentsTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  address_kind: string;
  address: string;
  purpose: string;
  channel_type: string | null;
  status: 'granted' | 'revoked';
  source: string;
  actor_kind: string;
  actor_id: string | null;
  recorded_at: Timestamp;
}

export interface ChannelsTable {
  id: string;
  workspace_id: string;
  type: string;
  name: string;
  config: Json<Record<string, unknown>>;
  secrets: Json<unknown>;
  bot_id: string | null;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed';
export type HandlerKind = 'none' | 'bot' | 'queue' | 'agent';

export interface ConversationsTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  channel_id: string;
  topic: Generated<string>;
  status: ConversationStatus;
  snoozed_until: NullableTimestamp;
  handler_kind: Generated<HandlerKind>;
  handler_id: string | null;
  last_seq: Generated<number>;
  last_message_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: NullableTimestamp;
}

export type MessageDirection = 'inbound' | 'outbound' | 'internal';
export type AuthorKind = 'customer' | 'bot' | 'agent' | 'system';
export type Visibility = 'public' | 'note' | 'whisper';
export type DeliveryStatus = 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | 'not_applicable' | 'pending_approval' | 'rejected';

export interface MessagesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  seq: number;
  channel_id: string;
  provider_message_id: string | null;
  direction: MessageDirection;
  author_kind: AuthorKind;
  author_id: string | null;
  visibility: Visibility;
  content: Json<unknown>;
  text: Generated<string>;
  delivery_status: DeliveryStatus;
  delivery_error: string | null;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: string;
  workspace_id: string;
  message_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  created_at: Timestamp;
}

export interface DomainEventsTable {
  id: Generated<number>;
  workspace_id: string;
  type: string;
  customer_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  payload: Json<Record<string, unknown>>;
  actor_kind: string;
  actor_id: string | null;
  occurred_at: Timestamp;
}

export interface IdempotencyKeysTable {
  workspace_id: string;
  scope: string;
  key: string;
  request_hash: string;
  response: Json<unknown>;
  created_at: Timestamp;
}

export interface InstanceSettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface JobsTable {
  id: string;
  queue: string;
  workspace_id: string;
  payload: Json<unknown>;
  ordering_key: string | null;
  idempotency_key: string | null;
  status: 'pending' | 'running' | 'done' | 'dead';
  attempts: Generated<number>;
  max_attempts: number;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
  seq: Generated<number>;
}

export interface RoutingQueuesTable {
  id: string;
  workspace_id: string;
  name: string;
  is_default: boolean;
  channel_ids: string[];
  definition: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoutingSettingsTable {
  workspace_id: string;
  emotion_priority: Generated<boolean>;
  hook_url: string | null;
  hook_secret: Json<unknown> | null;
  hook_timeout_ms: Generated<number>;
  updated_at: Timestamp;
}

export interface RoutingAgentsTable {
  workspace_id: string;
  user_id: string;
  name: string;
  skills: Json<Record<string, number>>;
  languages: string[];
  team_ids: string[];
  cap_voice: number;
  cap_chat: number;
  cap_async: number;
  cap_total: number;
  load_voice: Generated<number>;
  load_chat: Generated<number>;
  load_async: Generated<number>;
  load_total: Generated<number>;
  presence: Generated<string>;
  presence_reason: string | null;
  presence_changed_at: Timestamp;
  last_activity_at: NullableTimestamp;
  last_assigned_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface RoutingItemsTable {
  conversation_id: string;
  workspace_id: string;
  customer_id: string;
  queue_id: string | null;
  channel_kind: string;
  status: string;
  enqueued_at: Timestamp;
  requested_at: Timestamp;
  attributes: Json<Record<string, unknown>>;
  declined_agent_ids: string[];
  escalated: boolean;
  agent_id: string | null;
  offer_expires_at: NullableTimestamp;
  first_response_due_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface RoutingAssignmentsTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  agent_id: string;
  channel_kind: string;
  status: string;
  created_at: Timestamp;
  accepted_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  explanation: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface KbArticlesTable {
  id: string;
  workspace_id: string;
  kind: string;
  language: string;
  slug: string;
  category: string | null;
  tags: string[];
  audiences: string[];
  channels: string[];
  status: Generated<string>;
  title: string;
  body: string;
  summary: string | null;
  phrasings: Json<string[]>;
  steps: Json<string[]>;
  variants: Json<Record<string, string>>;
  version: Generated<number>;
  published_version: number | null;
  review_by: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: NullableTimestamp;
}

export interface KbArticleVersionsTable {
  workspace_id: string;
  article_id: string;
  version: number;
  title: string;
  body: string;
  summary: string | null;
  phrasings: Json<string[]>;
  steps: Json<string[]>;
  variants: Json<Record<string, string>>;
  author_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface KbPhrasingsTable {
  id: string;
  workspace_id: string;
  article_id: string;
  text: string;
  language: string | null;
  status: Generated<string>;
  source: string;
  created_by: string | null;
  created_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
}

export interface KbFeedbackTable {
  id: string;
  workspace_id: string;
  article_id: string | null;
  question: string | null;
  kind: string;
  source: string;
  actor_id: string | null;
  channel: string | null;
  created_at: Timestamp;
}

export interface KbQueriesTable {
  id: string;
  workspace_id: string;
  question: string;
  normalized: string;
  language: string | null;
  channel: string | null;
  top_article_id: string | null;
  top_confidence: number;
  created_at: Timestamp;
}

export interface KbSettingsTable {
  workspace_id: string;
  synonyms: Json<string[][]>;
  updated_at: Timestamp;
}

/** Embedding vectors per article and provider (0013-knowledge-review). */
export interface KbEmbeddingsTable {
  workspace_id: string;
  article_id: string;
  provider_id: string;
  content_hash: string;
  vectors: Json<number[][]>;
  updated_at: Timestamp;
}

/** IMAP polling state of an email channel (0005-email). */
export interface EmailMailboxesTable {
  channel_id: string;
  workspace_id: string;
  uid_validity: ColumnType<number | null, number | null | undefined, number | null>;
  last_uid: ColumnType<number, number | undefined, number>;
  lease_owner: string | null;
  lease_until: NullableTimestamp;
  updated_at: Timestamp;
}

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  roles: RolesTable;
  memberships: MembershipsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  consents: ConsentsTable;
  channels: ChannelsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  domain_events: DomainEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  instance_settings: InstanceSettingsTable;
  jobs: JobsTable;
  routing_queues: RoutingQueuesTable;
  routing_agents: RoutingAgentsTable;
  routing_items: RoutingItemsTable;
  routing_assignments: RoutingAssignmentsTable;
  routing_settings: RoutingSettingsTable;
  kb_articles: KbArticlesTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_phrasings: KbPhrasingsTable;
  kb_feedback: KbFeedbackTable;
  kb_queries: KbQueriesTable;
  kb_settings: KbSettingsTable;
  kb_embeddings: KbEmbeddingsTable;
  email_mailboxes: EmailMailboxesTable;
}

export type WorkspaceRow = Selectable<WorkspacesTable>;
export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type CustomerIdentityRow = Selectable<CustomerIdentitiesTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessageRow = Insertable<MessagesTable>;
export type ConversationUpdate = Updateable<ConversationsTable>;
export type DomainEventRow = Selectable<DomainEventsTable>;
export type JobRow = Selectable<JobsTable>;
