import { AppError } from '@parley/kernel';
import { requirePermission, type Article, type Principal } from '@parley/domain';
import {
  parseCsvDocuments,
  parseJsonDocuments,
  parseMarkdownDocument,
  serializeCsvDocuments,
  serializeJsonDocuments,
  serializeMarkdownDocument,
  type KbDocument,
  type KbImportIssue,
} from '@parley/kb';
import { createInTransaction } from './article.flows.js';
import { KB_PUBLISHED_EVENT, KB_QUEUES, type KnowledgeDeps } from './knowledge-deps.js';

/** Import formats: a folder of Markdown files, one CSV file, one JSON file. */
export type KbFormat = 'markdown' | 'csv' | 'json';

/** What an import did. Each document is matched to an existing article by slug. */
export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  issues: KbImportIssue[];
}

/** Parses import files into documents (no storage). */
export function parseImport(format: KbFormat, files: ReadonlyArray<{ name: string; content: string }>): { documents: KbDocument[]; issues: KbImportIssue[] } {
  const documents: KbDocument[] = [];
  const issues: KbImportIssue[] = [];
  for (const file of files) {
    if (format === 'markdown') {
      const doc = parseMarkdownDocument(file.content, file.name);
      if (typeof doc === 'string') issues.push({ where: file.name, message: doc });
      else documents.push(doc);
      continue;
    }
    const parsed = format === 'csv' ? parseCsvDocuments(file.content) : parseJsonDocuments(file.content);
    documents.push(...parsed.documents);
    issues.push(...parsed.issues.map((i) => ({ where: `${file.name}: ${i.where}`, message: i.message })));
  }
  return { documents, issues };
}

/**
 * Imports documents: new slugs become drafts, known slugs get a new version when their content
 * changed. With `publish`, every imported article is published in the same transaction.
 *
 * @example
 * await importKnowledge(deps, principal, 'markdown', [{ name: 'retours.md', content: '---\nlanguage: fr\n---\n# Retours\n30 jours.' }]);
 */
export async function importKnowledge(
  deps: KnowledgeDeps,
  principal: Principal,
  format: KbFormat,
  files: ReadonlyArray<{ name: string; content: string }>,
  options: { publish?: boolean } = {},
): Promise<ImportReport> {
  requirePermission(principal, 'knowledge:write');
  const { documents, issues } = parseImport(format, files);
  const seen = new Set<string>();
  const unique = documents.filter((d) => {
    if (seen.has(d.slug)) {
      issues.push({ where: d.slug, message: 'duplicate slug in this import; the first one was kept' });
      return false;
    }
    seen.add(d.slug);
    return true;
  });
  if (unique.length > 2000) throw new AppError('payload_too_large', 'At most 2,000 documents per import');
  const report: ImportReport = { created: [], updated: [], unchanged: [], issues };
  const ws = principal.workspaceId;
  await deps.store.transaction(async (tx) => {
    const repo = deps.knowledge(tx);
    for (const doc of unique) {
      const existing = await repo.findBySlug(ws, doc.slug);
      let article: Article;
      if (!existing) {
        article = await createInTransaction(deps, tx, ws, principal.userId, {
          ...doc,
          tags: [...doc.tags],
          audiences: [...doc.audiences],
          channels: [...doc.channels],
          phrasings: [...doc.phrasings],
          steps: [...doc.steps],
          variants: { ...doc.variants },
        });
        report.created.push(doc.slug);
      } else {
        const updated = await repo.updateArticle(
          ws,
          existing.id,
          {
            ...doc,
            tags: [...doc.tags],
            audiences: [...doc.audiences],
            channels: [...doc.channels],
            phrasings: [...doc.phrasings],
            steps: [...doc.steps],
            variants: { ...doc.variants },
          },
          principal.userId,
          'import',
          deps.clock.now(),
        );
        article = updated ?? existing;
        (article.version !== existing.version ? report.updated : report.unchanged).push(doc.slug);
      }
      if (options.publish && (article.status !== 'published' || article.publishedVersion !== article.version))
        await repo.setStatus(ws, article.id, 'published', article.version, deps.clock.now());
    }
    if (options.publish && unique.length > 0) {
      await tx.enqueue({ queue: KB_QUEUES.reindex, workspaceId: ws, payload: { import: unique.length }, orderingKey: `kb:${ws}` });
      tx.publishAfterCommit({ name: KB_PUBLISHED_EVENT, workspaceId: ws, payload: { import: unique.length } });
    }
  });
  if (options.publish) deps.engines.invalidate(ws);
  return report;
}

/** Article → exchange document (latest content). */
export function toDocument(a: Article): KbDocument {
  return {
    slug: a.slug,
    kind: a.kind,
    language: a.language,
    title: a.title,
    body: a.body,
    summary: a.summary,
    category: a.category,
    tags: a.tags,
    audiences: a.audiences,
    channels: a.channels,
    phrasings: a.phrasings,
    steps: a.steps,
    variants: a.variants,
  };
}

/**
 * Exports every article (latest content): Markdown as one file per article, CSV or JSON as one file.
 *
 * @example
 * (await exportKnowledge(deps, principal, 'markdown')).files[0].name // 'delais-de-livraison.md'
 */
export async function exportKnowledge(
  deps: KnowledgeDeps,
  principal: Principal,
  format: KbFormat,
): Promise<{ files: Array<{ name: string; content: string }> }> {
  requirePermission(principal, 'knowledge:write');
  const docs = (await deps.knowledge(deps.store.read).listArticles(principal.workspaceId, {})).sort((a, b) => a.slug.localeCompare(b.slug)).map(toDocument);
  if (format === 'markdown') return { files: docs.map((d) => ({ name: `${d.slug}.md`, content: serializeMarkdownDocument(d) })) };
  if (format === 'csv') return { files: [{ name: 'knowledge.csv', content: serializeCsvDocuments(docs) }] };
  return { files: [{ name: 'knowledge.json', content: serializeJsonDocuments(docs) }] };
}
