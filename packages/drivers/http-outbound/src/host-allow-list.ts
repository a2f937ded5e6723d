/**
 * Host names as compared against `PARLEY_OUTBOUND_ALLOW_HOSTS`: lowercase, without IPv6
 * brackets, port or trailing root dot, so `[::1]`, `::1`, `LocalHost.`, `localhost:3000`
 * all compare as a human means them.
 *
 * @example
 * normalizeHost('[::1]'); // '::1'
 */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  // A port written into an allow-list entry (`localhost:8080`, `[::1]:8080`) is ignored.
  const port = /^(\[[^\]]*\]|[^:]*):\d+$/.exec(h);
  if (port?.[1] !== undefined) h = port[1];
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/**
 * True when `host` (a URL's hostname) is listed exactly, ignoring case; ports are not
 * part of the comparison and there are no wildcards.
 *
 * @example
 * isHostAllowed('LOCALHOST', ['127.0.0.1', 'localhost']); // true
 * isHostAllowed('api.localhost', ['localhost']);          // false
 */
export function isHostAllowed(host: string, allowHosts: readonly string[]): boolean {
  const wanted = normalizeHost(host);
  return wanted !== '' && allowHosts.some((entry) => normalizeHost(entry) === wanted);
}
