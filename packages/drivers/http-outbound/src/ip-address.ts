/**
 * Strict IP literal parsing into integers, so ranges can be compared with plain
 * arithmetic. Only canonical dotted quads are IPv4 here: `new URL()` already rewrites the
 * odd forms (`0x7f.1`, `2130706433`) into dotted quads, and DNS answers are canonical.
 */

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * An IPv4 address as an unsigned 32-bit number, or undefined if `text` is not one.
 *
 * @example
 * parseIpv4('10.0.0.1'); // 167772161
 */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseHextets(groups: string[]): number[] | undefined {
  const out: number[] = [];
  for (const group of groups) {
    if (!HEXTET.test(group)) return undefined;
    out.push(parseInt(group, 16));
  }
  return out;
}

/**
 * An IPv6 address as a 128-bit bigint, or undefined if `text` is not one. Accepts `::`
 * compression, a dotted IPv4 tail (`::ffff:10.0.0.1`), a zone (`fe80::1%eth0`) and
 * surrounding brackets as found in URLs.
 *
 * @example
 * parseIpv6('::1'); // 1n
 */
export function parseIpv6(text: string): bigint | undefined {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  if (!s.includes(':')) return undefined;

  // A dotted IPv4 tail stands for the last two hextets.
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  const maybeV4 = s.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = parseIpv4(maybeV4);
    if (v4 === undefined) return undefined;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    const head = s.slice(0, lastColon + 1);
    // Keep a `::` that ends right before the tail; otherwise drop the separating colon.
    s = head.endsWith('::') ? head : head.slice(0, -1);
  }

  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const [headText = '', restText] = halves;
  const head = headText === '' ? [] : parseHextets(headText.split(':'));
  const rest = restText === undefined || restText === '' ? [] : parseHextets(restText.split(':'));
  if (head === undefined || rest === undefined) return undefined;

  const explicit = head.length + rest.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    if (explicit > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
  } else {
    if (explicit !== 8) return undefined;
    groups = [...head, ...tail];
  }
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}
