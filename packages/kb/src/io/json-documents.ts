import { toKbDocument, type KbDocument, type KbImportIssue } from './kb-document.js';

/**
 * Reads documents from JSON: an array of objects, or `{ "documents": [...] }`.
 *
 * @example
 * parseJsonDocuments('[{"title":"Retours","body":"30 jours"}]').documents.length // 1
 */
export function parseJsonDocuments(source: string): { documents: KbDocument[]; issues: KbImportIssue[] } {
  let value: unknown;
  try {
    value = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch {
    return { documents: [], issues: [{ where: 'file', message: 'invalid JSON' }] };
  }
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? (value as { documents?: unknown }).documents : undefined;
  if (!Array.isArray(list)) return { documents: [], issues: [{ where: 'file', message: 'expected an array or { "documents": [...] }' }] };
  const documents: KbDocument[] = [];
  const issues: KbImportIssue[] = [];
  list.forEach((item: unknown, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({ where: `item ${i + 1}`, message: 'not an object' });
      return;
    }
    const doc = toKbDocument(item as Record<string, unknown>);
    if (typeof doc === 'string') issues.push({ where: `item ${i + 1}`, message: doc });
    else documents.push(doc);
  });
  return { documents, issues };
}

/**
 * Writes documents as pretty JSON (`{ "documents": [...] }`), readable by {@link parseJsonDocuments}.
 *
 * @example
 * serializeJsonDocuments([doc]).startsWith('{\n  "documents"') // true
 */
export function serializeJsonDocuments(docs: readonly KbDocument[]): string {
  return JSON.stringify({ documents: docs }, null, 2);
}
