/** Kinds of knowledge content. */
export const KB_KINDS = ['article', 'faq', 'procedure', 'canned'] as const;
export type KbKind = (typeof KB_KINDS)[number];

/**
 * One piece of knowledge as exchanged in files (Markdown with front matter, CSV, JSON).
 * Storage adds ids, versions and authors; files carry content only.
 */
export interface KbDocument {
  /** Stable key within a workspace (file name without extension in a Markdown folder). */
  readonly slug: string;
  readonly kind: KbKind;
  readonly language: string;
  readonly title: string;
  /** Markdown. */
  readonly body: string;
  readonly summary: string | null;
  readonly category: string | null;
  readonly tags: readonly string[];
  readonly audiences: readonly string[];
  readonly channels: readonly string[];
  /** Alternative questions (FAQ). */
  readonly phrasings: readonly string[];
  /** Ordered steps (procedures). */
  readonly steps: readonly string[];
  /** Per-channel short versions, e.g. `{ sms: '…', voice: '…' }`. */
  readonly variants: Readonly<Record<string, string>>;
}

/** A document that could not be read, with where and why. */
export interface KbImportIssue {
  readonly where: string;
  readonly message: string;
}

/**
 * Makes a URL-safe slug from a title (accents folded, lower case, dashes).
 *
 * @example
 * slugify('Délais de livraison !') // 'delais-de-livraison'
 */
export function slugify(text: string): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return s || 'article';
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  if (typeof value === 'string')
    return value
      .split(/[|;]/)
      .map((v) => v.trim())
      .filter(Boolean);
  return [];
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * Validates a loose record (from JSON, CSV or front matter) into a document; returns a message when unusable.
 * Accepts `question`/`answer` as aliases of `title`/`body` (FAQ files), `variant_sms`-style keys for variants.
 *
 * @example
 * toKbDocument({ title: 'Retours', body: '30 jours', language: 'fr' }) // { slug: 'retours', kind: 'article', … }
 */
export function toKbDocument(record: Readonly<Record<string, unknown>>, fallbackSlug?: string): KbDocument | string {
  const title = text(record['title']) ?? text(record['question']);
  // The body is kept byte for byte (whitespace included) so that export → import is lossless.
  const rawBody = record['body'] ?? record['answer'];
  const body = typeof rawBody === 'string' ? rawBody : (text(rawBody) ?? '');
  if (!title) return 'missing "title"';
  if (title.length > 300) return '"title" is longer than 300 characters';
  if (body.length > 100_000) return '"body" is longer than 100,000 characters';
  const kindRaw = text(record['kind']) ?? (record['question'] !== undefined ? 'faq' : 'article');
  if (!(KB_KINDS as readonly string[]).includes(kindRaw)) return `"kind" must be one of ${KB_KINDS.join(', ')}`;
  const language = (text(record['language']) ?? 'fr').toLowerCase();
  if (!/^[a-z]{2}$/.test(language)) return '"language" must be a two-letter code';
  const variants: Record<string, string> = {};
  const rawVariants = record['variants'];
  if (rawVariants && typeof rawVariants === 'object' && !Array.isArray(rawVariants))
    for (const [k, v] of Object.entries(rawVariants as Record<string, unknown>)) if (typeof v === 'string' && v.trim()) variants[k] = v;
  for (const [k, v] of Object.entries(record)) if (k.startsWith('variant_') && typeof v === 'string' && v.trim()) variants[k.slice(8)] = v;
  const slug = slugify(text(record['slug']) ?? fallbackSlug ?? title);
  return {
    slug,
    kind: kindRaw as KbKind,
    language,
    title: title.trim(),
    body,
    summary: text(record['summary']),
    category: text(record['category']),
    tags: strings(record['tags']),
    audiences: strings(record['audiences']),
    channels: strings(record['channels']),
    phrasings: strings(record['phrasings']),
    steps: strings(record['steps']),
    variants,
  };
}
