import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  Article,
  ArticleEmbedding,
  ArticleFeedbackStats,
  ArticleKind,
  ArticlePatch,
  ArticleStatus,
  ArticleVersion,
  KnowledgeGap,
  KnowledgeRepository,
  LearnedPhrasing,
  NewArticle,
  PublishedArticle,
} from '@parley/domain';
import { executorOf } from '../pg-store.js';
import type { Database, KbArticlesTable, KbArticleVersionsTable, KbPhrasingsTable } from '../schema.js';

type ArticleRow = Selectable<KbArticlesTable>;
type VersionRow = Selectable<KbArticleVersionsTable>;
type PhrasingRow = Selectable<KbPhrasingsTable>;

const CONTENT_KEYS = ['title', 'body', 'summary', 'phrasings', 'steps', 'variants'] as const;

/**
 * The knowledge base on Kysely. Content changes write a new row in `kb_article_versions` and bump
 * `kb_articles.version` in the same statement sequence (callers run it in a transaction and lock
 * the article first, so two editors never write the same version number: the primary key
 * `(article_id, version)` would refuse it anyway).
 *
 * @example
 * const repo = pgKnowledgeRepositoryFor(tx);
 * await repo.createArticle({ ... });
 */
export class PgKnowledgeRepository implements KnowledgeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createArticle(input: NewArticle): Promise<Article> {
    const row = await this.db
      .insertInto('kb_articles')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        kind: input.kind,
        language: input.language,
        slug: input.slug,
        category: input.category,
        tags: input.tags,
        audiences: input.audiences,
        channels: input.channels,
        status: 'draft',
        title: input.title,
        body: input.body,
        summary: input.summary,
        phrasings: JSON.stringify(input.phrasings),
        steps: JSON.stringify(input.steps),
        variants: JSON.stringify(input.variants),
        version: 1,
        published_version: null,
        review_by: input.reviewBy,
        created_at: input.now,
        updated_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.insertVersion(row, input.authorId, null, input.now);
    return toArticle(row);
  }

  async updateArticle(workspaceId: string, id: string, patch: ArticlePatch, authorId: string | null, note: string | null, now: Date): Promise<Article | null> {
    const current = await this.getArticle(workspaceId, id);
    if (!current) return null;
    const contentChanged = CONTENT_KEYS.some((k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(current[k]));
    const row = await this.db
      .updateTable('kb_articles')
      .set({
        ...(patch.kind !== undefined && { kind: patch.kind }),
        ...(patch.language !== undefined && { language: patch.language }),
        ...(patch.slug !== undefined && { slug: patch.slug }),
        ...(patch.category !== undefined && { category: patch.category }),
        ...(patch.tags !== undefined && { tags: patch.tags }),
        ...(patch.audiences !== undefined && { audiences: patch.audiences }),
        ...(patch.channels !== undefined && { channels: patch.channels }),
        ...(patch.reviewBy !== undefined && { review_by: patch.reviewBy }),
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.body !== undefined && { body: patch.body }),
        ...(patch.summary !== undefined && { summary: patch.summary }),
        ...(patch.phrasings !== undefined && { phrasings: JSON.stringify(patch.phrasings) }),
        ...(patch.steps !== undefined && { steps: JSON.stringify(patch.steps) }),
        ...(patch.variants !== undefined && { variants: JSON.stringify(patch.variants) }),
        ...(contentChanged && { version: sql<number>`version + 1` }),
        updated_at: now,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    if (contentChanged) await this.insertVersion(row, authorId, note, now);
    return toArticle(row);
  }

  async getArticle(workspaceId: string, id: string): Promise<Article | null> {
    const row = await this.db.selectFrom('kb_articles').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row ? toArticle(row) : null;
  }

  async lockArticle(workspaceId: string, id: string): Promise<Article | null> {
    const row = await this.db.selectFrom('kb_articles').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? toArticle(row) : null;
  }

  async findBySlug(workspaceId: string, slug: string): Promise<Article | null> {
    const row = await this.db.selectFrom('kb_articles').selectAll().where('workspace_id', '=', workspaceId).where('slug', '=', slug).executeTakeFirst();
    return row ? toArticle(row) : null;
  }

  async listArticles(workspaceId: string, filter: { status?: ArticleStatus; kind?: ArticleKind; language?: string }): Promise<Article[]> {
    let q = this.db.selectFrom('kb_articles').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.language) q = q.where('language', '=', filter.language);
    const rows = await q.orderBy('updated_at', 'desc').orderBy('id').limit(5000).execute();
    return rows.map(toArticle);
  }

  async listVersions(workspaceId: string, articleId: string): Promise<ArticleVersion[]> {
    const rows = await this.versions(workspaceId, articleId).orderBy('v.version', 'desc').execute();
    return rows.map(toVersion);
  }

  async getVersion(workspaceId: string, articleId: string, version: number): Promise<ArticleVersion | null> {
    const row = await this.versions(workspaceId, articleId).where('v.version', '=', version).executeTakeFirst();
    return row ? toVersion(row) : null;
  }

  private versions(workspaceId: string, articleId: string) {
    return this.db
      .selectFrom('kb_article_versions as v')
      .leftJoin('users as u', 'u.id', 'v.author_id')
      .selectAll('v')
      .select('u.name as author_name')
      .where('v.workspace_id', '=', workspaceId)
      .where('v.article_id', '=', articleId);
  }

  async setStatus(workspaceId: string, id: string, status: ArticleStatus, publishedVersion: number | null, now: Date): Promise<void> {
    await this.db
      .updateTable('kb_articles')
      .set({ status, published_version: publishedVersion, updated_at: now, ...(status === 'published' && { published_at: now }) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async listPublished(workspaceId: string): Promise<PublishedArticle[]> {
    return this.published(workspaceId, null);
  }

  async getPublished(workspaceId: string, id: string): Promise<PublishedArticle | null> {
    return (await this.published(workspaceId, id))[0] ?? null;
  }

  private async published(workspaceId: string, id: string | null): Promise<PublishedArticle[]> {
    let q = this.db
      .selectFrom('kb_articles as a')
      .innerJoin('kb_article_versions as v', (j) => j.onRef('v.article_id', '=', 'a.id').onRef('v.version', '=', 'a.published_version'))
      .selectAll('a')
      .select([
        'v.title as v_title',
        'v.body as v_body',
        'v.summary as v_summary',
        'v.phrasings as v_phrasings',
        'v.steps as v_steps',
        'v.variants as v_variants',
      ])
      .where('a.workspace_id', '=', workspaceId)
      .where('v.workspace_id', '=', workspaceId)
      .where('a.status', '=', 'published');
    if (id) q = q.where('a.id', '=', id);
    const rows = await q.orderBy('a.title').orderBy('a.id').execute();
    return rows.map((r) => ({
      ...toArticle(r),
      title: r.v_title,
      body: r.v_body,
      summary: r.v_summary,
      phrasings: r.v_phrasings,
      steps: r.v_steps,
      variants: r.v_variants,
    }));
  }

  async addPhrasing(input: {
    id: string;
    workspaceId: string;
    articleId: string;
    text: string;
    language: string | null;
    source: LearnedPhrasing['source'];
    createdBy: string | null;
    now: Date;
  }): Promise<LearnedPhrasing> {
    const row = await this.db
      .insertInto('kb_phrasings')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        article_id: input.articleId,
        text: input.text,
        language: input.language,
        status: 'pending',
        source: input.source,
        created_by: input.createdBy,
        created_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPhrasing(row);
  }

  async listPhrasings(workspaceId: string, filter: { status?: LearnedPhrasing['status']; articleId?: string }): Promise<LearnedPhrasing[]> {
    let q = this.db.selectFrom('kb_phrasings').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.articleId) q = q.where('article_id', '=', filter.articleId);
    return (await q.orderBy('created_at', 'desc').orderBy('id').limit(5000).execute()).map(toPhrasing);
  }

  async reviewPhrasing(workspaceId: string, id: string, status: 'approved' | 'rejected', reviewerId: string, now: Date): Promise<LearnedPhrasing | null> {
    const row = await this.db
      .updateTable('kb_phrasings')
      .set({ status, reviewed_by: reviewerId, reviewed_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toPhrasing(row) : null;
  }

  async recordFeedback(input: {
    id: string;
    workspaceId: string;
    articleId: string | null;
    question: string | null;
    kind: string;
    source: 'agent' | 'customer';
    actorId: string | null;
    channel: string | null;
    now: Date;
  }): Promise<void> {
    await this.db
      .insertInto('kb_feedback')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        article_id: input.articleId,
        question: input.question,
        kind: input.kind,
        source: input.source,
        actor_id: input.actorId,
        channel: input.channel,
        created_at: input.now,
      })
      .execute();
  }

  async feedbackStats(workspaceId: string): Promise<ArticleFeedbackStats[]> {
    const rows = await this.db
      .selectFrom('kb_feedback')
      .select((eb) => [
        'article_id',
        eb.fn.count<string>('id').filterWhere('kind', '=', 'helpful').as('helpful'),
        eb.fn.count<string>('id').filterWhere('kind', '=', 'not_helpful').as('not_helpful'),
        eb.fn.count<string>('id').filterWhere('kind', 'in', ['accepted', 'edited']).as('accepted'),
        eb.fn.count<string>('id').filterWhere('kind', '=', 'rejected').as('rejected'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('article_id', 'is not', null)
      .groupBy('article_id')
      .execute();
    return rows.map((r) => ({
      articleId: r.article_id as string,
      helpful: Number(r.helpful),
      notHelpful: Number(r.not_helpful),
      accepted: Number(r.accepted),
      rejected: Number(r.rejected),
    }));
  }

  async recordQuery(input: {
    id: string;
    workspaceId: string;
    question: string;
    normalized: string;
    language: string | null;
    channel: string | null;
    topArticleId: string | null;
    topConfidence: number;
    now: Date;
  }): Promise<void> {
    await this.db
      .insertInto('kb_queries')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        question: input.question,
        normalized: input.normalized,
        language: input.language,
        channel: input.channel,
        top_article_id: input.topArticleId,
        top_confidence: input.topConfidence,
        created_at: input.now,
      })
      .execute();
  }

  async gaps(workspaceId: string, options: { since: Date; threshold: number; minCount: number; limit: number }): Promise<KnowledgeGap[]> {
    const rows = await this.db
      .selectFrom('kb_queries as q')
      .select((eb) => [
        'q.normalized',
        eb.fn.min('q.question').as('question'),
        sql<string[]>`array_agg(distinct q.question)`.as('examples'),
        sql<string | null>`mode() within group (order by q.language)`.as('language'),
        eb.fn.countAll<string>().as('count'),
        eb.fn.max('q.top_confidence').as('best'),
        eb.fn.max('q.created_at').as('last'),
      ])
      .where('q.workspace_id', '=', workspaceId)
      .where('q.created_at', '>=', options.since)
      .groupBy('q.normalized')
      .having((eb) => eb.fn.max('q.top_confidence'), '<', options.threshold)
      .having((eb) => eb.fn.countAll(), '>=', options.minCount)
      .orderBy('count', 'desc')
      .orderBy('q.normalized')
      .limit(options.limit)
      .execute();
    const negatives = await this.db
      .selectFrom('kb_feedback')
      .select((eb) => ['question', eb.fn.countAll<string>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .where('kind', 'in', ['not_helpful', 'rejected'])
      .where('created_at', '>=', options.since)
      .where('question', 'is not', null)
      .groupBy('question')
      .execute();
    const negativeByQuestion = new Map(negatives.map((n) => [n.question, Number(n.n)]));
    return rows.map((r) => ({
      question: String(r.question),
      examples: [...(r.examples ?? [])].sort().slice(0, 5),
      language: r.language ?? null,
      count: Number(r.count),
      bestConfidence: Number(r.best),
      lastAskedAt: new Date(r.last as Date),
      negativeFeedback: negativeByQuestion.get(String(r.question)) ?? 0,
    }));
  }

  async listEmbeddings(workspaceId: string, providerId: string): Promise<ArticleEmbedding[]> {
    const rows = await this.db
      .selectFrom('kb_embeddings')
      .select(['article_id', 'content_hash', 'vectors'])
      .where('workspace_id', '=', workspaceId)
      .where('provider_id', '=', providerId)
      .execute();
    return rows.map((r) => ({ articleId: r.article_id, contentHash: r.content_hash, vectors: r.vectors }));
  }

  async saveEmbeddings(workspaceId: string, providerId: string, rows: readonly ArticleEmbedding[], now: Date): Promise<void> {
    for (const row of rows) {
      const vectors = JSON.stringify(row.vectors);
      await this.db
        .insertInto('kb_embeddings')
        .values({ workspace_id: workspaceId, article_id: row.articleId, provider_id: providerId, content_hash: row.contentHash, vectors, updated_at: now })
        .onConflict((oc) => oc.columns(['workspace_id', 'provider_id', 'article_id']).doUpdateSet({ content_hash: row.contentHash, vectors, updated_at: now }))
        .execute();
    }
  }

  async getSynonyms(workspaceId: string): Promise<string[][]> {
    const row = await this.db.selectFrom('kb_settings').select('synonyms').where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row?.synonyms ?? [];
  }

  async saveSynonyms(workspaceId: string, groups: string[][], now: Date): Promise<void> {
    const synonyms = JSON.stringify(groups);
    await this.db
      .insertInto('kb_settings')
      .values({ workspace_id: workspaceId, synonyms, updated_at: now })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ synonyms, updated_at: now }))
      .execute();
  }

  async workspaceIdBySlug(slug: string): Promise<string | null> {
    const row = await this.db.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirst();
    return row?.id ?? null;
  }

  private async insertVersion(row: ArticleRow, authorId: string | null, note: string | null, now: Date): Promise<void> {
    await this.db
      .insertInto('kb_article_versions')
      .values({
        workspace_id: row.workspace_id,
        article_id: row.id,
        version: row.version,
        title: row.title,
        body: row.body,
        summary: row.summary,
        phrasings: JSON.stringify(row.phrasings),
        steps: JSON.stringify(row.steps),
        variants: JSON.stringify(row.variants),
        author_id: authorId,
        note,
        created_at: now,
      })
      .execute();
  }
}

/**
 * The knowledge repository bound to a scope of the pg store (a transaction or `store.read`).
 *
 * @example
 * await store.transaction(async (tx) => pgKnowledgeRepositoryFor(tx).lockArticle(ws, id));
 */
export function pgKnowledgeRepositoryFor(scope: object): KnowledgeRepository {
  return new PgKnowledgeRepository(executorOf(scope));
}

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind as ArticleKind,
    language: row.language,
    slug: row.slug,
    category: row.category,
    tags: row.tags,
    audiences: row.audiences,
    channels: row.channels,
    status: row.status as ArticleStatus,
    title: row.title,
    body: row.body,
    summary: row.summary,
    phrasings: row.phrasings,
    steps: row.steps,
    variants: row.variants,
    version: row.version,
    publishedVersion: row.published_version,
    reviewBy: row.review_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

function toVersion(row: VersionRow & { author_name: string | null }): ArticleVersion {
  return {
    articleId: row.article_id,
    version: row.version,
    title: row.title,
    body: row.body,
    summary: row.summary,
    phrasings: row.phrasings,
    steps: row.steps,
    variants: row.variants,
    authorId: row.author_id,
    authorName: row.author_name,
    note: row.note,
    createdAt: row.created_at,
  };
}

function toPhrasing(row: PhrasingRow): LearnedPhrasing {
  return {
    id: row.id,
    articleId: row.article_id,
    text: row.text,
    language: row.language,
    status: row.status as LearnedPhrasing['status'],
    source: row.source as LearnedPhrasing['source'],
    createdAt: row.created_at,
  };
}
