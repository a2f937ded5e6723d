import type { Kysely, Selectable } from 'kysely';
import { newId } from '@parley/kernel';
import type { Consent, ConsentRepository, IdentityKind, NewConsent } from '@parley/domain';
import type { ConsentsTable, Database } from '../schema.js';

export class PgConsentRepository implements ConsentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(consent: NewConsent): Promise<Consent> {
    const row = await this.db
      .insertInto('consents')
      .values({
        id: newId(),
        workspace_id: consent.workspaceId,
        customer_id: consent.customerId,
        address_kind: consent.addressKind,
        address: consent.address,
        purpose: consent.purpose,
        channel_type: consent.channelType,
        status: consent.status,
        source: consent.source,
        actor_kind: consent.actor.kind,
        actor_id: consent.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toConsent(row);
  }

  async current(workspaceId: string, customerIds: string[]): Promise<Consent[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('consents')
      .selectAll()
      .distinctOn(['address_kind', 'address', 'purpose'])
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', 'in', customerIds)
      .orderBy('address_kind')
      .orderBy('address')
      .orderBy('purpose')
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toConsent);
  }

  async history(workspaceId: string, customerIds: string[]): Promise<Consent[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.db.selectFrom('consents').selectAll().where('workspace_id', '=', workspaceId).where('customer_id', 'in', customerIds).orderBy('recorded_at').orderBy('id').execute();
    return rows.map(toConsent);
  }
}

function toConsent(row: Selectable<ConsentsTable>): Consent {
  return {
    id: row.id,
    addressKind: row.address_kind as IdentityKind,
    address: row.address,
    purpose: row.purpose,
    channelType: row.channel_type,
    status: row.status,
    source: row.source,
    recordedAt: row.recorded_at,
  };
}
