import { safeUrl } from './safe-url.js';

// Rich content (`{v:1, blocks:[…]}`) reduced to what the agent needs to read: text, the
// choices offered (read-only chips), cards and downloadable attachments. The content is
// `unknown` on the wire, so every field is checked.

export type BlockView =
  | { kind: 'text'; text: string }
  | { kind: 'chips'; text: string | null; labels: string[] }
  | { kind: 'cards'; cards: { title: string; subtitle: string | null; labels: string[] }[] }
  /** `unavailable`: why the provider's file could not be stored (too large, a refused type…); no link then. */
  | { kind: 'attachment'; fileName: string; contentType: string; sizeBytes: number | null; href: string | null; unavailable: string | null }
  /** An email's SPF/DKIM/DMARC verdicts, as the operator's mail server recorded them. */
  | { kind: 'auth'; server: string; results: Array<{ method: 'spf' | 'dkim' | 'dmarc'; verdict: string }> }
  | { kind: 'payload'; payload: string };

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const labelsOf = (v: unknown): string[] =>
  Array.isArray(v)
    ? v
        .filter(isObject)
        .map((b) => str(b.label))
        .filter((l): l is string => l !== null)
    : [];

/** The download link of an attachment block: our own file, or an external http(s) URL. */
export function attachmentHref(block: Loose): string | null {
  const id = str(block.attachmentId);
  if (id && /^[0-9a-f-]{36}$/i.test(id)) return `/api/v1/attachments/${id}`;
  return safeUrl(block.url);
}

/**
 * The views of a message's blocks; falls back to the plain `text` when the content is
 * missing or unreadable.
 * @example toBlockViews({ v: 1, blocks: [{ type: 'text', text: 'Hi' }] }, 'Hi') // [{ kind: 'text', text: 'Hi' }]
 */
export function toBlockViews(content: unknown, fallbackText: string): BlockView[] {
  const blocks = isObject(content) && Array.isArray(content.blocks) ? content.blocks.filter(isObject) : [];
  const views: BlockView[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text': {
        const text = str(block.text);
        if (text) views.push({ kind: 'text', text });
        break;
      }
      case 'buttons':
      case 'quick_replies':
        views.push({ kind: 'chips', text: str(block.text), labels: labelsOf(block.type === 'buttons' ? block.buttons : block.replies) });
        break;
      case 'cards':
        views.push({
          kind: 'cards',
          cards: (Array.isArray(block.cards) ? block.cards.filter(isObject) : []).map((c) => ({
            title: str(c.title) ?? '',
            subtitle: str(c.subtitle),
            labels: labelsOf(c.buttons),
          })),
        });
        break;
      case 'attachment': {
        const unavailable = str(block.unavailable);
        views.push({
          kind: 'attachment',
          fileName: str(block.fileName) ?? 'file',
          contentType: str(block.contentType) ?? '',
          sizeBytes: typeof block.sizeBytes === 'number' ? block.sizeBytes : null,
          // A file refused by the policy is not offered from the provider's URL either.
          href: unavailable ? null : attachmentHref(block),
          unavailable,
        });
        break;
      }
      case 'email': {
        const auth = isObject(block.authentication) ? block.authentication : null;
        const server = auth ? str(auth.authservId) : null;
        if (auth && server) {
          const results = (['spf', 'dkim', 'dmarc'] as const).flatMap((method) => {
            const verdict = str(auth[method]);
            return verdict ? [{ method, verdict }] : [];
          });
          views.push({ kind: 'auth', server, results });
        }
        break;
      }
      case 'payload': {
        const payload = str(block.payload);
        if (payload) views.push({ kind: 'payload', payload });
        break;
      }
      default:
        break;
    }
  }
  if (views.length === 0 && fallbackText) views.push({ kind: 'text', text: fallbackText });
  return views;
}

/** A one-line preview of a message for the conversation list. */
export function previewOf(content: unknown, text: string, max = 120): string {
  const plain =
    text ||
    toBlockViews(content, '')
      .map((v) =>
        v.kind === 'text'
          ? v.text
          : v.kind === 'chips'
            ? (v.text ?? v.labels.join(' · '))
            : v.kind === 'cards'
              ? v.cards.map((c) => c.title).join(' / ')
              : v.kind === 'attachment'
                ? `📎 ${v.fileName}`
                : '',
      )
      .filter(Boolean)
      .join(' ');
  const oneLine = plain.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** `1536` → `1.5 KB`. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
