import { AppError } from '@parley/kernel';
import { describe, expect, it } from 'vitest';
import { isHostAllowed } from './host-allow-list.js';
import { assertOutboundUrlAllowed, vetOutboundUrl } from './outbound-url-guard.js';
import type { HostResolver } from './resolver.js';

const dns = (table: Record<string, string[]>): HostResolver => async (host) => {
  const answers = table[host];
  if (answers === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const resolve = dns({
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'internal.example.com': ['10.0.0.7'],
  'mixed.example.com': ['93.184.216.34', '127.0.0.1'],
  'metadata.example.com': ['169.254.169.254'],
  'localhost': ['127.0.0.1', '::1'],
  'empty.example.com': [],
});

async function blockedMessage(url: string, allowHosts: string[] = []): Promise<string> {
  try {
    await assertOutboundUrlAllowed(url, allowHosts, { resolve });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('outbound_url_blocked');
    return (error as AppError).message;
  }
  throw new Error(`${url} was not blocked`);
}

describe('assertOutboundUrlAllowed', () => {
  it('accepts public http(s) URLs and returns the parsed URL', async () => {
    const url = await assertOutboundUrlAllowed('https://hooks.example.com/in?x=1', [], { resolve });
    expect(url.href).toBe('https://hooks.example.com/in?x=1');
    await expect(assertOutboundUrlAllowed('http://8.8.8.8:8080/', [], { resolve })).resolves.toBeInstanceOf(URL);
  });

  it.each(['ftp://hooks.example.com/', 'file:///etc/passwd', 'gopher://hooks.example.com/', 'javascript:alert(1)', 'not a url', '/relative'])(
    'refuses %s',
    async (url) => {
      expect(await blockedMessage(url)).toMatch(/http|URL/);
    },
  );

  it.each([
    'http://127.0.0.1/',
    'http://127.1/',
    'http://0x7f.0.0.1/',
    'http://2130706433/',
    'http://0/',
    'http://[::1]:8080/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/latest/meta-data',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.1/',
    'http://192.168.0.10/',
    'http://100.64.1.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
  ])('refuses the literal %s', async (url) => {
    expect(await blockedMessage(url)).toMatch(/is a/);
  });

  it('refuses names resolving to any non-public address, without echoing it', async () => {
    expect(await blockedMessage('https://internal.example.com/')).toBe('Host "internal.example.com" resolves to a private address');
    expect(await blockedMessage('https://mixed.example.com/')).toContain('loopback');
    expect(await blockedMessage('https://metadata.example.com/')).toContain('link-local');
    expect(await blockedMessage('http://localhost:3000/')).toContain('loopback');
  });

  it('refuses hosts that do not resolve', async () => {
    expect(await blockedMessage('https://nowhere.invalid/')).toContain('could not be resolved (ENOTFOUND)');
    expect(await blockedMessage('https://empty.example.com/')).toContain('no addresses');
  });

  it('lets allow-listed hosts through, case-insensitively and whatever the port', async () => {
    await expect(assertOutboundUrlAllowed('http://127.0.0.1:9999/x', ['127.0.0.1'], { resolve })).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrlAllowed('http://LocalHost:3000/', ['localhost'], { resolve })).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrlAllowed('http://[::1]/', ['::1'], { resolve })).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrlAllowed('http://internal.example.com/', ['INTERNAL.example.com'], { resolve })).resolves.toBeInstanceOf(URL);
    // Exact match only: no suffix or sibling matching.
    await blockedMessage('http://127.0.0.2/', ['127.0.0.1']);
    await blockedMessage('http://internal.example.com/', ['example.com']);
  });
});

describe('vetOutboundUrl', () => {
  it('returns every resolved address to pin the connection to', async () => {
    const vetting = await vetOutboundUrl('https://hooks.example.com/', { allowHosts: [], resolve });
    expect(vetting.ok && vetting.addresses.map((a) => a.family)).toEqual([4, 6]);
  });

  it('tells blocked from unresolved', async () => {
    expect(await vetOutboundUrl('http://nowhere.invalid/', { allowHosts: [], resolve })).toMatchObject({ ok: false, reason: 'unresolved' });
    expect(await vetOutboundUrl('http://10.0.0.1/', { allowHosts: [], resolve })).toMatchObject({ ok: false, reason: 'blocked' });
  });
});

describe('isHostAllowed', () => {
  it.each<[string, string[], boolean]>([
    ['localhost', ['localhost'], true],
    ['localhost', ['LOCALHOST.'], true],
    ['localhost', ['localhost:8080'], true],
    ['::1', ['[::1]:8080'], true],
    ['[::1]', ['::1'], true],
    ['api.localhost', ['localhost'], false],
    ['localhost', [], false],
    ['', [''], false],
  ])('%s in %j → %s', (host, list, expected) => {
    expect(isHostAllowed(host, list)).toBe(expected);
  });
});
