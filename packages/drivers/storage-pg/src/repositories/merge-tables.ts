import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../schema.js';

// Kysely types for the tables of migration 0007-customer-merges. They live beside their
// repositories (and are added with `withTables`) rather than in the shared schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type CustomerMergesTable = {
  id: string;
  workspace_id: string;
  source_customer_id: string;
  target_customer_id: string;
  reason: string;
  evidence: Json<Record<string, unknown>>;
  provenance: 'rule' | 'agent' | 'signed_identify';
  actor_kind: string;
  actor_id: string | null;
  created_at: Timestamp;
  undone_at: NullableTimestamp;
  undone_by_kind: string | null;
  undone_by_id: string | null;
  snapshot: Json<Record<string, unknown>>;
};

export type CustomerMergeSuggestionsTable = {
  id: string;
  workspace_id: string;
  customer_a: string;
  customer_b: string;
  evidence: Json<Record<string, unknown>>;
  score: number;
  status: 'open' | 'accepted' | 'dismissed';
  decided_by_kind: string | null;
  decided_by_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ConversationRecipientsTable = {
  workspace_id: string;
  conversation_id: string;
  channel_id: string;
  kind: string;
  value: string;
  updated_at: Timestamp;
};

export type MergeTables = {
  customer_merges: CustomerMergesTable;
  customer_merge_suggestions: CustomerMergeSuggestionsTable;
  conversation_recipients: ConversationRecipientsTable;
};

export type MergeDatabase = Kysely<Database & MergeTables>;

/** The shared executor with the 0007 tables typed. */
export function withMergeTables(db: Kysely<Database>): MergeDatabase {
  return db.withTables<MergeTables>() as unknown as MergeDatabase;
}
