import { sql, type Kysely } from 'kysely';
import type { ConnectorMapping, CustomerConnector, CustomerConnectorRepository, LocalizedText } from '@parley/domain';
import { executorOf } from '../pg-store.js';

// Raw SQL, kept out of the shared Kysely schema like the bot tables: one small JSON-heavy table.

interface ConnectorRow {
  id: string;
  workspace_id: string;
  name: string;
  label: LocalizedText;
  url_template: string;
  headers: Record<string, string>;
  secret_header_names: string[];
  timeout_ms: number;
  mapping: ConnectorMapping;
  enabled: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = sql.raw('id, workspace_id, name, label, url_template, headers, secret_header_names, timeout_ms, mapping, enabled, created_at, updated_at');

function toConnector(row: ConnectorRow): CustomerConnector {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    label: row.label,
    urlTemplate: row.url_template,
    headers: row.headers,
    secretHeaderNames: row.secret_header_names,
    timeoutMs: row.timeout_ms,
    mapping: row.mapping,
    enabled: row.enabled,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** Customer 360° connectors in PostgreSQL. */
export class PgCustomerConnectorRepository implements CustomerConnectorRepository {
  constructor(private readonly db: Kysely<unknown>) {}

  async list(workspaceId: string): Promise<CustomerConnector[]> {
    const { rows } = await sql<ConnectorRow>`select ${COLUMNS} from customer_connectors where workspace_id = ${workspaceId} order by name, id`.execute(this.db);
    return rows.map(toConnector);
  }

  async get(workspaceId: string, id: string): Promise<CustomerConnector | null> {
    const { rows } = await sql<ConnectorRow>`select ${COLUMNS} from customer_connectors where workspace_id = ${workspaceId} and id = ${id}`.execute(this.db);
    return rows[0] ? toConnector(rows[0]) : null;
  }

  async sealedSecrets(workspaceId: string, id: string): Promise<unknown> {
    const { rows } = await sql<{
      sealed_secrets: unknown;
    }>`select sealed_secrets from customer_connectors where workspace_id = ${workspaceId} and id = ${id}`.execute(this.db);
    return rows[0]?.sealed_secrets ?? null;
  }

  async create(input: Omit<CustomerConnector, 'createdAt' | 'updatedAt'> & { sealedSecrets: unknown; now: Date }): Promise<CustomerConnector> {
    const { rows } = await sql<ConnectorRow>`
      insert into customer_connectors (id, workspace_id, name, label, url_template, headers, secret_header_names, sealed_secrets, timeout_ms, mapping, enabled, created_at, updated_at)
      values (${input.id}, ${input.workspaceId}, ${input.name}, ${json(input.label)}, ${input.urlTemplate}, ${json(input.headers)}, ${json(input.secretHeaderNames)},
              ${json(input.sealedSecrets)}, ${input.timeoutMs}, ${json(input.mapping)}, ${input.enabled}, ${input.now}, ${input.now})
      returning ${COLUMNS}`.execute(this.db);
    return toConnector(rows[0] as ConnectorRow);
  }

  async update(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<CustomerConnector, 'name' | 'label' | 'urlTemplate' | 'headers' | 'secretHeaderNames' | 'timeoutMs' | 'mapping' | 'enabled'>> & {
      sealedSecrets?: unknown;
      now: Date;
    },
  ): Promise<CustomerConnector | null> {
    const sets = [sql`updated_at = ${patch.now}`];
    if (patch.name !== undefined) sets.push(sql`name = ${patch.name}`);
    if (patch.label !== undefined) sets.push(sql`label = ${json(patch.label)}`);
    if (patch.urlTemplate !== undefined) sets.push(sql`url_template = ${patch.urlTemplate}`);
    if (patch.headers !== undefined) sets.push(sql`headers = ${json(patch.headers)}`);
    if (patch.secretHeaderNames !== undefined) sets.push(sql`secret_header_names = ${json(patch.secretHeaderNames)}`);
    if (patch.sealedSecrets !== undefined) sets.push(sql`sealed_secrets = ${json(patch.sealedSecrets)}`);
    if (patch.timeoutMs !== undefined) sets.push(sql`timeout_ms = ${patch.timeoutMs}`);
    if (patch.mapping !== undefined) sets.push(sql`mapping = ${json(patch.mapping)}`);
    if (patch.enabled !== undefined) sets.push(sql`enabled = ${patch.enabled}`);
    const { rows } = await sql<ConnectorRow>`
      update customer_connectors set ${sql.join(sets)} where workspace_id = ${workspaceId} and id = ${id} returning ${COLUMNS}`.execute(this.db);
    return rows[0] ? toConnector(rows[0]) : null;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const result = await sql`delete from customer_connectors where workspace_id = ${workspaceId} and id = ${id}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }
}

/** The connector store bound to a scope of the store (its transaction, or `store.read`). */
export function pgCustomerConnectorRepositoryFor(scope: object): CustomerConnectorRepository {
  return new PgCustomerConnectorRepository(executorOf(scope) as unknown as Kysely<unknown>);
}

/**
 * Key rotation for connectors' secret headers, like channel secrets: anything still sealed
 * under an older key is re-wrapped under the active one at start. Returns how many changed.
 */
export async function rewrapConnectorSecrets(
  db: Kysely<unknown>,
  box: { needsRotation(sealed: unknown): boolean; rotate(sealed: unknown): unknown },
): Promise<number> {
  const { rows } = await sql<{
    id: string;
    sealed_secrets: unknown;
  }>`select id, sealed_secrets from customer_connectors where sealed_secrets is not null`.execute(db);
  let changed = 0;
  for (const row of rows) {
    if (!box.needsRotation(row.sealed_secrets)) continue;
    await sql`update customer_connectors set sealed_secrets = ${json(box.rotate(row.sealed_secrets))} where id = ${row.id}`.execute(db);
    changed++;
  }
  return changed;
}
