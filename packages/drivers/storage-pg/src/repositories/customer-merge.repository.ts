import { sql, type Kysely, type Selectable } from 'kysely';
import { AppError } from '@parley/kernel';
import {
  equivalentKinds,
  planProfileMerge,
  type Actor,
  type CustomerMerge,
  type CustomerMergeRepository,
  type IdentityKind,
  type IdentityOwner,
  type MergeEvidence,
  type MergeProvenance,
  type MergeSnapshot,
  type MergeSuggestion,
  type MergeSuggestionStatus,
  type UndoMergeResult,
} from '@parley/domain';
import type { Database } from '../schema.js';
import { withMergeTables, type CustomerMergeSuggestionsTable, type CustomerMergesTable, type MergeDatabase } from './merge-tables.js';

// Merges chain through merged_into; a chain longer than this means corrupt data.
const MAX_MERGE_DEPTH = 16;

interface LockedCustomer {
  id: string;
  display_name: string | null;
  locale: string | null;
  time_zone: string | null;
  attributes: Record<string, unknown>;
  merged_into: string | null;
  erased_at: Date | null;
  /** The exact stored timestamp (microseconds included), so an undo can put it back as it was. */
  updated_at_text: string;
}

/**
 * Merges as records. The model: a merge MOVES the source's identities, consents and
 * conversations to the target and sets the source's merged_into (old ids, such as a web chat
 * visitor's, keep resolving); the timeline reads the target's story, which still includes the
 * source's own events through merged_into. The snapshot lists exactly the moved rows, so an undo
 * moves them back, or refuses when one has moved again since.
 */
export class PgCustomerMergeRepository implements CustomerMergeRepository {
  private readonly db: MergeDatabase;

  constructor(db: Kysely<Database>) {
    this.db = withMergeTables(db);
  }

  async merge(input: {
    id: string;
    workspaceId: string;
    sourceCustomerId: string;
    targetCustomerId: string;
    reason: string;
    evidence: MergeEvidence;
    provenance: MergeProvenance;
    actor: Actor;
    at: Date;
  }): Promise<CustomerMerge> {
    const { workspaceId: ws, sourceCustomerId: src, targetCustomerId: tgt, at } = input;
    if (src === tgt) throw new AppError('invalid_state', 'A customer cannot be merged into itself');
    const locked = await this.lockCustomers(ws, [src, tgt]);
    const source = locked.get(src);
    const target = locked.get(tgt);
    if (!source || !target) throw new AppError('customer_not_found', 'Both customers must exist in this workspace');
    if (source.merged_into || target.merged_into)
      throw new AppError('invalid_state', 'A profile that was merged into another cannot be merged again; use the profile it was merged into');
    if (source.erased_at || target.erased_at) throw new AppError('invalid_state', 'An erased customer cannot be merged');

    const ids = async (table: 'customer_identities' | 'consents' | 'conversations') =>
      (await this.db.selectFrom(table).select('id').where('workspace_id', '=', ws).where('customer_id', '=', src).orderBy('id').execute()).map((r) => r.id);
    const identityIds = await ids('customer_identities');
    const consentIds = await ids('consents');
    const conversationIds = await ids('conversations');
    const plan = planProfileMerge(profileOf(target), profileOf(source));

    for (const table of ['customer_identities', 'consents', 'conversations'] as const) {
      // Conversations keep their own updated_at: moving them is not a change of the conversation.
      await this.db.updateTable(table).set({ customer_id: tgt }).where('workspace_id', '=', ws).where('customer_id', '=', src).execute();
    }
    await this.db
      .updateTable('customers')
      .set({
        ...(plan.filled.displayName !== undefined ? { display_name: plan.filled.displayName } : {}),
        ...(plan.filled.locale !== undefined ? { locale: plan.filled.locale } : {}),
        ...(plan.filled.timeZone !== undefined ? { time_zone: plan.filled.timeZone } : {}),
        attributes: sql`attributes || ${JSON.stringify(plan.filled.attributes)}::jsonb`,
        updated_at: at,
      })
      .where('workspace_id', '=', ws)
      .where('id', '=', tgt)
      .execute();
    await this.db.updateTable('customers').set({ merged_into: tgt, updated_at: at }).where('workspace_id', '=', ws).where('id', '=', src).execute();
    // The pair's open suggestion is settled by the merge, whoever made it.
    await this.db
      .updateTable('customer_merge_suggestions')
      .set({ status: 'accepted', decided_by_kind: input.actor.kind, decided_by_id: input.actor.id, updated_at: at })
      .where('workspace_id', '=', ws)
      .where('customer_a', '=', src < tgt ? src : tgt)
      .where('customer_b', '=', src < tgt ? tgt : src)
      .where('status', '=', 'open')
      .execute();

    const snapshot: MergeSnapshot = {
      identityIds,
      conversationIds,
      consentIds,
      filled: plan.filled,
      conflicts: plan.conflicts,
      sourceUpdatedAt: source.updated_at_text,
      targetUpdatedAt: target.updated_at_text,
      mergedAt: at.toISOString(),
    };
    const row = await this.db
      .insertInto('customer_merges')
      .values({
        id: input.id,
        workspace_id: ws,
        source_customer_id: src,
        target_customer_id: tgt,
        reason: input.reason,
        evidence: JSON.stringify(input.evidence),
        provenance: input.provenance,
        actor_kind: input.actor.kind,
        actor_id: input.actor.id,
        created_at: at,
        snapshot: JSON.stringify(snapshot),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMerge(row);
  }

  async undo(workspaceId: string, mergeId: string, actor: Actor, at: Date): Promise<UndoMergeResult> {
    const ws = workspaceId;
    const row = await this.db.selectFrom('customer_merges').selectAll().where('workspace_id', '=', ws).where('id', '=', mergeId).forUpdate().executeTakeFirst();
    if (!row) return { ok: false, reason: 'not_found' };
    const merge = toMerge(row);
    if (merge.undoneAt) return { ok: false, reason: 'already_undone' };
    const snap = merge.snapshot;
    if ((row.snapshot as { erased?: boolean }).erased) return { ok: false, reason: 'customer_erased' };
    const src = merge.sourceCustomerId;
    const tgt = merge.targetCustomerId;
    const locked = await this.lockCustomers(ws, [src, tgt]);
    const source = locked.get(src);
    const target = locked.get(tgt);
    if (!source || !target) return { ok: false, reason: 'customer_missing' };
    if (source.merged_into !== tgt) return { ok: false, reason: 'source_no_longer_merged', details: { mergedInto: source.merged_into } };
    if (target.merged_into)
      return { ok: false, reason: 'target_merged_since', details: { mergedInto: target.merged_into, hint: 'Undo the later merge first' } };

    // Every moved row must still be with the target: a row that moved again (a later merge, an
    // erasure) cannot be put back without undoing that first.
    const misplaced: Record<string, string[]> = {};
    for (const [table, list] of [
      ['customer_identities', snap.identityIds],
      ['conversations', snap.conversationIds],
      ['consents', snap.consentIds],
    ] as const) {
      if (list.length === 0) continue;
      const here = new Set(
        (await this.db.selectFrom(table).select('id').where('workspace_id', '=', ws).where('id', 'in', list).where('customer_id', '=', tgt).execute()).map(
          (r) => r.id,
        ),
      );
      const gone = list.filter((id) => !here.has(id));
      if (gone.length > 0) misplaced[table] = gone;
    }
    if (Object.keys(misplaced).length > 0) return { ok: false, reason: 'moved_since', details: misplaced };

    for (const [table, list] of [
      ['customer_identities', snap.identityIds],
      ['conversations', snap.conversationIds],
      ['consents', snap.consentIds],
    ] as const) {
      if (list.length > 0) await this.db.updateTable(table).set({ customer_id: src }).where('workspace_id', '=', ws).where('id', 'in', list).execute();
    }
    if (snap.conversationIds.length > 0) {
      // What happened in those conversations while merged was recorded under the target's id: it is the source's story.
      await this.db
        .updateTable('domain_events')
        .set({ customer_id: src })
        .where('workspace_id', '=', ws)
        .where('customer_id', '=', tgt)
        .where('conversation_id', 'in', snap.conversationIds)
        .execute();
      await this.db
        .updateTable('messages')
        .set({ author_id: src })
        .where('workspace_id', '=', ws)
        .where('conversation_id', 'in', snap.conversationIds)
        .where('author_kind', '=', 'customer')
        .where('author_id', '=', tgt)
        .execute();
    }

    // The target gives back what it took, unless someone changed that value since.
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const attributes = { ...target.attributes };
    for (const [key, value] of Object.entries(snap.filled.attributes)) if (key in attributes && same(attributes[key], value)) delete attributes[key];
    const untouchedSince = new Date(target.updated_at_text).getTime() === new Date(snap.mergedAt).getTime();
    await this.db
      .updateTable('customers')
      .set({
        ...(snap.filled.displayName !== undefined && target.display_name === snap.filled.displayName ? { display_name: null } : {}),
        ...(snap.filled.locale !== undefined && target.locale === snap.filled.locale ? { locale: null } : {}),
        ...(snap.filled.timeZone !== undefined && target.time_zone === snap.filled.timeZone ? { time_zone: null } : {}),
        attributes: JSON.stringify(attributes),
        updated_at: untouchedSince ? sql`${snap.targetUpdatedAt}::timestamptz` : at,
      })
      .where('workspace_id', '=', ws)
      .where('id', '=', tgt)
      .execute();
    await this.db
      .updateTable('customers')
      .set({ merged_into: null, updated_at: sql`${snap.sourceUpdatedAt}::timestamptz` })
      .where('workspace_id', '=', ws)
      .where('id', '=', src)
      .execute();
    const undone = await this.db
      .updateTable('customer_merges')
      .set({ undone_at: at, undone_by_kind: actor.kind, undone_by_id: actor.id })
      .where('workspace_id', '=', ws)
      .where('id', '=', mergeId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ok: true, merge: toMerge(undone) };
  }

  async get(workspaceId: string, mergeId: string): Promise<CustomerMerge | null> {
    const row = await this.db.selectFrom('customer_merges').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', mergeId).executeTakeFirst();
    return row ? toMerge(row) : null;
  }

  async listForCustomers(workspaceId: string, customerIds: string[]): Promise<CustomerMerge[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('customer_merges')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('source_customer_id', 'in', customerIds), eb('target_customer_id', 'in', customerIds)]))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toMerge);
  }

  async identityOwners(workspaceId: string, identities: Array<{ kind: IdentityKind; scope: string; value: string }>): Promise<IdentityOwner[]> {
    if (identities.length === 0) return [];
    const wanted = identities.flatMap((i) => equivalentKinds(i.kind).map((kind) => ({ kind, scope: i.scope, value: i.value })));
    const rows = await this.db
      .selectFrom('customer_identities as ci')
      .innerJoin('customers as c', (join) => join.onRef('c.id', '=', 'ci.customer_id').onRef('c.workspace_id', '=', 'ci.workspace_id'))
      .select(['ci.kind', 'ci.scope', 'ci.value', 'ci.verified', 'ci.customer_id', 'c.merged_into', 'c.created_at', 'c.display_name'])
      .where('ci.workspace_id', '=', workspaceId)
      .where((eb) => eb.or(wanted.map((w) => eb.and([eb('ci.kind', '=', w.kind), eb('ci.scope', '=', w.scope), eb('ci.value', '=', w.value)]))))
      .execute();
    const owners: IdentityOwner[] = [];
    for (const r of rows) {
      let owner = { id: r.customer_id, createdAt: r.created_at, displayName: r.display_name };
      // Identities move with a merge, so this only happens for merges recorded before they did.
      if (r.merged_into) owner = await this.resolve(workspaceId, r.merged_into);
      owners.push({
        kind: r.kind as IdentityKind,
        scope: r.scope,
        value: r.value,
        verified: r.verified,
        customerId: owner.id,
        customerCreatedAt: owner.createdAt,
        displayName: owner.displayName,
      });
    }
    return owners;
  }

  async suggest(input: {
    id: string;
    workspaceId: string;
    customerIds: [string, string];
    evidence: MergeEvidence;
    score: number;
    at: Date;
  }): Promise<MergeSuggestion> {
    const [a, b] = [...input.customerIds].sort() as [string, string];
    const evidence = JSON.stringify(input.evidence);
    // A dismissed (or accepted) pair keeps its decision: only an open suggestion is refreshed.
    await this.db
      .insertInto('customer_merge_suggestions')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        customer_a: a,
        customer_b: b,
        evidence,
        score: input.score,
        status: 'open',
        created_at: input.at,
        updated_at: input.at,
      })
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'customer_a', 'customer_b'])
          .doUpdateSet({ evidence, score: input.score, updated_at: input.at })
          .where('customer_merge_suggestions.status', '=', 'open'),
      )
      .execute();
    const row = await this.db
      .selectFrom('customer_merge_suggestions')
      .selectAll()
      .where('workspace_id', '=', input.workspaceId)
      .where('customer_a', '=', a)
      .where('customer_b', '=', b)
      .executeTakeFirstOrThrow();
    return toSuggestion(row);
  }

  async listSuggestions(workspaceId: string, customerIds: string[], status: MergeSuggestionStatus | null): Promise<MergeSuggestion[]> {
    if (customerIds.length === 0) return [];
    let query = this.db
      .selectFrom('customer_merge_suggestions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('customer_a', 'in', customerIds), eb('customer_b', 'in', customerIds)]));
    if (status) query = query.where('status', '=', status);
    const rows = await query.orderBy('score', 'desc').orderBy('updated_at', 'desc').execute();
    return rows.map(toSuggestion);
  }

  async getSuggestion(workspaceId: string, id: string): Promise<MergeSuggestion | null> {
    const row = await this.db
      .selectFrom('customer_merge_suggestions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSuggestion(row) : null;
  }

  async decideSuggestion(workspaceId: string, id: string, status: 'accepted' | 'dismissed', actor: Actor, at: Date): Promise<MergeSuggestion | null> {
    const row = await this.db
      .updateTable('customer_merge_suggestions')
      .set({ status, decided_by_kind: actor.kind, decided_by_id: actor.id, updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toSuggestion(row) : null;
  }

  async forget(workspaceId: string, customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return;
    // Erasure: evidence and conflicts quote identities and profile values. The merge rows stay
    // (as history) but can no longer be undone; suggestions about the person go.
    await this.db
      .updateTable('customer_merges')
      .set({
        evidence: JSON.stringify({ identities: [], erased: true }),
        snapshot: sql`snapshot || '{"erased": true, "conflicts": [], "filled": {"attributes": {}}}'::jsonb`,
      })
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('source_customer_id', 'in', customerIds), eb('target_customer_id', 'in', customerIds)]))
      .execute();
    await this.db
      .deleteFrom('customer_merge_suggestions')
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('customer_a', 'in', customerIds), eb('customer_b', 'in', customerIds)]))
      .execute();
  }

  private async lockCustomers(workspaceId: string, ids: string[]): Promise<Map<string, LockedCustomer>> {
    // Always in id order, so two merges of the same pair cannot deadlock each other.
    const rows = await this.db
      .selectFrom('customers')
      .select(['id', 'display_name', 'locale', 'time_zone', 'attributes', 'merged_into', 'erased_at', sql<string>`updated_at::text`.as('updated_at_text')])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .orderBy('id')
      .forUpdate()
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async resolve(workspaceId: string, id: string): Promise<{ id: string; createdAt: Date; displayName: string | null }> {
    let current = id;
    for (let depth = 0; depth < MAX_MERGE_DEPTH; depth++) {
      const row = await this.db
        .selectFrom('customers')
        .select(['merged_into', 'created_at', 'display_name'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', current)
        .executeTakeFirstOrThrow();
      if (!row.merged_into) return { id: current, createdAt: row.created_at, displayName: row.display_name };
      current = row.merged_into;
    }
    throw new Error(`Merge chain of customer ${id} is longer than ${MAX_MERGE_DEPTH}`);
  }
}

function profileOf(c: LockedCustomer) {
  return { displayName: c.display_name, locale: c.locale, timeZone: c.time_zone, attributes: c.attributes };
}

function actorFrom(kind: string | null, id: string | null): Actor | null {
  if (!kind) return null;
  return { kind, id } as Actor;
}

function toMerge(row: Selectable<CustomerMergesTable>): CustomerMerge {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    sourceCustomerId: row.source_customer_id,
    targetCustomerId: row.target_customer_id,
    reason: row.reason,
    evidence: row.evidence as unknown as MergeEvidence,
    provenance: row.provenance,
    actor: actorFrom(row.actor_kind, row.actor_id) as Actor,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
    undoneBy: actorFrom(row.undone_by_kind, row.undone_by_id),
    snapshot: row.snapshot as unknown as MergeSnapshot,
  };
}

function toSuggestion(row: Selectable<CustomerMergeSuggestionsTable>): MergeSuggestion {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    customerIds: [row.customer_a, row.customer_b],
    evidence: row.evidence as unknown as MergeEvidence,
    score: Number(row.score),
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    decidedBy: actorFrom(row.decided_by_kind, row.decided_by_id),
  };
}
