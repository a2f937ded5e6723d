import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults, readAuthenticationResults } from './authentication-results.js';

const mail = (...headers: string[]) => Buffer.from(`${headers.join('\r\n')}\r\nSubject: hi\r\n\r\nAuthentication-Results: mx.shop.test; spf=fail\r\n`);

describe('Authentication-Results', () => {
  it('reads the verdicts of each method, ignoring comments and properties', () => {
    expect(
      parseAuthenticationResults(
        'mx.shop.test 1; spf=pass (sender SPF authorized; ok) smtp.mailfrom=client.test; dkim=pass header.d=client.test header.s=s1; dmarc=pass (p=REJECT) header.from=client.test',
      ),
    ).toMatchObject({ authservId: 'mx.shop.test', spf: 'pass', dkim: 'pass', dmarc: 'pass' });
    // Two signatures: one passing is enough; the first verdict otherwise.
    expect(parseAuthenticationResults('mx.shop.test; dkim=fail header.d=a.test; dkim=pass header.d=b.test')?.dkim).toBe('pass');
    expect(parseAuthenticationResults('mx.shop.test; dkim=fail header.d=a.test; dkim=neutral header.d=b.test')?.dkim).toBe('fail');
    expect(parseAuthenticationResults('mx.shop.test; none')).toEqual({ authservId: 'mx.shop.test', header: 'mx.shop.test; none', entries: [] });
    expect(parseAuthenticationResults('; spf=pass')).toBeNull();
  });

  it('trusts only the topmost header of the configured server, never one the sender wrote below it or under another id', () => {
    const raw = mail(
      'Authentication-Results: mx.shop.test;',
      '  spf=pass smtp.mailfrom=client.test;',
      '\tdkim=fail (bad signature) header.d=client.test; dmarc=fail',
      'Authentication-Results: mx.shop.test; spf=pass; dkim=pass; dmarc=pass',
      'Authentication-Results: other.example; spf=pass',
      'From: a@client.test',
    );
    expect(readAuthenticationResults(raw, 'MX.shop.test')).toMatchObject({ authservId: 'mx.shop.test', spf: 'pass', dkim: 'fail', dmarc: 'fail' });
    expect(readAuthenticationResults(raw, 'other.example')).toEqual({
      authservId: 'other.example',
      spf: 'pass',
      header: 'other.example; spf=pass',
      entries: [{ method: 'spf', result: 'pass', properties: {} }],
    });
    // The body is not headers.
    expect(readAuthenticationResults(mail('From: a@client.test'), 'mx.shop.test')).toBeNull();
  });

  it('keeps each result with its properties, quoted values unquoted, spaces around = tolerated', () => {
    expect(
      parseAuthenticationResults(
        'mx.shop.test; dkim=fail header.d=a.test; dkim = pass (good) header.d = "B.test" header.i=@b.test header.s=s1; spf=pass smtp.mailfrom=bounce@c.test; dmarc=pass header.from=b.test',
      )?.entries,
    ).toEqual([
      { method: 'dkim', result: 'fail', properties: { 'header.d': 'a.test' } },
      { method: 'dkim', result: 'pass', properties: { 'header.d': 'B.test', 'header.i': '@b.test', 'header.s': 's1' } },
      { method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'bounce@c.test' } },
      { method: 'dmarc', result: 'pass', properties: { 'header.from': 'b.test' } },
    ]);
  });

  it('never splits inside a quoted string: a sender-chosen local part cannot inject a result', () => {
    // MAIL FROM:<"x;dmarc=pass header.from=client.test"@evil.test> as the MX quotes it.
    const parsed = parseAuthenticationResults(
      'mx.shop.test; spf=pass smtp.mailfrom="x;dmarc=pass header.from=client.test (y"@evil.test; dmarc=fail header.from=client.test',
    );
    expect(parsed?.entries).toEqual([
      { method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': '"x;dmarc=pass header.from=client.test (y"@evil.test' } },
      { method: 'dmarc', result: 'fail', properties: { 'header.from': 'client.test' } },
    ]);
    expect(parsed?.dmarc).toBe('fail');
  });
});
