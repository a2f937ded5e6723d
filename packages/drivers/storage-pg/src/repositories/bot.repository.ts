import { sql, type Kysely } from 'kysely';
import type { BotActivity, BotDefinition, BotRepository, BotState, BotVersion, BotVersionSummary, CsatCounts, StoredBot } from '@parley/bots';
import { executorOf } from '../pg-store.js';

// Raw SQL on purpose: the bot tables are few and JSON-heavy, and keeping them out of the shared
// Kysely schema avoids coupling every repository to them.

interface BotRow {
  id: string;
  workspace_id: string;
  name: string;
  definition: BotDefinition;
  version: number;
  published_version: number | null;
  published_definition: BotDefinition | null;
  secret_names: string[] | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = sql.raw('id, workspace_id, name, definition, version, published_version, published_definition, secret_names, created_at, updated_at');

function toBot(row: BotRow): StoredBot {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    definition: row.definition,
    version: row.version,
    publishedVersion: row.published_version,
    publishedDefinition: row.published_definition,
    secretNames: row.secret_names ?? [],
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

interface VersionRow {
  version: number;
  name: string | null;
  saved_at: Date | string;
  saved_by: string | null;
  saved_by_name: string | null;
  published_at: Date | string | null;
  published_by: string | null;
  published_by_name: string | null;
  definition?: BotDefinition;
}

function toVersion(row: VersionRow): BotVersionSummary {
  return {
    version: row.version,
    name: row.name ?? '',
    savedAt: new Date(row.saved_at),
    savedBy: row.saved_by ? { id: row.saved_by, name: row.saved_by_name ?? '' } : null,
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    publishedBy: row.published_by ? { id: row.published_by, name: row.published_by_name ?? '' } : null,
  };
}

/** Bots and their per-conversation state in PostgreSQL. */
export class PgBotRepository implements BotRepository {
  constructor(private readonly db: Kysely<unknown>) {}

  async list(workspaceId: string): Promise<StoredBot[]> {
    const { rows } = await sql<BotRow>`select ${COLUMNS} from bots where workspace_id = ${workspaceId} order by name, id`.execute(this.db);
    return rows.map(toBot);
  }

  async get(workspaceId: string, id: string): Promise<StoredBot | null> {
    const { rows } = await sql<BotRow>`select ${COLUMNS} from bots where workspace_id = ${workspaceId} and id = ${id}`.execute(this.db);
    return rows[0] ? toBot(rows[0]) : null;
  }

  // Each write and its history row are one statement, so no caller can save one without the other.
  async create(input: { id: string; workspaceId: string; definition: BotDefinition; now: Date; authorId?: string | null }): Promise<StoredBot> {
    const { rows } = await sql<BotRow>`
      with created as (
        insert into bots (id, workspace_id, name, definition, version, created_at, updated_at)
        values (${input.id}, ${input.workspaceId}, ${input.definition.name}, ${JSON.stringify(input.definition)}::jsonb, 1, ${input.now}, ${input.now})
        returning ${COLUMNS}
      ), history as (
        insert into bot_versions (workspace_id, bot_id, version, definition, saved_by, saved_at)
        select workspace_id, id, version, definition, ${input.authorId ?? null}::uuid, ${input.now} from created
      )
      select * from created`.execute(this.db);
    return toBot(rows[0] as BotRow);
  }

  async saveDraft(workspaceId: string, id: string, definition: BotDefinition, now: Date, authorId: string | null = null): Promise<StoredBot | null> {
    const { rows } = await sql<BotRow>`
      with saved as (
        update bots set definition = ${JSON.stringify(definition)}::jsonb, name = ${definition.name}, version = version + 1, updated_at = ${now}
        where workspace_id = ${workspaceId} and id = ${id}
        returning ${COLUMNS}
      ), history as (
        insert into bot_versions (workspace_id, bot_id, version, definition, saved_by, saved_at)
        select workspace_id, id, version, definition, ${authorId}::uuid, ${now} from saved
      )
      select * from saved`.execute(this.db);
    return rows[0] ? toBot(rows[0]) : null;
  }

  async publish(workspaceId: string, id: string, now: Date, authorId: string | null = null): Promise<StoredBot | null> {
    const { rows } = await sql<BotRow>`
      with published as (
        update bots set published_definition = definition, published_version = version, updated_at = ${now}
        where workspace_id = ${workspaceId} and id = ${id}
        returning ${COLUMNS}
      ), history as (
        insert into bot_versions (workspace_id, bot_id, version, definition, saved_at, published_by, published_at)
        select workspace_id, id, version, definition, ${now}, ${authorId}::uuid, ${now} from published
        on conflict (workspace_id, bot_id, version) do update set published_by = excluded.published_by, published_at = excluded.published_at
      )
      select * from published`.execute(this.db);
    return rows[0] ? toBot(rows[0]) : null;
  }

  async listVersions(workspaceId: string, id: string, limit: number): Promise<BotVersionSummary[]> {
    const { rows } = await sql<VersionRow>`
      select v.version, v.definition->>'name' as name, v.saved_at, v.saved_by, s.name as saved_by_name, v.published_at, v.published_by, p.name as published_by_name
      from bot_versions v left join users s on s.id = v.saved_by left join users p on p.id = v.published_by
      where v.workspace_id = ${workspaceId} and v.bot_id = ${id}
      order by v.version desc limit ${limit}`.execute(this.db);
    return rows.map(toVersion);
  }

  async getVersion(workspaceId: string, id: string, version: number): Promise<BotVersion | null> {
    const { rows } = await sql<VersionRow & { definition: BotDefinition }>`
      select v.version, v.definition->>'name' as name, v.definition, v.saved_at, v.saved_by, s.name as saved_by_name, v.published_at, v.published_by, p.name as published_by_name
      from bot_versions v left join users s on s.id = v.saved_by left join users p on p.id = v.published_by
      where v.workspace_id = ${workspaceId} and v.bot_id = ${id} and v.version = ${version}`.execute(this.db);
    const row = rows[0];
    return row ? { ...toVersion(row), definition: row.definition } : null;
  }

  async lockState(workspaceId: string, conversationId: string): Promise<{ botId: string; state: BotState } | null> {
    const { rows } = await sql<{ bot_id: string; state: BotState }>`
      select bot_id, state from bot_conversation_states
      where workspace_id = ${workspaceId} and conversation_id = ${conversationId} for update`.execute(this.db);
    return rows[0] ? { botId: rows[0].bot_id, state: rows[0].state } : null;
  }

  async attachToChannel(workspaceId: string, channelId: string, botId: string | null): Promise<boolean> {
    const result = await sql`update channels set bot_id = ${botId} where workspace_id = ${workspaceId} and id = ${channelId}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  async saveState(input: { workspaceId: string; conversationId: string; botId: string; state: BotState; now: Date }): Promise<void> {
    await sql`
      insert into bot_conversation_states (workspace_id, conversation_id, bot_id, state, updated_at)
      values (${input.workspaceId}, ${input.conversationId}, ${input.botId}, ${JSON.stringify(input.state)}::jsonb, ${input.now})
      on conflict (workspace_id, conversation_id) do update set bot_id = excluded.bot_id, state = excluded.state, updated_at = excluded.updated_at`.execute(
      this.db,
    );
  }

  async recentActivity(workspaceId: string, conversationId: string, since: Date): Promise<{ turns: number; slowedDown: boolean }> {
    const { rows } = await sql<{ turns: string | number; limited: string | number }>`
      select count(*) filter (where type = 'bot.turn') as turns, count(*) filter (where type = 'bot.rate_limited') as limited
      from domain_events
      where workspace_id = ${workspaceId} and conversation_id = ${conversationId} and type in ('bot.turn', 'bot.rate_limited') and occurred_at > ${since}`.execute(
      this.db,
    );
    return { turns: Number(rows[0]?.turns ?? 0), slowedDown: Number(rows[0]?.limited ?? 0) > 0 };
  }

  async activity(workspaceId: string, botId: string): Promise<BotActivity> {
    // The bot's own events (actor = the bot): one `bot.turn` per answered customer message.
    const { rows: outcomeRows } = await sql<{ outcome: string | null; turns: string | number }>`
      select payload->>'outcome' as outcome, count(*) as turns from domain_events
      where workspace_id = ${workspaceId} and type = 'bot.turn' and actor_kind = 'bot' and actor_id = ${botId}
      group by 1`.execute(this.db);
    const { rows: counts } = await sql<{ conversations: string | number; handed_off: string | number; contained: string | number }>`
      with handled as (
        select distinct conversation_id from domain_events
        where workspace_id = ${workspaceId} and type = 'bot.turn' and actor_kind = 'bot' and actor_id = ${botId} and conversation_id is not null
      ), handed as (
        select distinct conversation_id from domain_events
        where workspace_id = ${workspaceId} and type = 'bot.handoff' and actor_kind = 'bot' and actor_id = ${botId}
      ), ended as (
        select distinct conversation_id from domain_events
        where workspace_id = ${workspaceId} and type = 'bot.ended' and actor_kind = 'bot' and actor_id = ${botId}
      )
      select
        (select count(*) from handled) as conversations,
        (select count(*) from handled h where h.conversation_id in (select conversation_id from handed)) as handed_off,
        (select count(*) from handled h
          where h.conversation_id not in (select conversation_id from handed where conversation_id is not null)
            and (h.conversation_id in (select conversation_id from ended where conversation_id is not null)
              or exists (select 1 from conversations c where c.workspace_id = ${workspaceId} and c.id = h.conversation_id and c.status in ('resolved', 'closed')))) as contained
    `.execute(this.db);
    const { rows: channels } = await sql<{ id: string; name: string; type: string }>`
      select id, name, type from channels where workspace_id = ${workspaceId} and bot_id = ${botId} order by name, id`.execute(this.db);
    // Satisfaction about this bot: its end steps' answers and web chat ratings it last answered.
    const { rows: csatRows } = await sql<{ scenario: string | null; level: string | null; n: string | number }>`
      select payload->>'scenarioId' as scenario, payload->>'answer' as level, count(*) as n from domain_events
      where workspace_id = ${workspaceId} and type = 'csat.recorded' and payload->'handledBy'->>'kind' = 'bot' and payload->'handledBy'->>'id' = ${botId}
      group by 1, 2`.execute(this.db);
    const empty = (): CsatCounts => ({ responses: 0, good: 0, neutral: 0, bad: 0 });
    const csat: BotActivity['csat'] = { ...empty(), byScenario: {} };
    for (const row of csatRows) {
      if (row.level !== 'good' && row.level !== 'neutral' && row.level !== 'bad') continue;
      const n = Number(row.n);
      csat[row.level] += n;
      csat.responses += n;
      if (row.scenario) {
        const scenario = (csat.byScenario[row.scenario] ??= empty());
        scenario[row.level] += n;
        scenario.responses += n;
      }
    }
    const outcomes: Record<string, number> = {};
    let turns = 0;
    for (const row of outcomeRows) {
      const n = Number(row.turns);
      outcomes[row.outcome ?? 'unknown'] = n;
      turns += n;
    }
    const c = counts[0];
    return {
      conversations: Number(c?.conversations ?? 0),
      handedOff: Number(c?.handed_off ?? 0),
      contained: Number(c?.contained ?? 0),
      turns,
      outcomes,
      channels: channels.map((ch) => ({ id: ch.id, name: ch.name, type: ch.type })),
      csat,
    };
  }

  async redactCustomerMessage(workspaceId: string, messageId: string, text: string, content: unknown): Promise<void> {
    await sql`
      update messages set text = ${text}, content = ${JSON.stringify(content)}::jsonb
      where workspace_id = ${workspaceId} and id = ${messageId} and direction = 'inbound' and author_kind = 'customer'`.execute(this.db);
  }

  async getSealedSecrets(workspaceId: string, id: string): Promise<unknown> {
    const { rows } = await sql<{ sealed_secrets: unknown }>`select sealed_secrets from bots where workspace_id = ${workspaceId} and id = ${id}`.execute(
      this.db,
    );
    return rows[0]?.sealed_secrets ?? null;
  }

  async setSecrets(workspaceId: string, id: string, sealed: unknown, names: string[], now: Date): Promise<boolean> {
    const result = await sql`
      update bots set sealed_secrets = ${sealed === null ? null : JSON.stringify(sealed)}::jsonb, secret_names = ${JSON.stringify(names)}::jsonb, updated_at = ${now}
      where workspace_id = ${workspaceId} and id = ${id}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }
}

/**
 * The bot repository bound to a scope of the domain store (a transaction, or `store.read`).
 *
 * @example
 * const bots = pgBotRepositoryFor(tx);
 */
export function pgBotRepositoryFor(scope: object): BotRepository {
  return new PgBotRepository(executorOf(scope) as unknown as Kysely<unknown>);
}
