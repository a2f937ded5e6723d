import { sql, type Kysely } from 'kysely';
import type { AssistRepository, AssistSettings, ChecklistStep, ConversationChecklist } from '@parley/domain';
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
