import { toKbDocument, type KbDocument } from './kb-document.js';

// The front matter is a small YAML subset: `key: value`, `key: [a, b]`, and block lists (`- item`)
// and maps (one level, `  sms: text`). Values may be double-quoted JSON strings. It is enough for
// our own export and for hand-written files, and it never executes anything (no YAML tags).

type FrontValue = string | string[] | Record<string, string>;

function unquote(v: string): string {
  const t = v.trim();
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t.slice(1, -1);
    }
  }
  if (t.startsWith("'") && t.endsWith("'") && t.length >= 2) return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

function splitFlowList(inner: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string;
    if (quote) {
      current += c;
      if (c === '\\' && quote === '"' && i + 1 < inner.length) current += inner[++i];
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === ',') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map(unquote).filter((s) => s !== '');
}

/**
 * Splits a Markdown file into its front matter (a YAML subset) and body.
 *
 * @example
 * parseFrontMatter('---\ntitle: Hi\ntags: [a, b]\n---\nBody').data // { title: 'Hi', tags: ['a', 'b'] }
 */
export function parseFrontMatter(source: string): { data: Record<string, FrontValue>; body: string } {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { data: {}, body: text };
  const data: Record<string, FrontValue> = {};
  let openKey: string | null = null;
  for (const line of (match[1] ?? '').split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const item = /^\s+-\s?(.*)$/.exec(line);
    if (item && openKey) {
      const prev = data[openKey];
      data[openKey] = [...(Array.isArray(prev) ? prev : []), unquote(item[1] ?? '')];
      continue;
    }
    const sub = /^\s+([A-Za-z0-9_-]+):\s?(.*)$/.exec(line);
    if (sub && openKey) {
      const prev = data[openKey];
      data[openKey] = { ...(prev && typeof prev === 'object' && !Array.isArray(prev) ? prev : {}), [sub[1] as string]: unquote(sub[2] ?? '') };
      continue;
    }
    const kv = /^([A-Za-z0-9_-]+):\s?(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1] as string;
    const value = (kv[2] ?? '').trim();
    openKey = null;
    if (value === '') {
      openKey = key;
      data[key] = [];
    } else if (value.startsWith('[') && value.endsWith(']')) data[key] = splitFlowList(value.slice(1, -1));
    else data[key] = unquote(value);
  }
  return { data, body: text.slice(match[0].length) };
}

function scalar(v: string): string {
  // Quote whenever a plain scalar could be misread (leading/trailing spaces, specials, newlines).
  return /^[\p{L}\p{N}][\p{L}\p{N} .,'()/?!&+-]*$/u.test(v) && !/\s$/.test(v) && !/:\s/.test(v) ? v : JSON.stringify(v);
}

/**
 * Writes a document as Markdown with front matter; {@link parseMarkdownDocument} reads it back identically.
 *
 * @example
 * serializeMarkdownDocument(doc) // '---\nslug: retours\nkind: faq\n…\n---\nVous avez 30 jours…'
 */
export function serializeMarkdownDocument(doc: KbDocument): string {
  const lines = ['---', `slug: ${scalar(doc.slug)}`, `kind: ${doc.kind}`, `language: ${doc.language}`, `title: ${scalar(doc.title)}`];
  if (doc.summary !== null) lines.push(`summary: ${scalar(doc.summary)}`);
  if (doc.category !== null) lines.push(`category: ${scalar(doc.category)}`);
  const list = (key: string, values: readonly string[]): void => {
    if (values.length === 0) return;
    lines.push(`${key}:`, ...values.map((v) => `  - ${scalar(v)}`));
  };
  list('tags', doc.tags);
  list('audiences', doc.audiences);
  list('channels', doc.channels);
  list('phrasings', doc.phrasings);
  list('steps', doc.steps);
  const variants = Object.entries(doc.variants).filter(([k]) => /^[A-Za-z0-9_-]+$/.test(k));
  if (variants.length > 0) lines.push('variants:', ...variants.map(([k, v]) => `  ${k}: ${scalar(v)}`));
  lines.push('---');
  return `${lines.join('\n')}\n${doc.body}`;
}

/**
 * Reads one Markdown file with front matter. Without a `title`, the first `# heading` is the title
 * (and is removed from the body); without a `slug`, the file name is.
 *
 * @example
 * parseMarkdownDocument('---\nlanguage: en\n---\n# Returns\n30 days.', 'returns.md') // { slug: 'returns', title: 'Returns', body: '30 days.' … }
 */
export function parseMarkdownDocument(source: string, fileName?: string): KbDocument | string {
  const { data, body } = parseFrontMatter(source);
  let content = body;
  const record: Record<string, unknown> = { ...data };
  if (record['title'] === undefined) {
    const heading = /^\s*#\s+(.+?)\s*#*\s*(?:\n|$)/.exec(content);
    if (heading) {
      record['title'] = heading[1];
      content = content.slice(heading[0].length);
    }
  }
  record['body'] = content.replace(/^\n+/, '');
  const base = fileName
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.(md|markdown)$/i, '');
  return toKbDocument(record, base);
}
