import { BlockList } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4, parseIpv6 } from './ip-address.js';
import { classifyIp, isBlockedIp, type IpClass } from './ip-classification.js';

// The ranges as the brief states them (plus documented special-purpose blocks), written
// independently of the implementation's table.
const V4_RANGES: [string, number, IpClass][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const oracle = new BlockList();
for (const [base, prefix] of V4_RANGES) oracle.addSubnet(base, prefix, 'ipv4');

const toDotted = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const toMappedHex = (n: number): string => `::ffff:${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
const uint32 = fc.integer({ min: 0, max: 0xffffffff });

describe('IPv4 classification (properties)', () => {
  it('parses every dotted quad back to its number', () => {
    fc.assert(fc.property(uint32, (n) => parseIpv4(toDotted(n)) === n));
  });

  it('blocks exactly the special ranges (node BlockList as the oracle)', () => {
    fc.assert(
      fc.property(uint32, (n) => {
        const ip = toDotted(n);
        expect(isBlockedIp(ip)).toBe(oracle.check(ip, 'ipv4'));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives every address inside a range that range’s class', () => {
    const inRange = fc.constantFrom(...V4_RANGES).chain(([base, prefix, kind]) =>
      fc.integer({ min: 0, max: 2 ** (32 - prefix) - 1 }).map((offset) => ({ ip: (parseIpv4(base) ?? 0) + offset, kind })),
    );
    fc.assert(
      fc.property(inRange, ({ ip, kind }) => {
        const expected = ip === 0xffffffff ? 'broadcast' : kind;
        expect(classifyIp(toDotted(ip))).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('classifies IPv4-mapped IPv6 like the IPv4 address, in both notations', () => {
    fc.assert(
      fc.property(uint32, (n) => {
        const v4 = classifyIp(toDotted(n));
        expect(classifyIp(`::ffff:${toDotted(n)}`)).toBe(v4);
        expect(classifyIp(toMappedHex(n))).toBe(v4);
        expect(classifyIp(`[${toMappedHex(n)}]`)).toBe(v4);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('classifyIp (examples)', () => {
  it.each<[string, IpClass]>([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['2002:7f00:0001::', 'loopback'],
    ['2002:0808:0808::1', 'public'],
    ['::127.0.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2001:4860:4860::8888', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['3fff::1', 'public'],
    ['4000::1', 'reserved'],
  ])('%s is %s', (ip, kind) => {
    expect(classifyIp(ip)).toBe(kind);
  });

  it.each(['localhost', 'example.com', '', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1::2::3', ':::', '1:2:3:4:5:6:7:8:9', '::ffff:1.2.3', 'g::1'])(
    '%j is not an IP literal',
    (text) => {
      expect(classifyIp(text)).toBeUndefined();
      expect(isBlockedIp(text)).toBe(true);
    },
  );

  it('parses IPv6 forms to the same number', () => {
    expect(parseIpv6('::ffff:1.2.3.4')).toBe(parseIpv6('0:0:0:0:0:ffff:0102:0304'));
    expect(parseIpv6('1:2:3:4:5:6:7::')).toBe(parseIpv6('1:2:3:4:5:6:7:0'));
    expect(parseIpv6('1:2:3:4:5:6:1.2.3.4')).toBe(parseIpv6('1:2:3:4:5:6:102:304'));
  });
});
