import { AppError } from '@parley/kernel';
import { isHostAllowed, normalizeHost } from './host-allow-list.js';
import { classifyIp, type IpClass } from './ip-classification.js';
import { systemResolver, type HostResolver, type ResolvedAddress } from './resolver.js';

/** Outcome of checking a URL before connecting: the addresses to pin to, or why not. */
export type UrlVetting =
  | { ok: true; url: URL; host: string; addresses: ResolvedAddress[]; allowListed: boolean }
  | { ok: false; reason: 'blocked' | 'unresolved'; message: string };

export interface VetOptions {
  allowHosts: readonly string[];
  resolve?: HostResolver;
}

function parseUrl(url: string | URL): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

const blocked = (message: string): UrlVetting => ({ ok: false, reason: 'blocked', message });

/**
 * Checks scheme and destination of a URL and resolves its host once. Every resolved
 * address must be public (unless the host is allow-listed): a name with one private
 * answer is refused, since the connection could pick that one.
 *
 * @example
 * const vetting = await vetOutboundUrl('https://hooks.example.com/x', { allowHosts: [] });
 * if (vetting.ok) connectTo(vetting.addresses[0]);
 */
export async function vetOutboundUrl(url: string | URL, options: VetOptions): Promise<UrlVetting> {
  const parsed = parseUrl(url);
  if (parsed === undefined) return blocked('Not a valid absolute URL');
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return blocked(`Only http and https URLs are allowed, not ${parsed.protocol.replace(/:$/, '')}`);
  }
  const host = normalizeHost(parsed.hostname);
  if (host === '') return blocked('The URL has no host');
  const allowListed = isHostAllowed(host, options.allowHosts);

  const literal = classifyIp(host);
  if (literal !== undefined) {
    if (literal !== 'public' && !allowListed) return blocked(describe(host, literal));
    return { ok: true, url: parsed, host, addresses: [{ address: host, family: host.includes(':') ? 6 : 4 }], allowListed };
  }

  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, reason: 'unresolved', message: `Host "${host}" could not be resolved${typeof code === 'string' ? ` (${code})` : ''}` };
  }
  if (addresses.length === 0) return { ok: false, reason: 'unresolved', message: `Host "${host}" has no addresses` };
  if (!allowListed) {
    for (const { address } of addresses) {
      const kind = classifyIp(address) ?? 'reserved';
      // The resolved address itself is not echoed: it would map internal DNS for the caller.
      if (kind !== 'public') return blocked(`Host "${host}" resolves to a ${kind} address`);
    }
  }
  return { ok: true, url: parsed, host, addresses, allowListed };
}

function describe(host: string, kind: IpClass): string {
  return `Address ${host} is ${kind === 'unspecified' || kind === 'reserved' ? 'a reserved' : `a ${kind}`} address`;
}

/**
 * Throws `AppError('outbound_url_blocked')` unless `url` is http(s) and resolves only to
 * public addresses (or its host is in `allowHosts`). Use it when a URL is saved (a
 * channel's webhookUrl, a bot action); the client checks again at send time. A host that
 * does not resolve is refused too. Returns the parsed URL.
 *
 * @example
 * await assertOutboundUrlAllowed(body.webhookUrl, config.outboundAllowHosts);
 */
export async function assertOutboundUrlAllowed(
  url: string | URL,
  allowHosts: readonly string[],
  options: { resolve?: HostResolver } = {},
): Promise<URL> {
  const vetting = await vetOutboundUrl(url, { allowHosts, ...options });
  if (!vetting.ok) throw new AppError('outbound_url_blocked', vetting.message);
  return vetting.url;
}
