import { sql, type Kysely } from 'kysely';
import type {
  Actor,
  CompletedSentimentTraining,
  LabelledSentimentExample,
  SentimentModelRepository,
  SentimentModelSummary,
  SentimentTrainingRequest,
  TrainedSentimentModelInfo,
} from '@parley/domain';
import { executorOf } from '../pg-store.js';

// Raw SQL like the assist tables: one JSON-heavy table kept out of the shared Kysely schema.

interface StoredModelInfo {
  examples: number;
  labelCounts: Record<string, number>;
  evaluation: TrainedSentimentModelInfo['evaluation'];
  trainedAt: string;
  trainedBy: Actor;
  trainMs: number;
}

interface SummaryRow {
  workspace_id: string;
  language: string;
  request_id: string;
  request_status: SentimentTrainingRequest['status'];
  example_count: number;
  label_counts: Record<string, number>;
  requested_at: Date | string;
  requested_by: Actor;
  error: string | null;
  model_version: string | null;
  model_info: StoredModelInfo | null;
}

function toSummary(row: SummaryRow): SentimentModelSummary {
  const info = row.model_info;
  return {
    workspaceId: row.workspace_id,
    language: row.language,
    request: {
      id: row.request_id,
      status: row.request_status,
      examples: Number(row.example_count),
      labelCounts: row.label_counts,
      requestedAt: new Date(row.requested_at),
      requestedBy: row.requested_by,
      error: row.error,
    },
    model:
      row.model_version && info
        ? {
            version: row.model_version,
            examples: info.examples,
            labelCounts: info.labelCounts,
            evaluation: info.evaluation,
            trainedAt: new Date(info.trainedAt),
            trainedBy: info.trainedBy,
            trainMs: info.trainMs,
          }
        : null,
  };
}

function countLabels(examples: readonly LabelledSentimentExample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
  return counts;
}

/** Workspace-trained sentiment models in PostgreSQL (`nlu_sentiment_models`, migration 0017). */
export class PgSentimentModelRepository implements SentimentModelRepository {
  constructor(private readonly db: Kysely<unknown>) {}

  async list(workspaceId: string): Promise<SentimentModelSummary[]> {
    const { rows } = await sql<SummaryRow>`
      select workspace_id, language, request_id, request_status, jsonb_array_length(examples) as example_count, label_counts,
        requested_at, requested_by, error, model_version, model_info
      from nlu_sentiment_models where workspace_id = ${workspaceId} order by language`.execute(this.db);
    return rows.map(toSummary);
  }

  async request(
    workspaceId: string,
    language: string,
    r: { id: string; examples: LabelledSentimentExample[]; requestedAt: Date; requestedBy: Actor },
  ): Promise<void> {
    const examples = JSON.stringify(r.examples.map((e) => ({ text: e.text, label: e.label })));
    await sql`
      insert into nlu_sentiment_models (workspace_id, language, request_id, request_status, examples, label_counts, requested_at, requested_by, error)
      values (${workspaceId}, ${language}, ${r.id}, 'queued', ${examples}::jsonb, ${JSON.stringify(countLabels(r.examples))}::jsonb, ${r.requestedAt},
        ${JSON.stringify(r.requestedBy)}::jsonb, null)
      on conflict (workspace_id, language) do update set request_id = excluded.request_id, request_status = 'queued', examples = excluded.examples,
        label_counts = excluded.label_counts, requested_at = excluded.requested_at, requested_by = excluded.requested_by, error = null`.execute(this.db);
  }

  async examplesOf(workspaceId: string, language: string, requestId: string): Promise<LabelledSentimentExample[] | null> {
    const { rows } = await sql<{ examples: LabelledSentimentExample[] }>`
      select examples from nlu_sentiment_models where workspace_id = ${workspaceId} and language = ${language} and request_id = ${requestId}`.execute(this.db);
    return rows[0]?.examples ?? null;
  }

  async complete(workspaceId: string, language: string, requestId: string, result: CompletedSentimentTraining): Promise<boolean> {
    const { numAffectedRows } = await sql`
      update nlu_sentiment_models set request_status = 'done', error = null, model = ${JSON.stringify(result.state)}::jsonb, model_version = request_id,
        model_info = jsonb_build_object('examples', jsonb_array_length(examples), 'labelCounts', label_counts, 'trainedBy', requested_by,
          'evaluation', ${JSON.stringify(result.evaluation)}::jsonb, 'trainedAt', ${result.trainedAt.toISOString()}::text, 'trainMs', ${result.trainMs}::integer)
      where workspace_id = ${workspaceId} and language = ${language} and request_id = ${requestId} and request_status = 'queued'`.execute(this.db);
    return Number(numAffectedRows ?? 0) > 0;
  }

  async fail(workspaceId: string, language: string, requestId: string, error: string): Promise<boolean> {
    const { numAffectedRows } = await sql`
      update nlu_sentiment_models set request_status = 'failed', error = ${error.slice(0, 500)}
      where workspace_id = ${workspaceId} and language = ${language} and request_id = ${requestId} and request_status = 'queued'`.execute(this.db);
    return Number(numAffectedRows ?? 0) > 0;
  }

  async versions(workspaceId: string): Promise<Array<{ language: string; version: string }>> {
    const { rows } = await sql<{ language: string; model_version: string }>`
      select language, model_version from nlu_sentiment_models where workspace_id = ${workspaceId} and model_version is not null`.execute(this.db);
    return rows.map((r) => ({ language: r.language, version: r.model_version }));
  }

  async modelState(workspaceId: string, language: string): Promise<{ version: string; state: unknown } | null> {
    const { rows } = await sql<{ model_version: string; model: unknown }>`
      select model_version, model from nlu_sentiment_models
      where workspace_id = ${workspaceId} and language = ${language} and model_version is not null`.execute(this.db);
    const row = rows[0];
    return row ? { version: row.model_version, state: row.model } : null;
  }

  async remove(workspaceId: string, language: string): Promise<boolean> {
    const { numAffectedRows } = await sql`delete from nlu_sentiment_models where workspace_id = ${workspaceId} and language = ${language}`.execute(this.db);
    return Number(numAffectedRows ?? 0) > 0;
  }
}

/**
 * The sentiment model repository bound to `store.read` or a transaction of `createPgStore`.
 *
 * @example
 * await store.transaction((tx) => pgSentimentModelRepositoryFor(tx).remove(workspaceId, 'fr'));
 */
export function pgSentimentModelRepositoryFor(scope: object): SentimentModelRepository {
  return new PgSentimentModelRepository(executorOf(scope) as unknown as Kysely<unknown>);
}
