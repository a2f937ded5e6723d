import { parseIpv4, parseIpv6 } from './ip-address.js';

/** What kind of destination an IP address is; only `public` may be reached by default. */
export type IpClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

type Range<T> = readonly [base: T, prefix: number, kind: Exclude<IpClass, 'public'>];

const v4 = (dotted: string): number => parseIpv4(dotted) ?? Number.NaN;

// First match wins, so the broadcast /32 sits before the reserved 240/4 that contains it.
const IPV4_RANGES: readonly Range<number>[] = [
  [v4('0.0.0.0'), 8, 'unspecified'],
  [v4('10.0.0.0'), 8, 'private'],
  [v4('100.64.0.0'), 10, 'cgnat'],
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link-local'], // includes cloud metadata 169.254.169.254
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.0.0.0'), 24, 'reserved'], // IETF protocol assignments
  [v4('192.0.2.0'), 24, 'reserved'], // documentation
  [v4('192.88.99.0'), 24, 'reserved'], // deprecated 6to4 relay anycast
  [v4('192.168.0.0'), 16, 'private'],
  [v4('198.18.0.0'), 15, 'reserved'], // benchmarking
  [v4('198.51.100.0'), 24, 'reserved'], // documentation
  [v4('203.0.113.0'), 24, 'reserved'], // documentation
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('255.255.255.255'), 32, 'broadcast'],
  [v4('240.0.0.0'), 4, 'reserved'],
];

function inV4(value: number, base: number, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  return Math.floor(value / size) === Math.floor(base / size);
}

/** Class of an IPv4 address given as a 32-bit number. */
export function classifyIpv4Number(value: number): IpClass {
  for (const [base, prefix, kind] of IPV4_RANGES) {
    if (inV4(value, base, prefix)) return kind;
  }
  return 'public';
}

const v6 = (text: string): bigint => parseIpv6(text) ?? -1n;

const IPV6_RANGES: readonly Range<bigint>[] = [
  [v6('::'), 128, 'unspecified'],
  [v6('::1'), 128, 'loopback'],
  [v6('::'), 96, 'reserved'], // deprecated IPv4-compatible addresses
  [v6('64:ff9b:1::'), 48, 'reserved'], // local-use NAT64
  [v6('100::'), 64, 'reserved'], // discard-only
  [v6('2001::'), 32, 'reserved'], // Teredo: hides the real IPv4 endpoint
  [v6('2001:db8::'), 32, 'reserved'], // documentation
  [v6('fc00::'), 7, 'private'], // unique local
  [v6('fe80::'), 10, 'link-local'],
  [v6('fec0::'), 10, 'private'], // deprecated site-local
  [v6('ff00::'), 8, 'multicast'],
];

// IPv6 forms that carry an IPv4 address which is what the packet really reaches.
const EMBEDDED_V4: readonly (readonly [base: bigint, prefix: number, shift: bigint])[] = [
  [v6('::ffff:0:0'), 96, 0n], // IPv4-mapped
  [v6('64:ff9b::'), 96, 0n], // NAT64 well-known prefix
  [v6('2002::'), 16, 80n], // 6to4: the IPv4 address sits in bits 16..48
];

function inV6(value: bigint, base: bigint, prefix: number): boolean {
  const shift = BigInt(128 - prefix);
  return value >> shift === base >> shift;
}

const GLOBAL_UNICAST = v6('2000::');

/** Class of an IPv6 address given as a 128-bit bigint. */
export function classifyIpv6Number(value: bigint): IpClass {
  for (const [base, prefix, shift] of EMBEDDED_V4) {
    if (inV6(value, base, prefix)) return classifyIpv4Number(Number((value >> shift) & 0xffffffffn));
  }
  for (const [base, prefix, kind] of IPV6_RANGES) {
    if (inV6(value, base, prefix)) return kind;
  }
  // Everything outside 2000::/3 is unassigned or special-purpose.
  return inV6(value, GLOBAL_UNICAST, 3) ? 'public' : 'reserved';
}

/**
 * Classifies an IP literal (IPv4, or IPv6 with or without brackets). Returns undefined
 * when `address` is not an IP literal (a hostname, say).
 *
 * @example
 * classifyIp('169.254.169.254'); // 'link-local'
 * classifyIp('::ffff:127.0.0.1'); // 'loopback'
 * classifyIp('93.184.216.34');    // 'public'
 */
export function classifyIp(address: string): IpClass | undefined {
  const four = parseIpv4(address);
  if (four !== undefined) return classifyIpv4Number(four);
  const six = parseIpv6(address);
  if (six !== undefined) return classifyIpv6Number(six);
  return undefined;
}

/**
 * True unless `address` is a public unicast IP; anything unparsable counts as blocked.
 *
 * @example
 * isBlockedIp('10.1.2.3'); // true
 */
export function isBlockedIp(address: string): boolean {
  return classifyIp(address) !== 'public';
}
