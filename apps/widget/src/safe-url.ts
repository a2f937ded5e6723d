// URLs from messages (buttons, cards, attachments) are untrusted: only http(s) may become a link
// or an image, resolved against the Parley server (relative attachment URLs live there).

/**
 * The absolute URL if it is http(s), else null (`javascript:`, `data:`, garbage).
 * @example safeHttpUrl('javascript:alert(1)', 'https://parley.example') // null
 */
export function safeHttpUrl(raw: string | undefined | null, base: string): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** True when `raw` resolves to the Parley server's own origin (thumbnails are shown only then). */
export function isSameOrigin(raw: string, serverOrigin: string): boolean {
  const safe = safeHttpUrl(raw, serverOrigin);
  return safe !== null && new URL(safe).origin === new URL(serverOrigin).origin;
}
