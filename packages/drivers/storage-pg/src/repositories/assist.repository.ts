import { sql, type Kysely } from 'kysely';
import type { Actor, AssistLlmSettings, AssistRepository, AssistSettings, ChecklistStep, ConversationChecklist, LlmCallRecord } from '@parley/domain';
import { executorOf } from '../pg-store.js';

// Raw SQL like the bot tables: two small JSON-heavy tables kept out of the shared Kysely schema.

interface StoredTick {
  by: { kind: string; id: string | null };
  at: string;
  source: 'manual' | 'auto';
  messageId: string | null;
  matchedTerms: string[];
}
interface StoredStep {
  id: string;
  text: string;
  tick: StoredTick | null;
}
interface ChecklistRow {
  workspace_id: string;
  conversation_id: string;
  article_id: string;
  title: string;
  language: string;
  steps: StoredStep[];
  updated_at: Date | string;
}

function toStep(s: StoredStep): ChecklistStep {
  if (!s.tick) return { id: s.id, text: s.text, tick: null };
  return { id: s.id, text: s.text, tick: { ...s.tick, by: s.tick.by as NonNullable<ChecklistStep['tick']>['by'], at: new Date(s.tick.at) } };
}

interface LlmCallRow {
  id: string;
  workspace_id: string;
  actor: Actor;
  purpose: LlmCallRecord['purpose'];
  conversation_id: string | null;
  model: string;
  prompt: LlmCallRecord['prompt'];
  output: string | null;
  error: string | null;
  latency_ms: number;
  created_at: Date | string;
}

/** Checklists and assist settings in PostgreSQL. */
export class PgAssistRepository implements AssistRepository {
  constructor(private readonly db: Kysely<unknown>) {}

  async getChecklist(workspaceId: string, conversationId: string): Promise<ConversationChecklist | null> {
    const { rows } = await sql<ChecklistRow>`
      select workspace_id, conversation_id, article_id, title, language, steps, updated_at from assist_checklists
      where workspace_id = ${workspaceId} and conversation_id = ${conversationId}`.execute(this.db);
    const row = rows[0];
    if (!row) return null;
    return {
      workspaceId: row.workspace_id,
      conversationId: row.conversation_id,
      articleId: row.article_id,
      title: row.title,
      language: row.language,
      steps: row.steps.map(toStep),
      updatedAt: new Date(row.updated_at),
    };
  }

  async saveChecklist(c: ConversationChecklist): Promise<void> {
    const steps = JSON.stringify(c.steps.map((s) => ({ id: s.id, text: s.text, tick: s.tick ? { ...s.tick, at: s.tick.at.toISOString() } : null })));
    await sql`
      insert into assist_checklists (workspace_id, conversation_id, article_id, title, language, steps, updated_at)
      values (${c.workspaceId}, ${c.conversationId}, ${c.articleId}, ${c.title}, ${c.language}, ${steps}::jsonb, ${c.updatedAt})
      on conflict (workspace_id, conversation_id) do update set
        article_id = excluded.article_id, title = excluded.title, language = excluded.language, steps = excluded.steps, updated_at = excluded.updated_at`.execute(
      this.db,
    );
  }

  async getSettings(workspaceId: string): Promise<AssistSettings> {
    const { rows } = await sql<{ dispositions: AssistSettings['dispositions']; persona: AssistSettings['persona'] }>`
      select dispositions, persona from assist_settings where workspace_id = ${workspaceId}`.execute(this.db);
    return { dispositions: rows[0]?.dispositions ?? null, persona: rows[0]?.persona ?? null };
  }

  async saveSettings(workspaceId: string, patch: Partial<AssistSettings>, now: Date): Promise<AssistSettings> {
    const current = await this.getSettings(workspaceId);
    const next: AssistSettings = { ...current, ...patch };
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    await sql`
      insert into assist_settings (workspace_id, dispositions, persona, updated_at)
      values (${workspaceId}, ${json(next.dispositions)}::jsonb, ${json(next.persona)}::jsonb, ${now})
      on conflict (workspace_id) do update set dispositions = excluded.dispositions, persona = excluded.persona, updated_at = excluded.updated_at`.execute(
      this.db,
    );
    return next;
  }

  async getLlmSettings(workspaceId: string): Promise<AssistLlmSettings | null> {
    const { rows } = await sql<{ base_url: string; model: string; api_key_sealed: unknown; timeout_ms: number; enabled: boolean; updated_at: Date | string }>`
      select base_url, model, api_key_sealed, timeout_ms, enabled, updated_at from assist_llm_settings where workspace_id = ${workspaceId}`.execute(this.db);
    const row = rows[0];
    if (!row) return null;
    return {
      baseUrl: row.base_url,
      model: row.model,
      apiKeySealed: row.api_key_sealed ?? null,
      timeoutMs: row.timeout_ms,
      enabled: row.enabled,
      updatedAt: new Date(row.updated_at),
    };
  }

  async saveLlmSettings(workspaceId: string, s: AssistLlmSettings | null): Promise<void> {
    if (!s) {
      await sql`delete from assist_llm_settings where workspace_id = ${workspaceId}`.execute(this.db);
      return;
    }
    const sealed = s.apiKeySealed === null ? null : JSON.stringify(s.apiKeySealed);
    await sql`
      insert into assist_llm_settings (workspace_id, base_url, model, api_key_sealed, timeout_ms, enabled, updated_at)
      values (${workspaceId}, ${s.baseUrl}, ${s.model}, ${sealed}::jsonb, ${s.timeoutMs}, ${s.enabled}, ${s.updatedAt})
      on conflict (workspace_id) do update set base_url = excluded.base_url, model = excluded.model, api_key_sealed = excluded.api_key_sealed,
        timeout_ms = excluded.timeout_ms, enabled = excluded.enabled, updated_at = excluded.updated_at`.execute(this.db);
  }

  async recordLlmCall(r: LlmCallRecord): Promise<void> {
    await sql`
      insert into assist_llm_calls (id, workspace_id, actor, purpose, conversation_id, model, prompt, output, error, latency_ms, created_at)
      values (${r.id}, ${r.workspaceId}, ${JSON.stringify(r.actor)}::jsonb, ${r.purpose}, ${r.conversationId}, ${r.model}, ${JSON.stringify(r.prompt)}::jsonb,
        ${r.output}, ${r.error}, ${r.latencyMs}, ${r.createdAt})`.execute(this.db);
  }

  async listLlmCalls(workspaceId: string, page: { before: string | null; limit: number }): Promise<LlmCallRecord[]> {
    // Ids are UUIDv7, so their order is the order of the calls.
    const { rows } = await sql<LlmCallRow>`
      select id, workspace_id, actor, purpose, conversation_id, model, prompt, output, error, latency_ms, created_at from assist_llm_calls
      where workspace_id = ${workspaceId} ${page.before ? sql`and id < ${page.before}` : sql``}
      order by id desc limit ${page.limit}`.execute(this.db);
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      actor: row.actor,
      purpose: row.purpose,
      conversationId: row.conversation_id,
      model: row.model,
      prompt: row.prompt,
      output: row.output,
      error: row.error,
      latencyMs: row.latency_ms,
      createdAt: new Date(row.created_at),
    }));
  }
}

/**
 * The assist repository bound to a scope of the domain store (a transaction, or `store.read`).
 *
 * @example
 * const assist = pgAssistRepositoryFor(tx);
 */
export function pgAssistRepositoryFor(scope: object): AssistRepository {
  return new PgAssistRepository(executorOf(scope) as unknown as Kysely<unknown>);
}

/**
 * Key rotation for workspace LLM API keys: re-wraps every key sealed under an older key of
 * PARLEY_SECRET_KEY under the active one (run at start, like channel secrets). Returns how many changed.
 *
 * @example
 * await rewrapAssistLlmKeys(db, { needsRotation, rotate });
 */
export async function rewrapAssistLlmKeys(
  db: Kysely<unknown>,
  box: { needsRotation(sealed: unknown): boolean; rotate(sealed: unknown): unknown },
): Promise<number> {
  const { rows } = await sql<{ workspace_id: string; api_key_sealed: unknown }>`
    select workspace_id, api_key_sealed from assist_llm_settings where api_key_sealed is not null`.execute(db);
  let changed = 0;
  for (const row of rows) {
    if (!box.needsRotation(row.api_key_sealed)) continue;
    await sql`update assist_llm_settings set api_key_sealed = ${JSON.stringify(box.rotate(row.api_key_sealed))}::jsonb where workspace_id = ${row.workspace_id}`.execute(
      db,
    );
    changed++;
  }
  return changed;
}
