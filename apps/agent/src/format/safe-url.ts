/**
 * A URL that may go in an href: http(s) or a same-origin absolute path. Anything else
 * (`javascript:`, `data:`, protocol-relative `//host`) is refused.
 * @example safeUrl('javascript:alert(1)') // null
 */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) return null;
  const trimmed = value.trim();
  if (trimmed.startsWith('/')) return trimmed.startsWith('//') || trimmed.startsWith('/\\') ? null : trimmed;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
