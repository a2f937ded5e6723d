import { createHash, verify, type KeyObject } from 'node:crypto';

/**
 * A DKIM verifier for tests (RFC 6376, rsa-sha256 with relaxed/relaxed canonicalization, the
 * only form Parley signs): the body hash against `bh=`, then the signature over the headers
 * named in `h=` and the DKIM-Signature itself with `b=` emptied. The public key is given, as a
 * DNS lookup of `{s}._domainkey.{d}` would return it. Test code only.
 *
 * @example
 * expect(verifyDkim(captured.raw, publicKey)).toMatchObject({ bodyHashOk: true, signatureOk: true });
 */
export function verifyDkim(raw: Buffer, publicKey: KeyObject): { tags: Record<string, string>; bodyHashOk: boolean; signatureOk: boolean } {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const headerBlock = split === -1 ? text : text.slice(0, split + 2);
  const body = split === -1 ? '' : text.slice(split + 4);
  const headers = unfoldHeaders(headerBlock);
  const signature = headers.find((h) => h.name.toLowerCase() === 'dkim-signature');
  if (!signature) throw new Error('no DKIM-Signature header');
  const tags = parseTags(signature.value);
  if (tags.a !== 'rsa-sha256' || tags.c !== 'relaxed/relaxed') throw new Error(`unexpected a=${tags.a} c=${tags.c}`);

  const bodyHash = createHash('sha256').update(relaxedBody(body), 'latin1').digest('base64');
  // Each name in h= takes the next instance of that header from the bottom (RFC 6376 §5.4.2).
  const used = new Map<string, number>();
  let signed = '';
  for (const name of (tags.h ?? '').split(':').map((n) => n.trim().toLowerCase())) {
    const instances = headers.filter((h) => h.name.toLowerCase() === name && h !== signature);
    const taken = used.get(name) ?? 0;
    const header = instances[instances.length - 1 - taken];
    used.set(name, taken + 1);
    if (header) signed += `${relaxedHeader(header.name, header.value)}\r\n`;
  }
  signed += relaxedHeader(signature.name, signature.value.replace(/(^|;)(\s*b\s*=)[^;]*/, '$1$2'));
  const signatureOk = verify('RSA-SHA256', Buffer.from(signed, 'latin1'), publicKey, Buffer.from((tags.b ?? '').replace(/\s+/g, ''), 'base64'));
  return { tags, bodyHashOk: bodyHash === tags.bh, signatureOk };
}

function unfoldHeaders(block: string): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const last = out.at(-1);
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) last.value += `\r\n${line}`;
    else {
      const colon = line.indexOf(':');
      out.push({ name: line.slice(0, colon), value: line.slice(colon + 1) });
    }
  }
  return out;
}

function parseTags(value: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of value.replace(/\r\n/g, '').split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    tags[part.slice(0, eq).trim()] = part
      .slice(eq + 1)
      .replace(/\s+/g, (m) => (part.slice(0, eq).trim() === 'h' ? '' : m))
      .trim();
  }
  return tags;
}

/** §3.4.2: lower-case name, unfolded value, runs of whitespace as one space, none at the ends. */
function relaxedHeader(name: string, value: string): string {
  return `${name.trim().toLowerCase()}:${value
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim()}`;
}

/** §3.4.4: no trailing whitespace on lines, runs of whitespace as one space, no empty lines at the end. */
function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}
