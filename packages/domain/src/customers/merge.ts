import type { Actor } from '../access/principal.js';
import type { Customer } from './customer.js';
import type { IdentityKind } from './identity.js';

/**
 * Why two profiles became one: a deterministic rule on verified identities (inbound
 * reconciliation), an agent's decision, or a signed widget identification.
 */
export type MergeProvenance = 'rule' | 'agent' | 'signed_identify';

/** One identity value that links two profiles, and whether each side holds it verified. */
export interface MergeEvidenceItem {
  kind: IdentityKind;
  value: string;
  /** Held verified by the profile that is kept. */
  targetVerified: boolean;
  /** Held (or claimed by the message) verified on the other side. */
  sourceVerified: boolean;
}

export interface MergeEvidence {
  identities: MergeEvidenceItem[];
  /** Both profiles carry the same display name once normalized (case, accents, spaces). */
  sameDisplayName?: boolean;
  /** Free-form context: the channel and message that proved the link. */
  channelId?: string;
  providerMessageId?: string;
}

/** A profile field or attribute both sides had with different values: the target keeps its own. */
export interface AttributeConflict {
  /** `displayName`, `locale`, `timeZone`, or `attributes.<key>`. */
  field: string;
  targetValue: unknown;
  sourceValue: unknown;
}

/**
 * Exactly what a merge moved or changed, so that an undo can put it back. Ids are of rows
 * that belonged to the source and now belong to the target.
 */
export interface MergeSnapshot {
  identityIds: string[];
  conversationIds: string[];
  consentIds: string[];
  /** Values the target lacked and took from the source (restored to absent on undo). */
  filled: { displayName?: string; locale?: string; timeZone?: string; attributes: Record<string, unknown> };
  conflicts: AttributeConflict[];
  /** Both profiles' updated_at before the merge, and the one the merge wrote (to restore them exactly). */
  sourceUpdatedAt: string;
  targetUpdatedAt: string;
  mergedAt: string;
}

export interface CustomerMerge {
  id: string;
  workspaceId: string;
  sourceCustomerId: string;
  targetCustomerId: string;
  reason: string;
  evidence: MergeEvidence;
  provenance: MergeProvenance;
  actor: Actor;
  createdAt: Date;
  undoneAt: Date | null;
  undoneBy: Actor | null;
  snapshot: MergeSnapshot;
}

export type MergeSuggestionStatus = 'open' | 'accepted' | 'dismissed';

/** Two profiles that probably are one person, shown to agents with the evidence; never merged alone. */
export interface MergeSuggestion {
  id: string;
  workspaceId: string;
  /** The pair, ordered by id so that (a, b) and (b, a) are one suggestion. */
  customerIds: [string, string];
  evidence: MergeEvidence;
  /** 0..1: how likely the two are one person. */
  score: number;
  status: MergeSuggestionStatus;
  createdAt: Date;
  updatedAt: Date;
  decidedBy: Actor | null;
}

/** Who holds an identity value, and whether they hold it verified (for reconciliation). */
export interface IdentityOwner {
  kind: IdentityKind;
  scope: string;
  value: string;
  /** The profile that holds it now, following merges. */
  customerId: string;
  verified: boolean;
  customerCreatedAt: Date;
  displayName: string | null;
}

export type UndoMergeResult = { ok: true; merge: CustomerMerge } | { ok: false; reason: string; details?: unknown };

/**
 * Storage of merges as records: a merge moves the source's identities, consents and
 * conversations to the target, sets the source's `merged_into`, and stores a snapshot of
 * exactly what moved; an undo restores it. Suggestions live beside them.
 */
export interface CustomerMergeRepository {
  /** Locks both profiles, moves the source's rows to the target and records the merge. */
  merge(input: {
    id: string;
    workspaceId: string;
    sourceCustomerId: string;
    targetCustomerId: string;
    reason: string;
    evidence: MergeEvidence;
    provenance: MergeProvenance;
    actor: Actor;
    at: Date;
  }): Promise<CustomerMerge>;
  /** Restores the snapshot; refuses (ok: false) when something moved again since or the merge was undone. */
  undo(workspaceId: string, mergeId: string, actor: Actor, at: Date): Promise<UndoMergeResult>;
  get(workspaceId: string, mergeId: string): Promise<CustomerMerge | null>;
  /** Merges where one of these profiles is the source or the target, newest first. */
  listForCustomers(workspaceId: string, customerIds: string[]): Promise<CustomerMerge[]>;
  /** The current owners (following merges) of these identity values; phone-like kinds match each other. */
  identityOwners(workspaceId: string, identities: Array<{ kind: IdentityKind; scope: string; value: string }>): Promise<IdentityOwner[]>;
  /** Opens (or refreshes while open) a suggestion for the pair; a dismissed pair stays dismissed. */
  suggest(input: {
    id: string;
    workspaceId: string;
    customerIds: [string, string];
    evidence: MergeEvidence;
    score: number;
    at: Date;
  }): Promise<MergeSuggestion>;
  listSuggestions(workspaceId: string, customerIds: string[], status: MergeSuggestionStatus | null): Promise<MergeSuggestion[]>;
  getSuggestion(workspaceId: string, id: string): Promise<MergeSuggestion | null>;
  decideSuggestion(workspaceId: string, id: string, status: 'accepted' | 'dismissed', actor: Actor, at: Date): Promise<MergeSuggestion | null>;
  /** Erasure: drops the evidence and conflicts that quote the person; their merges can no longer be undone. */
  forget(workspaceId: string, customerIds: string[]): Promise<void>;
}

/** Profile values compared by a merge (a subset of {@link Customer}). */
export type MergeableProfile = Pick<Customer, 'displayName' | 'locale' | 'timeZone' | 'attributes'>;
