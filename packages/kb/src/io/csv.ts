import { toKbDocument, type KbDocument, type KbImportIssue } from './kb-document.js';

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, newlines inside quotes).
 *
 * @example
 * parseCsv('a,b\n"x, y","z ""q"""') // [['a', 'b'], ['x, y', 'z "q"']]
 */
export function parseCsv(source: string): string[][] {
  const text = source.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * Writes CSV, quoting fields that need it. A field starting with = + - @ is prefixed with a quote
 * mark so a spreadsheet never runs it as a formula (CSV injection).
 *
 * @example
 * toCsv([['a', 'b,c']]) // 'a,"b,c"\r\n'
 */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  const cell = (v: string): string => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
}

const COLUMNS = [
  'slug',
  'kind',
  'language',
  'title',
  'body',
  'summary',
  'category',
  'tags',
  'audiences',
  'channels',
  'phrasings',
  'steps',
  'variant_sms',
  'variant_voice',
] as const;

/**
 * Writes documents as CSV: one row each, lists joined with " | ", `variant_sms` / `variant_voice` columns.
 *
 * @example
 * serializeCsvDocuments([doc]).split('\r\n')[0] // 'slug,kind,language,title,body,…'
 */
export function serializeCsvDocuments(docs: readonly KbDocument[]): string {
  const join = (v: readonly string[]): string => v.join(' | ');
  return toCsv([
    [...COLUMNS],
    ...docs.map((d) => [
      d.slug,
      d.kind,
      d.language,
      d.title,
      d.body,
      d.summary ?? '',
      d.category ?? '',
      join(d.tags),
      join(d.audiences),
      join(d.channels),
      join(d.phrasings),
      join(d.steps),
      d.variants['sms'] ?? '',
      d.variants['voice'] ?? '',
    ]),
  ]);
}

/**
 * Reads documents from CSV with a header row (`title`/`question` and `body`/`answer` at least).
 * A leading quote mark written by {@link serializeCsvDocuments} before = + - @ is removed.
 *
 * @example
 * parseCsvDocuments('title,body\nRetours,30 jours').documents[0].title // 'Retours'
 */
export function parseCsvDocuments(source: string): { documents: KbDocument[]; issues: KbImportIssue[] } {
  const [header, ...rows] = parseCsv(source);
  const documents: KbDocument[] = [];
  const issues: KbImportIssue[] = [];
  if (!header) return { documents, issues: [{ where: 'line 1', message: 'empty file' }] };
  const names = header.map((h) => h.trim().toLowerCase());
  rows.forEach((row, r) => {
    const record: Record<string, unknown> = {};
    names.forEach((name, c) => {
      const raw = row[c] ?? '';
      const value = /^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw;
      if (value === '') return;
      record[name] = ['tags', 'audiences', 'channels', 'phrasings', 'steps'].includes(name) ? value.split(' | ').map((v) => v.trim()) : value;
    });
    const doc = toKbDocument(record);
    if (typeof doc === 'string') issues.push({ where: `row ${r + 2}`, message: doc });
    else documents.push(doc);
  });
  return { documents, issues };
}
