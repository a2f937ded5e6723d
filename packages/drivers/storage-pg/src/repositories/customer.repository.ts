import { sql, type Kysely } from 'kysely';
import type { Customer, CustomerIdentity, CustomerRepository, IdentityKind, IdentityProvenance, NormalizedIdentity } from '@parley/domain';
import type { CustomerIdentitiesTable, Database } from '../schema.js';
import type { Selectable } from 'kysely';

// Merges chain through merged_into; a chain longer than this means corrupt data, not a real merge history.
const MAX_MERGE_DEPTH = 16;

export class PgCustomerRepository implements CustomerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findByIdentity(workspaceId: string, identity: { kind: string; scope: string; value: string }): Promise<string | null> {
    // One round trip: the identity's owner and whether that profile was merged into another.
    const row = await this.db
      .selectFrom('customer_identities as ci')
      .leftJoin('customers as c', (join) => join.onRef('c.id', '=', 'ci.customer_id').onRef('c.workspace_id', '=', 'ci.workspace_id'))
      .select(['ci.customer_id', 'c.merged_into'])
      .where('ci.workspace_id', '=', workspaceId)
      .where('ci.kind', '=', identity.kind)
      .where('ci.scope', '=', identity.scope)
      .where('ci.value', '=', identity.value)
      .executeTakeFirst();
    if (!row) return null;
    return row.merged_into ? this.resolveMerged(workspaceId, row.merged_into) : row.customer_id;
  }

  async create(input: { id: string; workspaceId: string; displayName: string | null; locale?: string | null }): Promise<void> {
    await this.db
      .insertInto('customers')
      .values({ id: input.id, workspace_id: input.workspaceId, display_name: input.displayName, locale: input.locale ?? null, attributes: '{}' })
      .execute();
  }

  async addIdentity(
    workspaceId: string,
    customerId: string,
    identity: NormalizedIdentity,
  ): Promise<{ ownerId: string; created: boolean; identity: CustomerIdentity }> {
    // One round trip in both common cases: the insert, or (on conflict) the existing row with its
    // owner's merge pointer. The select sees the statement's snapshot, so a row committed by a
    // concurrent transaction after it began is read by the fallback below instead.
    const result = await sql<Selectable<CustomerIdentitiesTable> & { inserted: boolean; merged_into: string | null }>`
      with inserted as (
        insert into customer_identities (id, workspace_id, customer_id, kind, scope, value, raw_value, verified, provenance)
        values (${crypto.randomUUID()}, ${workspaceId}, ${customerId}, ${identity.kind}, ${identity.scope}, ${identity.value}, ${identity.raw}, ${identity.verified}, ${identity.provenance})
        on conflict (workspace_id, kind, scope, value) do nothing
        returning *
      )
      select inserted.*, true as inserted, null::uuid as merged_into from inserted
      union all
      select ci.*, false as inserted, c.merged_into
        from customer_identities ci
        left join customers c on c.id = ci.customer_id and c.workspace_id = ci.workspace_id
       where ci.workspace_id = ${workspaceId} and ci.kind = ${identity.kind} and ci.scope = ${identity.scope} and ci.value = ${identity.value}`.execute(
      this.db,
    );
    const first = result.rows.find((r) => r.inserted) ?? result.rows[0];
    if (first?.inserted) return { ownerId: customerId, created: true, identity: toIdentity(first) };
    let existing: Selectable<CustomerIdentitiesTable>;
    let owner: string;
    if (first) {
      const { inserted: _inserted, merged_into: mergedInto, ...row } = first;
      existing = row;
      owner = mergedInto ? await this.resolveMerged(workspaceId, mergedInto) : row.customer_id;
    } else {
      existing = await this.db
        .selectFrom('customer_identities')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', identity.kind)
        .where('scope', '=', identity.scope)
        .where('value', '=', identity.value)
        .executeTakeFirstOrThrow();
      owner = await this.resolveMerged(workspaceId, existing.customer_id);
    }
    // A channel proving an address the profile only claimed upgrades it to verified, but only
    // for that profile: proof obtained by someone else must not vouch for another person's claim
    // (reconciliation turns that case into a merge suggestion).
    if (identity.verified && !existing.verified && owner === customerId) {
      await this.db.updateTable('customer_identities').set({ verified: true }).where('id', '=', existing.id).execute();
      existing.verified = true;
    }
    return { ownerId: owner, created: false, identity: toIdentity(existing) };
  }

  async deleteEmpty(workspaceId: string, customerId: string): Promise<void> {
    await this.db
      .deleteFrom('customers')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', customerId)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('customer_identities').select('id').where('customer_id', '=', customerId))))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('conversations').select('id').where('customer_id', '=', customerId))))
      .execute();
  }

  async setDisplayNameIfEmpty(workspaceId: string, customerId: string, name: string): Promise<void> {
    await this.db
      .updateTable('customers')
      .set({ display_name: name, updated_at: new Date() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', customerId)
      .where('display_name', 'is', null)
      .execute();
  }

  async get(workspaceId: string, id: string): Promise<Customer | null> {
    const resolved = await this.resolveMerged(workspaceId, id);
    const row = await this.db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', resolved).executeTakeFirst();
    if (!row) return null;
    const ids = await this.storyIds(workspaceId, resolved);
    const identities = await this.db
      .selectFrom('customer_identities')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', 'in', ids)
      .orderBy('created_at')
      .execute();
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      displayName: row.display_name,
      attributes: row.attributes,
      timeZone: row.time_zone,
      locale: row.locale,
      mergedInto: row.merged_into,
      erasedAt: row.erased_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      identities: identities.map(toIdentity),
    };
  }

  async erase(workspaceId: string, customerIds: string[], at: Date): Promise<number> {
    if (customerIds.length === 0) return 0;
    const conversationIds = this.db.selectFrom('conversations').select('id').where('workspace_id', '=', workspaceId).where('customer_id', 'in', customerIds);
    const erasedContent = JSON.stringify({ v: 1, blocks: [{ type: 'text', text: '[erased]' }] });
    const redacted = await this.db
      .updateTable('messages')
      .set({ text: '[erased]', content: erasedContent })
      .where('workspace_id', '=', workspaceId)
      .where('author_kind', '=', 'customer')
      .where('conversation_id', 'in', conversationIds)
      .executeTakeFirst();
    await this.db
      .deleteFrom('attachments')
      .where('workspace_id', '=', workspaceId)
      .where(
        'message_id',
        'in',
        this.db.selectFrom('messages').select('id').where('workspace_id', '=', workspaceId).where('conversation_id', 'in', conversationIds),
      )
      .execute();
    await this.db.deleteFrom('customer_identities').where('workspace_id', '=', workspaceId).where('customer_id', 'in', customerIds).execute();
    await this.db
      .updateTable('consents')
      .set({ address: '[erased]' })
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', 'in', customerIds)
      .execute();
    // Event payloads may quote identities (identity_added, consent.changed): keep the type, drop the details.
    await this.db
      .updateTable('domain_events')
      .set({ payload: JSON.stringify({ erased: true }) })
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', 'in', customerIds)
      .where('type', 'in', ['customer.identity_added', 'consent.changed', 'customer.created'])
      .execute();
    await this.db
      .updateTable('customers')
      .set({ display_name: null, attributes: '{}', time_zone: null, locale: null, erased_at: at, updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', customerIds)
      .execute();
    return Number(redacted.numUpdatedRows);
  }

  async storyIds(workspaceId: string, id: string): Promise<string[]> {
    const ids = [id];
    let frontier = [id];
    for (let depth = 0; depth < MAX_MERGE_DEPTH && frontier.length > 0; depth++) {
      const rows = await this.db.selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).where('merged_into', 'in', frontier).execute();
      frontier = rows.map((r) => r.id).filter((x) => !ids.includes(x));
      ids.push(...frontier);
    }
    return ids;
  }

  async mergeAttributes(workspaceId: string, id: string, patch: Record<string, unknown>, at: Date): Promise<void> {
    await this.db
      .updateTable('customers')
      .set({ attributes: sql`attributes || ${JSON.stringify(patch)}::jsonb`, updated_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }

  private async resolveMerged(workspaceId: string, id: string): Promise<string> {
    let current = id;
    for (let depth = 0; depth < MAX_MERGE_DEPTH; depth++) {
      const row = await this.db
        .selectFrom('customers')
        .select('merged_into')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', current)
        .executeTakeFirst();
      if (!row?.merged_into) return current;
      current = row.merged_into;
    }
    return current;
  }
}

function toIdentity(row: Selectable<CustomerIdentitiesTable>): CustomerIdentity {
  return {
    id: row.id,
    kind: row.kind as IdentityKind,
    scope: row.scope,
    value: row.value,
    verified: row.verified,
    provenance: row.provenance as IdentityProvenance,
    createdAt: row.created_at,
  };
}
